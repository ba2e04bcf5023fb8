import assert from 'node:assert/strict';
import { test } from 'node:test';

import { nfold } from '../../../src/krb5/crypto/nfold.js';
import { hex, loadVectors } from './vectors.js';

interface NfoldVector {
  bits: number;
  input: string;
  output: string;
}

const file = loadVectors<NfoldVector>('rfc3961-nfold.json');

test('the vector file cites its source', () => {
  assert.match(file.source, /RFC 3961/);
  assert.equal(file.vectors.length, 11);
});

for (const v of file.vectors) {
  test(`${v.bits}-fold("${v.input}") matches ${file.source}`, () => {
    assert.equal(hex(nfold(new TextEncoder().encode(v.input), v.bits / 8)), v.output);
  });
}
