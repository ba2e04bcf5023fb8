import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AesSha2Enctype } from '../../../src/krb5/crypto/aes-sha2.js';
import {
  decrypt,
  encryptWithConfounder,
  makeChecksum,
  verifyChecksum,
} from '../../../src/krb5/crypto/index.js';
import { profileFor } from '../../../src/krb5/crypto/profiles.js';
import { hex, loadVectors, unhex } from './vectors.js';

interface DerivationVector {
  etype: number;
  baseKey: string;
  usage: number;
  kc: string;
  ke: string;
  ki: string;
}

interface EncryptionVector {
  etype: number;
  baseKey: string;
  usage: number;
  plaintext: string;
  confounder: string;
  ciphertext: string;
}

interface ChecksumVector {
  etype: number;
  cksumtype: number;
  baseKey: string;
  usage: number;
  data: string;
  checksum: string;
}

const derivation = loadVectors<DerivationVector>('rfc8009-key-derivation.json');
const encryption = loadVectors<EncryptionVector>('rfc8009-encryption.json');
const checksums = loadVectors<ChecksumVector>('rfc8009-checksums.json');

function sha2Profile(etype: number): AesSha2Enctype {
  const profile = profileFor(etype);
  assert.ok(profile instanceof AesSha2Enctype);
  return profile;
}

for (const v of derivation.vectors) {
  test(`Kc, Ke and Ki for enctype ${v.etype} match ${derivation.source}`, () => {
    const profile = sha2Profile(v.etype);
    const base = unhex(v.baseKey);
    assert.equal(hex(profile.deriveKey(base, v.usage, 'checksum')), v.kc);
    assert.equal(hex(profile.deriveKey(base, v.usage, 'encryption')), v.ke);
    assert.equal(hex(profile.deriveKey(base, v.usage, 'integrity')), v.ki);
  });
}

for (const v of encryption.vectors) {
  const name = `enctype ${v.etype}, ${v.plaintext.length / 2}-byte plaintext`;

  test(`encryption (${name}) matches ${encryption.source}`, () => {
    const key = { keytype: v.etype, keyvalue: unhex(v.baseKey) };
    const out = encryptWithConfounder(key, v.usage, unhex(v.plaintext), unhex(v.confounder));
    assert.equal(hex(out), v.ciphertext);
  });

  test(`decryption (${name}) of the RFC 8009 ciphertext returns the plaintext`, () => {
    const key = { keytype: v.etype, keyvalue: unhex(v.baseKey) };
    assert.equal(hex(decrypt(key, v.usage, unhex(v.ciphertext))), v.plaintext);
  });
}

for (const v of checksums.vectors) {
  test(`checksum for enctype ${v.etype} matches ${checksums.source}`, () => {
    const key = { keytype: v.etype, keyvalue: unhex(v.baseKey) };
    const cksum = makeChecksum(key, v.usage, unhex(v.data));
    assert.equal(cksum.cksumtype, v.cksumtype);
    assert.equal(hex(cksum.checksum), v.checksum);
    verifyChecksum(key, v.usage, unhex(v.data), {
      cksumtype: v.cksumtype,
      checksum: unhex(v.checksum),
    });
  });
}

test(
  'RFC 8009 round trip: encrypt with a random ' + 'confounder, decrypt, under the sample keys',
  async () => {
    const { encrypt } = await import('../../../src/krb5/crypto/index.js');
    for (const v of derivation.vectors) {
      const key = { keytype: v.etype, keyvalue: unhex(v.baseKey) };
      const plaintext = new TextEncoder().encode('RFC 8009 round trip');
      const first = encrypt(key, 2, plaintext);
      const second = encrypt(key, 2, plaintext);
      assert.notEqual(hex(first), hex(second));
      assert.equal(hex(decrypt(key, 2, first)), hex(plaintext));
      assert.equal(hex(decrypt(key, 2, second)), hex(plaintext));
    }
  },
);
