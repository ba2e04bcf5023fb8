/** The pooled CSPRNG bytes behind confounders, random keys and service ids. */

import assert from 'node:assert/strict';
import { it } from 'node:test';

import { randomBytes } from '../../../src/krb5/crypto/random.js';

it('hands out the size asked for, never the same bytes twice, across pool refills', () => {
  const seen = new Set<string>();
  let total = 0;
  for (const size of [16, 32, 4000, 200, 4096, 1, 16, 32]) {
    const bytes = randomBytes(size);
    assert.equal(bytes.length, size);
    total += size;
    if (size >= 16) {
      const hex = Buffer.from(bytes).toString('hex');
      assert.ok(!seen.has(hex), `a repeat of ${size} bytes`);
      seen.add(hex);
    }
  }
  assert.ok(total > 2 * 4096, 'the pool was refilled on the way');
});

it('returns copies: changing one does not change the next', () => {
  const a = randomBytes(32);
  a.fill(0);
  const b = randomBytes(32);
  assert.notDeepEqual(b, new Uint8Array(32));
  assert.equal(randomBytes(0).length, 0);
});

it('refuses sizes it cannot serve', () => {
  for (const size of [-1, 1.5, 4097, NaN]) {
    assert.throws(() => randomBytes(size), RangeError, String(size));
  }
});

it('looks uniformly random: every byte value turns up in 64 KiB', () => {
  const counts = new Uint32Array(256);
  for (let i = 0; i < 16; i++) for (const byte of randomBytes(4096)) counts[byte]! += 1;
  // 256 expected per value; a value missing or tripled would mean a broken source.
  assert.ok(Math.min(...counts) > 100 && Math.max(...counts) < 450, `${Math.min(...counts)}`);
});
