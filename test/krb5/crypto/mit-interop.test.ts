import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decrypt, makeChecksum, verifyChecksum } from '../../../src/krb5/crypto/index.js';
import { hex, loadVectors, unhex } from './vectors.js';

interface DecryptVector {
  etype: number;
  plaintext: string;
  usage: number;
  key: string;
  ciphertext: string;
}

interface ChecksumVector {
  etype: number;
  cksumtype: number;
  usage: number;
  key: string;
  data: string;
  checksum: string;
}

const decryptions = loadVectors<DecryptVector>('rfc3962-mit-decrypt.json');
const checksums = loadVectors<ChecksumVector>('rfc3962-mit-checksums.json');

for (const v of decryptions.vectors) {
  test(
    `enctype ${v.etype} decrypts "${v.plaintext}" (usage ` +
      `${v.usage}) from ${decryptions.source.split(' (')[0]}`,
    () => {
      const key = { keytype: v.etype, keyvalue: unhex(v.key) };
      const plaintext = decrypt(key, v.usage, unhex(v.ciphertext));
      assert.equal(new TextDecoder().decode(plaintext), v.plaintext);
    },
  );
}

for (const v of checksums.vectors) {
  test(`checksum type ${v.cksumtype} matches ${checksums.source.split(' (')[0]}`, () => {
    const key = { keytype: v.etype, keyvalue: unhex(v.key) };
    const data = new TextEncoder().encode(v.data);
    const cksum = makeChecksum(key, v.usage, data);
    assert.deepEqual(
      { ...cksum, checksum: hex(cksum.checksum) },
      {
        cksumtype: v.cksumtype,
        checksum: v.checksum,
      },
    );
    verifyChecksum(key, v.usage, data, { cksumtype: v.cksumtype, checksum: unhex(v.checksum) });
  });
}
