/**
 * The KDC's refusals reach callers as typed KdcErrors: wrong password, unknown principal,
 * expired and must-change passwords, a locked principal and clock skew, each from a real
 * MIT krb5kdc.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { kadminChangepw, unparsePrincipal } from '../../../src/krb5/client/principal.js';
import type { Krb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import {
  KDC_ERR_CLIENT_REVOKED,
  KDC_ERR_C_PRINCIPAL_UNKNOWN,
  KDC_ERR_KEY_EXPIRED,
  KDC_ERR_PREAUTH_FAILED,
  KRB_AP_ERR_SKEW,
} from '../../../src/krb5/iana/error-codes.js';
import type { TestRealm } from '../../../src/testrealm/index.js';
import { startRealmClient } from '../../helpers/realm-client.js';

const PASSWORD = 'Right-pass-1';
const HOUR = 3600 * 1000;

/** A predicate for assert.rejects: a KdcError with this code and RFC name. */
function kdcError(errorCode: number, errorName: string) {
  return (err: unknown): true => {
    assert.ok(err instanceof KdcError, `expected a KdcError, got ${String(err)}`);
    assert.equal(err.code, 'ERR_KDC');
    assert.equal(err.errorCode, errorCode);
    assert.equal(err.errorName, errorName);
    return true;
  };
}

function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() % 1000)));
}

describe('KDC errors from MIT krb5kdc', () => {
  let realm: TestRealm;
  let config: Krb5Config;
  let client: KerberosClient;

  before(async () => {
    ({ realm, config, client } = await startRealmClient());
    await realm.addPrincipal('alice', PASSWORD);
    await realm.addPrincipal('must-change', PASSWORD, { needChange: true });
    await realm.addPrincipal('expired', PASSWORD, { pwExpireNow: true });
    // "-pwexpire now" is the current second; MIT's KDC counts it expired only after it.
    await nextSecond();
    await realm.addPolicy('lockout', { maxFailure: 2, lockoutDuration: '1 hour' });
    await realm.addPrincipal('lockable', PASSWORD, { policy: 'lockout' });
  });
  after(async () => {
    await realm?.stop();
  });

  const user = (name: string) => client.principal(name, realm.realm);

  it('a wrong password is KDC_ERR_PREAUTH_FAILED (24)', async () => {
    await assert.rejects(
      client.getInitialTicket(user('alice'), 'Wrong-pass-1'),
      kdcError(KDC_ERR_PREAUTH_FAILED, 'KDC_ERR_PREAUTH_FAILED'),
    );
  });

  it('an unknown principal is KDC_ERR_C_PRINCIPAL_UNKNOWN (6)', async () => {
    await assert.rejects(
      client.getInitialTicket(user('nobody'), PASSWORD),
      kdcError(KDC_ERR_C_PRINCIPAL_UNKNOWN, 'KDC_ERR_C_PRINCIPAL_UNKNOWN'),
    );
  });

  for (const name of ['must-change', 'expired']) {
    it(`${name}: krbtgt is KDC_ERR_KEY_EXPIRED (23), kadmin/changepw is issued`, async () => {
      await assert.rejects(
        client.getInitialTicket(user(name), PASSWORD),
        kdcError(KDC_ERR_KEY_EXPIRED, 'KDC_ERR_KEY_EXPIRED'),
      );

      const ticket = await client.getInitialTicket(
        user(name),
        PASSWORD,
        kadminChangepw(realm.realm),
      );
      assert.equal(unparsePrincipal(ticket.service), `kadmin/changepw@${realm.realm}`);
    });

    it(`${name}: KEY_EXPIRED proves nothing; kadmin/changepw checks the password`, async () => {
      // MIT answers KEY_EXPIRED for krbtgt before it looks at pre-authentication.
      await assert.rejects(
        client.getInitialTicket(user(name), 'Wrong-pass-1'),
        kdcError(KDC_ERR_KEY_EXPIRED, 'KDC_ERR_KEY_EXPIRED'),
      );
      await assert.rejects(
        client.getInitialTicket(user(name), 'Wrong-pass-1', kadminChangepw(realm.realm)),
        kdcError(KDC_ERR_PREAUTH_FAILED, 'KDC_ERR_PREAUTH_FAILED'),
      );
    });
  }

  it(
    'after maxfailure wrong passwords even the ' + 'right one is KDC_ERR_CLIENT_REVOKED (18)',
    async () => {
      await client.getInitialTicket(user('lockable'), PASSWORD);
      for (let i = 0; i < 2; i++) {
        await assert.rejects(
          client.getInitialTicket(user('lockable'), 'Wrong-pass-1'),
          kdcError(KDC_ERR_PREAUTH_FAILED, 'KDC_ERR_PREAUTH_FAILED'),
        );
      }

      await assert.rejects(
        client.getInitialTicket(user('lockable'), PASSWORD),
        kdcError(KDC_ERR_CLIENT_REVOKED, 'KDC_ERR_CLIENT_REVOKED'),
      );
      await assert.rejects(
        client.getInitialTicket(user('lockable'), PASSWORD, kadminChangepw(realm.realm)),
        kdcError(KDC_ERR_CLIENT_REVOKED, 'KDC_ERR_CLIENT_REVOKED'),
      );

      await realm.kadmin(['modprinc -unlock lockable']);
      await client.getInitialTicket(user('lockable'), PASSWORD);
    },
  );

  for (const offset of [HOUR, -HOUR]) {
    it(
      `a clock ${offset > 0 ? 'an hour ahead' : 'an hour behind'} ` + `is KRB_AP_ERR_SKEW (37)`,
      async () => {
        const skewed = new KerberosClient({ config, now: () => new Date(Date.now() + offset) });

        await assert.rejects(skewed.getInitialTicket(user('alice'), PASSWORD), (err: unknown) => {
          kdcError(KRB_AP_ERR_SKEW, 'KRB_AP_ERR_SKEW')(err);
          // The KDC says what time it is: enough to diagnose the skew.
          const serverTime = (err as KdcError).serverTime;
          assert.ok(serverTime !== undefined);
          assert.ok(Math.abs(serverTime.getTime() - Date.now()) < 60_000);
          return true;
        });
      },
    );
  }

  it('a clock two minutes off is within the KDC’s tolerance', async () => {
    const slightly = new KerberosClient({ config, now: () => new Date(Date.now() - 120_000) });
    const ticket = await slightly.getInitialTicket(user('alice'), PASSWORD);
    assert.ok(ticket.endtime.getTime() > Date.now());
  });

  it('error messages name the error but never the password', async () => {
    const secret = 'Canary-secret-9';
    await assert.rejects(client.getInitialTicket(user('alice'), secret), (err: unknown) => {
      assert.ok(err instanceof KdcError);
      assert.match(err.message, /24 KDC_ERR_PREAUTH_FAILED/);
      assert.ok(!err.message.includes(secret) && !String(err.stack).includes(secret));
      return true;
    });
  });
});
