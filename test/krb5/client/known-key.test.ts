/**
 * A key already derived from the password (as after a change, when the KDC's salt and
 * enctype are known) lets the AS exchange pre-authenticate in its first request: one round
 * trip instead of two, against a real MIT krb5kdc. The password change uses this for its
 * confirmation.
 */

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import { getInitialTicket, type KdcSender } from '../../../src/krb5/client/as-exchange.js';
import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import {
  kpasswdAddresses,
  loadKrb5Config,
  type Krb5Config,
} from '../../../src/krb5/config/index.js';
import { stringToKey } from '../../../src/krb5/crypto/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import { changePassword } from '../../../src/krb5/kpasswd/change.js';
import { exchangeTcp, exchangeUdp } from '../../../src/krb5/transport/index.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

let realm: TestRealm;
let config: Krb5Config;
let client: KerberosClient;

before(async () => {
  realm = await startRealm();
  config = await loadKrb5Config(realm.env);
  client = new KerberosClient({ config });
});

after(() => realm.stop());

/** The realm's KDC sender, counting the requests it sends. */
function countingSender(): { send: KdcSender; count: () => number } {
  const inner = client.kdcSender(realm.realm);
  let sent = 0;
  return {
    send: (request) => {
      sent += 1;
      return inner(request);
    },
    count: () => sent,
  };
}

it("with a known key the exchange takes one request; a wrong one is the KDC's 24", async () => {
  await realm.addPrincipal('kk', 'Known key 1');
  const principal = client.principal('kk', realm.realm);
  const first = countingSender();
  const ticket = await getInitialTicket({
    client: principal,
    password: 'Known key 1',
    send: first.send,
  });
  assert.equal(first.count(), 2, 'without a key: PREAUTH_REQUIRED, then the real request');

  const info = ticket.etypeInfo;
  const again = countingSender();
  const key = stringToKey(info.etype, 'Known key 1', info.salt ?? '', info.s2kparams);
  const fast = await getInitialTicket({
    client: principal,
    password: 'Known key 1',
    send: again.send,
    knownKey: { etypeInfo: info, key },
  });
  assert.equal(again.count(), 1);
  assert.equal(fast.replyEnctype, info.etype);

  const wrong = stringToKey(info.etype, 'Known key 2', info.salt ?? '', info.s2kparams);
  await assert.rejects(
    getInitialTicket({
      client: principal,
      password: 'Known key 2',
      send: countingSender().send,
      knownKey: { etypeInfo: info, key: wrong },
    }),
    (err: unknown) => err instanceof KdcError && err.errorCode === 24,
  );
});

it('a change with confirmation costs three KDC requests, not four', async () => {
  await realm.addPrincipal('kc', 'Known change 1');
  const counter = countingSender();
  const outcome = await changePassword({
    client: client.principal('kc', realm.realm),
    oldPassword: 'Known change 1',
    newPassword: 'Known change 2',
    kdc: counter.send,
    servers: kpasswdAddresses(config, realm.realm),
    tcp: exchangeTcp,
    udp: exchangeUdp,
    timeoutMs: 3000,
  });
  assert.equal(outcome.result.code, 0);
  assert.equal(outcome.confirmed, true);
  assert.equal(counter.count(), 3, 'two for kadmin/changepw, one for the confirmation');
});
