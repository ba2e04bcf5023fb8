import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  AD_POLICY_LENGTH,
  adPolicyReasons,
  decodeAdPolicy,
  describeAdPolicy,
} from '../../../src/krb5/kpasswd/ad-policy.js';

const DAY = 864_000_000_000n;

function blob(fields: {
  prefix?: number;
  minLength?: number;
  history?: number;
  flags?: number;
  maxAge?: bigint;
  minAge?: bigint;
}): Uint8Array {
  const bytes = new Uint8Array(AD_POLICY_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, fields.prefix ?? 0);
  view.setUint32(2, fields.minLength ?? 0);
  view.setUint32(6, fields.history ?? 0);
  view.setUint32(10, fields.flags ?? 0);
  view.setBigInt64(14, fields.maxAge ?? 0n);
  view.setBigInt64(22, fields.minAge ?? 0n);
  return bytes;
}

describe('AD policy blob', () => {
  test('fields are read big-endian', () => {
    const policy = decodeAdPolicy(
      blob({ minLength: 0x01020304, history: 0x0a0b, flags: 0x21, maxAge: 10n * DAY }),
    );
    assert.deepEqual(policy, {
      minLength: 0x01020304,
      history: 0x0a0b,
      complexity: true,
      flags: 0x21,
      maxAgeSeconds: 864_000,
    });
  });

  test('a positive and a negative age of the same length mean the same', () => {
    const positive = decodeAdPolicy(blob({ minAge: 3n * DAY }));
    const negative = decodeAdPolicy(blob({ minAge: -3n * DAY }));
    assert.equal(positive?.minAgeSeconds, 259_200);
    assert.deepEqual(positive, negative);
  });

  test('a blob inside a larger buffer is read at its own offset', () => {
    const outer = new Uint8Array(AD_POLICY_LENGTH + 7).fill(0xee);
    outer.set(blob({ minLength: 9 }), 7);
    assert.equal(decodeAdPolicy(outer.subarray(7))?.minLength, 9);
  });

  test('wrong length or non-zero prefix is not a blob', () => {
    assert.equal(decodeAdPolicy(blob({ prefix: 1, minLength: 7 })), undefined);
    assert.equal(decodeAdPolicy(blob({ minLength: 7 }).subarray(0, 29)), undefined);
    assert.equal(decodeAdPolicy(new Uint8Array(31)), undefined);
    assert.equal(decodeAdPolicy(new Uint8Array()), undefined);
  });

  test('a min age under a day is kept and counted in hours', () => {
    const policy = decodeAdPolicy(blob({ minAge: 6n * 3600n * 10_000_000n }));
    assert.ok(policy);
    assert.equal(policy.minAgeSeconds, 21_600);
    assert.deepEqual(adPolicyReasons(policy), [{ kind: 'too_soon' }]);
    assert.match(describeAdPolicy(policy), /only once every 6 hours\.$/);
  });

  test('a history of one names the previous password', () => {
    const policy = decodeAdPolicy(blob({ history: 1, minLength: 1 }));
    assert.ok(policy);
    assert.equal(
      describeAdPolicy(policy),
      "The new password does not meet the domain's password policy: it must " +
        'be at least 1 character long and differ from the previous password.',
    );
  });
});
