/**
 * The per-principal string-to-key parameters the backend keeps (src/service/etype-hints.ts):
 * bounded in time and number, and handed to the library's password change after a login.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../src/krb5/client/kerberos-client.js';
import type { Principal } from '../../src/krb5/client/principal.js';
import { loadKrb5Config } from '../../src/krb5/config/index.js';
import type { ChangePasswordResult } from '../../src/krb5/kpasswd/change.js';
import type { EtypeInfo2Entry } from '../../src/krb5/messages/types.js';
import { EtypeHints } from '../../src/service/etype-hints.js';
import { createKerberosBackend } from '../../src/service/kerberos-backend.js';
import { startRealm, type TestRealm } from '../../src/testrealm/index.js';

const INFO: EtypeInfo2Entry = { etype: 18, salt: 'EXAMPLE.ORGalice' };

describe('EtypeHints', () => {
  it('forgets an entry once its time is up', () => {
    let now = 1_000;
    const hints = new EtypeHints({ ttlMs: 100, now: () => now });
    hints.remember('alice@EXAMPLE.ORG', INFO);
    now += 99;
    assert.deepEqual(hints.get('alice@EXAMPLE.ORG'), INFO);
    now += 1;
    assert.equal(hints.get('alice@EXAMPLE.ORG'), undefined);
    assert.equal(hints.size, 0);
  });

  it('keeps at most maxEntries, forgetting the least recently remembered first', () => {
    const hints = new EtypeHints({ maxEntries: 2 });
    hints.remember('a@R', INFO);
    hints.remember('b@R', INFO);
    hints.remember('a@R', INFO);
    hints.remember('c@R', INFO);
    assert.equal(hints.size, 2);
    assert.equal(hints.get('b@R'), undefined, 'b was the oldest');
    assert.ok(hints.get('a@R') && hints.get('c@R'));
  });

  it('forget removes one principal', () => {
    const hints = new EtypeHints();
    hints.remember('a@R', INFO);
    hints.forget('a@R');
    assert.equal(hints.get('a@R'), undefined);
  });
});

/** A real client that records the parameters each change was given. */
class RecordingClient extends KerberosClient {
  readonly given: (EtypeInfo2Entry | undefined)[] = [];

  override changePassword(
    client: Principal,
    oldPassword: string,
    newPassword: string,
    hints: { readonly etypeInfo?: EtypeInfo2Entry } = {},
  ): Promise<ChangePasswordResult> {
    this.given.push(hints.etypeInfo);
    return super.changePassword(client, oldPassword, newPassword, hints);
  }
}

describe('the Kerberos backend with a real KDC', () => {
  let realm: TestRealm;
  let client: RecordingClient;

  before(async () => {
    realm = await startRealm();
    client = new RecordingClient({ config: await loadKrb5Config(realm.env) });
  });
  after(() => realm.stop());

  it('a login leaves the parameters the next change uses; a failed change drops them', async () => {
    await realm.addPrincipal('hinted', 'Hinted pass 1');
    const hints = new EtypeHints();
    const backend = createKerberosBackend(client, hints);
    const principal = `hinted@${realm.realm}`;

    assert.equal((await backend.login('hinted', realm.realm, 'Hinted pass 1')).ok, true);
    assert.equal(hints.get(principal)?.salt, `${realm.realm}hinted`);

    const changed = await backend.changePassword(
      'hinted',
      realm.realm,
      'Hinted pass 1',
      'Hinted 2',
    );
    assert.deepEqual(changed, { ok: true, confirmed: true });
    assert.equal(client.given.at(-1)?.salt, `${realm.realm}hinted`);

    const wrong = await backend.changePassword('hinted', realm.realm, 'Not it', 'Hinted 3');
    assert.equal(wrong.ok, false);
    assert.equal(hints.get(principal), undefined);

    await backend.changePassword('hinted', realm.realm, 'Hinted 2', 'Hinted 4');
    assert.equal(client.given.at(-1), undefined, 'after a failure the KDC is asked afresh');
    assert.ok(hints.get(principal), 'and its answer remembered again');
  });
});
