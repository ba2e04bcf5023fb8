/**
 * Password changes over RFC 3244 against MIT kadmind: success, the old password's proof,
 * every policy refusal with its parsed reason, expired and must-change principals, and a
 * locked principal.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import type { Principal } from '../../../src/krb5/client/principal.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import {
  KDC_ERR_CLIENT_REVOKED,
  KDC_ERR_KEY_EXPIRED,
  KDC_ERR_PREAUTH_FAILED,
} from '../../../src/krb5/iana/error-codes.js';
import type { ChangePasswordResult } from '../../../src/krb5/kpasswd/change.js';
import { KPASSWD_RESULT } from '../../../src/krb5/kpasswd/result.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

/** The policy of most principals here: no minimum life, so they can change at once. */
const STRICT = { minLength: 10, minClasses: 3, history: 3 };
const OLD = 'Old-password-1';
const NEW = 'New-password-2';

function kdcError(errorCode: number) {
  return (err: unknown): true => {
    assert.ok(err instanceof KdcError, String(err));
    assert.equal(err.code, 'ERR_KDC');
    assert.equal(err.errorCode, errorCode);
    return true;
  };
}

function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() % 1000)));
}

function assertChanged(outcome: ChangePasswordResult): void {
  assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
  assert.equal(outcome.result.codeName, 'KRB5_KPASSWD_SUCCESS');
  assert.deepEqual(outcome.result.reasons, []);
  assert.equal(outcome.confirmed, true);
  assert.equal(outcome.recovered, undefined);
}

function assertSoftError(outcome: ChangePasswordResult): void {
  assert.equal(outcome.result.code, KPASSWD_RESULT.SOFTERROR);
  assert.equal(outcome.confirmed, undefined);
  assert.equal(outcome.result.reasons.length, 1);
}

describe('RFC 3244 password change against MIT kadmind', () => {
  let realm: TestRealm;
  let client: KerberosClient;
  let serial = 0;

  before(async () => {
    realm = await startRealm();
    client = new KerberosClient({ config: await loadKrb5Config(realm.env) });
    await realm.addPolicy('strict', STRICT);
    await realm.addPolicy('slow', { minLife: '1 hour' });
    await realm.addPolicy('lockout', { maxFailure: 2, lockoutDuration: '1 hour' });
  });
  after(async () => {
    await realm?.stop();
  });

  /** A new principal for one test, so that no test depends on another. */
  async function newUser(
    opts: Parameters<TestRealm['addPrincipal']>[2] = { policy: 'strict' },
  ): Promise<Principal> {
    const name = `user${++serial}`;
    await realm.addPrincipal(name, OLD, opts);
    return client.principal(name, realm.realm);
  }

  async function works(principal: Principal, password: string): Promise<boolean> {
    try {
      await client.getInitialTicket(principal, password);
      return true;
    } catch (err) {
      kdcError(KDC_ERR_PREAUTH_FAILED)(err);
      return false;
    }
  }

  it('changes the password: the new one works, the old one no longer does', async () => {
    const alice = await newUser();

    const outcome = await client.changePassword(alice, OLD, NEW);

    assertChanged(outcome);
    assert.equal(await works(alice, NEW), true);
    assert.equal(await works(alice, OLD), false);
  });

  it('a wrong old password is KdcError 24 and changes nothing', async () => {
    const bob = await newUser();

    await assert.rejects(
      client.changePassword(bob, 'Not-the-password-1', NEW),
      kdcError(KDC_ERR_PREAUTH_FAILED),
    );

    assert.equal(await works(bob, OLD), true);
    assert.equal(await works(bob, NEW), false);
  });

  it('too short: too_short with the policy minimum length', async () => {
    const user = await newUser();

    const outcome = await client.changePassword(user, OLD, 'Sh0rt!');

    assertSoftError(outcome);
    assert.deepEqual(outcome.result.reasons, [{ kind: 'too_short', minLength: STRICT.minLength }]);
    assert.equal(await works(user, OLD), true);
  });

  it('too few classes: too_few_classes with the policy minimum', async () => {
    const user = await newUser();

    const outcome = await client.changePassword(user, OLD, 'onlylowercaseletters');

    assertSoftError(outcome);
    assert.deepEqual(outcome.result.reasons, [
      { kind: 'too_few_classes', minClasses: STRICT.minClasses },
    ]);
    assert.equal(await works(user, OLD), true);
  });

  it('a password from the history: reused', async () => {
    const user = await newUser();
    assertChanged(await client.changePassword(user, OLD, NEW));

    const outcome = await client.changePassword(user, NEW, OLD);

    assertSoftError(outcome);
    assert.deepEqual(outcome.result.reasons, [{ kind: 'reused' }]);
    assert.equal(await works(user, NEW), true);
  });

  it(
    'a second change within the minimum life: ' + 'too_soon, with the time it becomes possible',
    async () => {
      const user = await newUser({});
      const start = Date.now();
      assertChanged(await client.changePassword(user, OLD, NEW));
      const end = Date.now();
      await realm.kadmin([`modprinc -policy slow ${user.name.nameString[0]}`]);

      const outcome = await client.changePassword(user, NEW, 'Third-password-3');

      assertSoftError(outcome);
      const [reason] = outcome.result.reasons;
      assert.equal(reason?.kind, 'too_soon');
      assert.ok(reason.until instanceof Date, 'the date in MIT’s text was read');
      // kadmind (TZ=UTC) prints whole seconds: last change + 1 hour.
      const hour = 3600 * 1000;
      const until = reason.until.getTime();
      assert.ok(until >= start + hour - 1000 && until <= end + hour, `until ${reason.until}`);
      assert.equal(await works(user, NEW), true);
    },
  );

  for (const [kind, opts] of [
    ['must-change', { policy: 'strict', needChange: true }],
    ['expired', { policy: 'strict', pwExpireNow: true }],
  ] as const) {
    it(`${kind}: changes its password, then gets a krbtgt ticket`, async () => {
      const user = await newUser(opts);
      // "-pwexpire now" is the current second; MIT's KDC counts it expired only after it.
      await nextSecond();
      await assert.rejects(client.getInitialTicket(user, OLD), kdcError(KDC_ERR_KEY_EXPIRED));

      const outcome = await client.changePassword(user, OLD, NEW);

      // Confirmation is an AS exchange for krbtgt with the new password.
      assertChanged(outcome);
      const tgt = await client.getInitialTicket(user, NEW);
      assert.equal(tgt.service.name.nameString[0], 'krbtgt');
    });
  }

  it('a locked principal is refused with KdcError 18 and its password is unchanged', async () => {
    const user = await newUser({ policy: 'lockout' });
    for (let i = 0; i < 2; i++) assert.equal(await works(user, 'Wrong-password-9'), false);

    await assert.rejects(client.changePassword(user, OLD, NEW), kdcError(KDC_ERR_CLIENT_REVOKED));

    await realm.kadmin([`modprinc -unlock ${user.name.nameString[0]}`]);
    assert.equal(await works(user, OLD), true);
    assert.equal(await works(user, NEW), false);
  });
});
