/**
 * A password is its exact UTF-8 bytes: spaces anywhere and non-ASCII letters go into
 * string-to-key untouched, so the same text trimmed or normalised differently is wrong.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import { KDC_ERR_PREAUTH_FAILED } from '../../../src/krb5/iana/error-codes.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

const SPACED = '  leading, inner  and trailing spaces  ';
// Composed (NFC) letters: "ü" is U+00FC, not "u" + U+0308.
const NON_ASCII = 'Grüße, Jürgen! Ça va? 漢字 😀';

function preauthFailed(err: unknown): true {
  assert.ok(err instanceof KdcError, String(err));
  assert.equal(err.errorCode, KDC_ERR_PREAUTH_FAILED);
  return true;
}

describe('passwords are exact bytes (MIT krb5kdc)', () => {
  let realm: TestRealm;
  let client: KerberosClient;

  before(async () => {
    realm = await startRealm();
    client = new KerberosClient({ config: await loadKrb5Config(realm.env) });
    await realm.addPrincipal('spaced', SPACED);
    await realm.addPrincipal('accented', NON_ASCII);
  });
  after(async () => {
    await realm?.stop();
  });

  const user = (name: string) => client.principal(name, realm.realm);

  it('logs in with leading, inner and trailing spaces', async () => {
    const ticket = await client.getInitialTicket(user('spaced'), SPACED);
    assert.equal(ticket.client.name.nameString[0], 'spaced');
  });

  it('refuses the same password trimmed, or with its spaces collapsed', async () => {
    await assert.rejects(client.getInitialTicket(user('spaced'), SPACED.trim()), preauthFailed);
    await assert.rejects(client.getInitialTicket(user('spaced'), SPACED.trimEnd()), preauthFailed);
    await assert.rejects(
      client.getInitialTicket(user('spaced'), SPACED.replace(/ +/g, ' ')),
      preauthFailed,
    );
  });

  it('logs in with non-ASCII letters, and MIT kinit agrees', async () => {
    const ticket = await client.getInitialTicket(user('accented'), NON_ASCII);
    assert.equal(ticket.client.name.nameString[0], 'accented');
    assert.equal(await realm.kinit(`accented@${realm.realm}`, NON_ASCII), true);
  });

  it('refuses the same letters decomposed (NFD) or padded with spaces', async () => {
    const decomposed = NON_ASCII.normalize('NFD');
    assert.notEqual(decomposed, NON_ASCII);
    await assert.rejects(client.getInitialTicket(user('accented'), decomposed), preauthFailed);
    await assert.rejects(
      client.getInitialTicket(user('accented'), ` ${NON_ASCII} `),
      preauthFailed,
    );
  });
});
