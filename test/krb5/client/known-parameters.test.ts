/**
 * The client's string-to-key parameters known from an earlier exchange (a login, or the
 * change's own first exchange) let a key be derived before the KDC names them; the KDC is
 * still asked first, and the key used only if it names the same. Against a real MIT
 * krb5kdc: how many requests a change sends, and that stale parameters never cost a failed
 * attempt toward a lockout.
 */

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import { getInitialTicket, type KdcSender } from '../../../src/krb5/client/as-exchange.js';
import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { kpasswdAddresses, type Krb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import { changePassword, type ChangePasswordResult } from '../../../src/krb5/kpasswd/change.js';
import type { EtypeInfo2Entry } from '../../../src/krb5/messages/types.js';
import { exchangeTcp, exchangeUdp } from '../../../src/krb5/transport/index.js';
import type { TestRealm } from '../../../src/testrealm/index.js';
import { startRealmClient } from '../../helpers/realm-client.js';

let realm: TestRealm;
let config: Krb5Config;
let client: KerberosClient;

before(async () => {
  ({ realm, config, client } = await startRealmClient());
});

after(() => realm.stop());

/**
 * The realm's KDC sender, counting the requests it sends: a request still being made counts
 * once it is ready, and not if it is dropped.
 */
function countingSender(): { send: KdcSender; count: () => number } {
  const inner = client.kdcSender(realm.realm);
  let sent = 0;
  return {
    send: (request) => {
      Promise.resolve(request).then(
        () => (sent += 1),
        () => undefined,
      );
      return inner(request);
    },
    count: () => sent,
  };
}

/** The options of a change of `name`'s password in the realm of `config`, by `krb`. */
function changeOptions(
  krb: KerberosClient,
  cfg: Krb5Config,
  realmName: string,
  name: string,
  passwords: { from: string; to: string },
  kdc: KdcSender = krb.kdcSender(realmName),
): Parameters<typeof changePassword>[0] {
  return {
    client: krb.principal(name, realmName),
    oldPassword: passwords.from,
    newPassword: passwords.to,
    kdc,
    servers: kpasswdAddresses(cfg, realmName),
    tcp: exchangeTcp,
    udp: exchangeUdp,
    timeoutMs: 3000,
  };
}

it('a key from known parameters is used once the KDC names them; a wrong one is 24', async () => {
  await realm.addPrincipal('kk', 'Known key 1');
  const principal = client.principal('kk', realm.realm);
  const first = countingSender();
  const ticket = await getInitialTicket({
    client: principal,
    password: 'Known key 1',
    send: first.send,
  });
  assert.equal(first.count(), 2, 'PREAUTH_REQUIRED, then the real request');

  const info = ticket.etypeInfo;
  const again = countingSender();
  const guessed = await getInitialTicket({
    client: principal,
    password: 'Known key 1',
    send: again.send,
    etypeInfoHint: info,
  });
  assert.equal(again.count(), 2, 'the KDC is asked all the same');
  assert.equal(guessed.replyEnctype, info.etype);

  await assert.rejects(
    getInitialTicket({
      client: principal,
      password: 'Known key 2',
      send: countingSender().send,
      etypeInfoHint: info,
    }),
    (err: unknown) => err instanceof KdcError && err.errorCode === 24,
  );

  let released = false;
  const gate = new Promise((resolve) => setTimeout(resolve, 50)).then(() => (released = true));
  const held = countingSender();
  const late = getInitialTicket({
    client: principal,
    password: 'Known key 1',
    send: held.send,
    etypeInfoHint: info,
    sendAfter: gate,
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(held.count(), 0, 'nothing is sent before sendAfter resolves');
  await late;
  assert.ok(released);
  assert.equal(held.count(), 2);
});

it('a confirmed change asks the KDC four times: probe and request, twice', async () => {
  await realm.addPrincipal('kc', 'Known change 1');
  const counter = countingSender();
  const passwords = { from: 'Known change 1', to: 'Known change 2' };
  const outcome = await changePassword(
    changeOptions(client, config, realm.realm, 'kc', passwords, counter.send),
  );
  assert.equal(outcome.result.code, 0);
  assert.equal(outcome.confirmed, true);
  assert.equal(counter.count(), 4, 'probe and request for kadmin/changepw, then for krbtgt');
  assert.equal(outcome.etypeInfo?.salt, `${realm.realm}kc`, 'the parameters it used come back');
});

/** A change of `name`'s password, counting the KDC requests it sends. */
async function countedChange(
  name: string,
  from: string,
  to: string,
  etypeInfo?: EtypeInfo2Entry,
): Promise<{ outcome: ChangePasswordResult; requests: number }> {
  const counter = countingSender();
  const outcome = await changePassword({
    ...changeOptions(client, config, realm.realm, name, { from, to }, counter.send),
    ...(etypeInfo !== undefined && { etypeInfo }),
  });
  return { outcome, requests: counter.count() };
}

/** MIT's count of failed pre-authentications for `name` (its policy enables lockout). */
async function failedAttempts(name: string): Promise<number> {
  const out = await realm.kadmin([`getprinc ${name}`]);
  const count = /Failed password attempts: (\d+)/.exec(out)?.[1];
  assert.ok(count !== undefined, 'getprinc shows the failure count');
  return Number(count);
}

it('with the parameters of an earlier exchange a change still asks, then uses them', async () => {
  await realm.addPolicy('kh-lockout', { maxFailure: 3 });
  await realm.addPrincipal('kh', 'Hinted change 1', { policy: 'kh-lockout' });
  const first = await countedChange('kh', 'Hinted change 1', 'Hinted change 2');
  assert.equal(first.requests, 4);
  assert.equal(first.outcome.etypeInfo?.salt, `${realm.realm}kh`);

  const second = await countedChange(
    'kh',
    'Hinted change 2',
    'Hinted change 3',
    first.outcome.etypeInfo,
  );
  assert.equal(second.outcome.result.code, 0);
  assert.equal(second.outcome.confirmed, true);
  assert.equal(
    second.requests,
    4,
    'the PREAUTH_REQUIRED probes are still sent: guesses are checked',
  );
  assert.equal(await failedAttempts('kh'), 0);
  assert.ok(await realm.kinit(`kh@${realm.realm}`, 'Hinted change 3'));
});

it("a wrong old password with parameters known is one failed attempt, the KDC's 24", async () => {
  await realm.addPrincipal('kw', 'Hinted wrong 1', { policy: 'kh-lockout' });
  const hint = { etype: 18, salt: `${realm.realm}kw` };
  await assert.rejects(
    countedChange('kw', 'Not the password', 'Hinted wrong 3', hint),
    (err: unknown) => err instanceof KdcError && err.errorCode === 24,
  );
  assert.equal(await failedAttempts('kw'), 1);
  assert.ok(await realm.kinit(`kw@${realm.realm}`, 'Hinted wrong 1'), 'password unchanged');
});

it('stale or wrong parameters never cost a failed attempt; the change goes through', async () => {
  await realm.addPrincipal('ks', 'Stale hint 0', { policy: 'kh-lockout' });
  const stale: EtypeInfo2Entry[] = [
    { etype: 18, salt: `${realm.realm}someone-else` },
    { etype: 17, salt: `${realm.realm}ks` },
    { etype: 18, salt: `${realm.realm}ks`, s2kparams: Uint8Array.of(0, 0, 0x20, 0) },
    { etype: 23, salt: `${realm.realm}ks` },
    { etype: 18, salt: `${realm.realm}ks`, s2kparams: Uint8Array.of(1, 2) },
  ];
  for (const [i, hint] of stale.entries()) {
    const from = `Stale hint ${i}`;
    const { outcome, requests } = await countedChange('ks', from, `Stale hint ${i + 1}`, hint);
    assert.equal(outcome.result.code, 0, `hint ${i}`);
    assert.equal(outcome.confirmed, true, `hint ${i}`);
    assert.equal(requests, 4, `hint ${i}`);
    assert.deepEqual(outcome.etypeInfo, { etype: 18, salt: `${realm.realm}ks` }, "the KDC's");
  }
  assert.equal(await failedAttempts('ks'), 0);
});

it('a salt the change replaces costs no failed attempt, even at maxfailure 1', async () => {
  // kadmind makes the new keys with the realm's normal salt: the confirmation's guess (the
  // old salt) is stale, and must be checked against the KDC's before anything is sent.
  await realm.addPolicy('kn-strict', { maxFailure: 1 });
  await realm.addPrincipal('kn', 'Salted change 1', {
    enctypes: 'aes256-cts-hmac-sha1-96:special',
    policy: 'kn-strict',
  });
  const { outcome, requests } = await countedChange('kn', 'Salted change 1', 'Salted change 2');
  assert.equal(outcome.result.code, 0);
  assert.equal(outcome.confirmed, true);
  assert.equal(outcome.etypeInfo?.salt, `${realm.realm}kn`, 'the salt the new keys have');
  assert.equal(requests, 4);
  assert.equal(await failedAttempts('kn'), 0);
  assert.ok(await realm.kinit(`kn@${realm.realm}`, 'Salted change 2'), 'not locked');
});

it('a refused change sends no confirmation', async () => {
  await realm.addPolicy('kp-long', { minLength: 16 });
  await realm.addPrincipal('kp', 'Refused change 0001', { policy: 'kp-long' });
  const hint = { etype: 18, salt: `${realm.realm}kp` };
  const { outcome, requests } = await countedChange(
    'kp',
    'Refused change 0001',
    'Too short 2',
    hint,
  );
  assert.equal(outcome.result.code, 4);
  assert.equal(outcome.confirmed, undefined);
  assert.equal(requests, 2, 'kadmin/changepw only (probe, request): the confirmation was dropped');
});

it('keys the change makes with other enctypes cost no failed attempt at maxfailure 1', async () => {
  // The realm now makes aes128 keys only; the user's keys date from when it made aes256
  // ones. The confirmation's guess (aes256, the old salt) is stale: it must be checked
  // against the KDC's answer, never sent, or the correct change would lock the user.
  const {
    realm: narrowed,
    config: narrowedConfig,
    client: narrowedClient,
  } = await startRealmClient({ supportedEnctypes: ['aes128-cts-hmac-sha1-96:normal'] });
  try {
    await narrowed.addPolicy('kt-strict', { maxFailure: 1 });
    await narrowed.addPrincipal('kt', 'Narrowed 1', {
      enctypes: 'aes256-cts-hmac-sha1-96:normal',
      policy: 'kt-strict',
    });
    const passwords = { from: 'Narrowed 1', to: 'Narrowed 2' };
    const outcome = await changePassword(
      changeOptions(narrowedClient, narrowedConfig, narrowed.realm, 'kt', passwords),
    );
    assert.equal(outcome.result.code, 0);
    assert.equal(outcome.confirmed, true);
    assert.equal(outcome.etypeInfo?.etype, 17, 'the new keys are aes128');
    const out = await narrowed.kadmin(['getprinc kt']);
    assert.match(out, /Failed password attempts: 0/);
    assert.ok(await narrowed.kinit(`kt@${narrowed.realm}`, 'Narrowed 2'), 'not locked');
  } finally {
    await narrowed.stop();
  }
});
