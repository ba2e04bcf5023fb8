import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { test } from 'node:test';

import { AES_BLOCK_SIZE, ctsDecrypt, ctsEncrypt } from '../../../src/krb5/crypto/aes-cts.js';
import { IntegrityError } from '../../../src/krb5/errors.js';
import { hex, loadVectors, unhex } from './vectors.js';

interface CtsVector {
  input: string;
  output: string;
  nextIv: string;
}

const file = loadVectors<CtsVector>('rfc3962-aes-cts.json');
const key = unhex(file.key as string);
const iv = unhex(file.iv as string);

for (const v of file.vectors) {
  const length = v.input.length / 2;

  test(`AES-CTS of ${length} bytes matches ${file.source}`, () => {
    const output = ctsEncrypt(key, unhex(v.input), iv);
    assert.equal(hex(output), v.output);

    // The next IV (cipher state) is the last full CBC block, which CTS puts second to last.
    const lastFull = (Math.ceil(length / AES_BLOCK_SIZE) - 2) * AES_BLOCK_SIZE;
    assert.equal(hex(output.subarray(lastFull, lastFull + AES_BLOCK_SIZE)), v.nextIv);

    assert.equal(hex(ctsDecrypt(key, output, iv)), v.input);
  });
}

test('a single block is plain CBC (no swap)', () => {
  const block = unhex('000102030405060708090a0b0c0d0e0f');
  const cbc = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false).update(block);

  const output = ctsEncrypt(key, block, iv);
  assert.equal(hex(output), hex(cbc));
  assert.equal(hex(ctsDecrypt(key, output, iv)), hex(block));
});

test(
  'every length from 16 to 80 bytes round-trips ' + 'and keeps its length, with both key sizes',
  () => {
    for (const size of [16, 32]) {
      const k = unhex('11'.repeat(size));
      for (let length = AES_BLOCK_SIZE; length <= 80; length++) {
        const plain = Uint8Array.from({ length }, (_, i) => i * 7);
        const cipher = ctsEncrypt(k, plain);
        assert.equal(cipher.length, length);
        assert.equal(hex(ctsDecrypt(k, cipher)), hex(plain));
      }
    }
  },
);

test('less than one block cannot be decrypted', () => {
  assert.throws(() => ctsDecrypt(key, new Uint8Array(15)), IntegrityError);
});
