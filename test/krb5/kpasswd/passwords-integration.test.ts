/**
 * New passwords reach kadmind as their exact UTF-8 bytes: non-ASCII letters, leading and
 * trailing spaces and a 1000-character password each work afterwards, with this library and
 * with MIT's kinit.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import { KDC_ERR_PREAUTH_FAILED } from '../../../src/krb5/iana/error-codes.js';
import { KPASSWD_RESULT } from '../../../src/krb5/kpasswd/result.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

const OLD = 'Old-password-1';

const PASSWORDS: ReadonlyArray<{ label: string; password: string; wrong: string }> = [
  {
    label: 'non-ASCII letters',
    password: 'Grüße, Jürgen! Ça va? 漢字 😀',
    wrong: 'Grüße, Jürgen! Ça va? 漢字 😀'.normalize('NFD'),
  },
  {
    label: 'leading and trailing spaces',
    password: '   spaces around me   ',
    wrong: 'spaces around me',
  },
  {
    label: '1000 characters',
    password: 'The quick brown fox jumps over the lazy dog; 0123456789! '.repeat(20).slice(0, 1000),
    wrong: 'The quick brown fox jumps over the lazy dog; 0123456789! '.repeat(20).slice(0, 999),
  },
];

describe('new passwords are exact bytes (MIT kadmind)', () => {
  let realm: TestRealm;
  let client: KerberosClient;
  let serial = 0;

  before(async () => {
    realm = await startRealm();
    client = new KerberosClient({ config: await loadKrb5Config(realm.env) });
  });
  after(async () => {
    await realm?.stop();
  });

  for (const { label, password, wrong } of PASSWORDS) {
    it(`sets a password with ${label}`, async () => {
      assert.notEqual(wrong, password);
      const name = `user${++serial}`;
      await realm.addPrincipal(name, OLD);
      const user = client.principal(name, realm.realm);

      const outcome = await client.changePassword(user, OLD, password);

      assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
      assert.equal(outcome.confirmed, true);
      await client.getInitialTicket(user, password);
      await assert.rejects(client.getInitialTicket(user, wrong), (err: unknown) => {
        assert.ok(err instanceof KdcError);
        assert.equal(err.errorCode, KDC_ERR_PREAUTH_FAILED);
        return true;
      });
      // MIT's own client derives the same key from the same bytes.
      assert.equal(await realm.kinit(`${name}@${realm.realm}`, password), true);
      assert.equal(await realm.kinit(`${name}@${realm.realm}`, wrong), false);

      // The new password is also accepted as the old one for the next change.
      const back = await client.changePassword(user, password, OLD);
      assert.equal(back.result.code, KPASSWD_RESULT.SUCCESS);
    });
  }
});
