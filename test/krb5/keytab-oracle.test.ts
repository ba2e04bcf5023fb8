/**
 * Our string-to-key against MIT's: principals are created in a throwaway MIT realm, their
 * keys exported with `ktadd -norandkey`, and each key recomputed from the password. Any
 * difference in password bytes (trimming, normalisation, quoting) or in the salt shows here.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { stringToKey } from '../../src/krb5/crypto/index.js';
import { ENCTYPE_NAMES } from '../../src/krb5/iana/enctypes.js';
import { startRealm, type TestRealm } from '../../src/testrealm/index.js';

const REALM = 'ORACLE.TEST';
const AES_ENCTYPES = [17, 18, 19, 20];

/** name -> password; multi-component names are written with "/". */
const PRINCIPALS: Record<string, string> = {
  plain: 'Correct horse battery staple 7',
  nonascii: 'Grüße aus Köln – ça marche? 漢字テスト 😀',
  spaces: '   leading, inner   and trailing   ',
  quotes: '"starts with a quote, has ""two"" inside and ends with one"',
  long200: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(4).slice(0, 200),
  long1000: 'Pack my box with five dozen liquor jugs! '.repeat(25).slice(0, 1000),
  'svc/host.example.test': 'service principal password',
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('string-to-key matches the keys MIT derives (keytab oracle)', () => {
  let realm: TestRealm;
  before(async () => {
    realm = await startRealm({ realm: REALM });
  });
  after(async () => {
    await realm?.stop();
  });

  for (const [name, password] of Object.entries(PRINCIPALS)) {
    it(`${name} (${[...password].length} characters), normal salt`, async () => {
      await realm.addPrincipal(name, password);
      const exported = await realm.exportKeys(name);
      assert.deepEqual(exported.map((e) => e.key.keytype).sort(), AES_ENCTYPES);

      // The normal salt: the realm followed by the name components (RFC 4120 section 4).
      const salt = REALM + name.split('/').join('');
      for (const entry of exported) {
        const ours = await stringToKey(entry.key.keytype, password, salt);
        assert.equal(hex(ours.keyvalue), hex(entry.key.keyvalue), `enctype ${entry.key.keytype}`);
      }
    });
  }

  it('a principal with the realm-only salt', async () => {
    const password = ' only the realm salts this one ';
    await realm.addPrincipal('onlyrealm', password, {
      enctypes: AES_ENCTYPES.map((e) => `${ENCTYPE_NAMES.get(e)}:onlyrealm`).join(' '),
    });
    const exported = await realm.exportKeys('onlyrealm');
    assert.deepEqual(exported.map((e) => e.key.keytype).sort(), AES_ENCTYPES);
    for (const entry of exported) {
      const ours = await stringToKey(entry.key.keytype, password, REALM);
      assert.equal(hex(ours.keyvalue), hex(entry.key.keyvalue), `enctype ${entry.key.keytype}`);
      const normal = await stringToKey(entry.key.keytype, password, `${REALM}onlyrealm`);
      assert.notEqual(hex(normal.keyvalue), hex(entry.key.keyvalue));
    }
  });

  it('a trimmed or changed password gives different keys', async () => {
    const [entry] = await realm.exportKeys('spaces');
    const ours = await stringToKey(entry!.key.keytype, PRINCIPALS.spaces!.trim(), `${REALM}spaces`);
    assert.notEqual(hex(ours.keyvalue), hex(entry!.key.keyvalue));
  });
});
