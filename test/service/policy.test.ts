/**
 * The local password policy: every rule, its values, and how characters are counted.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEFAULT_POLICY, checkPassword, type PolicyConfig } from '../../src/service/policy.js';

const rules = (candidate: string, user = 'alice', oldPassword?: string, policy = DEFAULT_POLICY) =>
  checkPassword(
    candidate,
    { user, ...(oldPassword !== undefined && { oldPassword }) },
    policy,
  ).violations.map((v) => v.rule);

test('a password meeting every default rule passes', () => {
  assert.deepEqual(checkPassword('Good pass1', { user: 'alice' }), { ok: true, violations: [] });
  assert.deepEqual(rules('Abcdef1!'), []);
});

test('length: 8 to 64 code points, with the limits returned', () => {
  assert.deepEqual(checkPassword('Ab1! x', { user: 'u' }).violations, [
    { rule: 'too_short', minLength: 8 },
  ]);
  assert.deepEqual(rules(`Ab1 ${'x'.repeat(60)}`), []);
  assert.deepEqual(checkPassword(`Ab1 ${'x'.repeat(61)}`, { user: 'u' }).violations, [
    { rule: 'too_long', maxLength: 64 },
  ]);
  // Astral characters are one character each, not two UTF-16 units.
  assert.deepEqual(rules('Ab1 😀😀😀😀'), []);
  assert.deepEqual(rules('Ab1 😀😀😀'), ['too_short']);
});

test('kinds: at least 4 of upper, lower, digit, space, special; missing kinds listed', () => {
  assert.deepEqual(checkPassword('abcdefgh', { user: 'u' }).violations, [
    {
      rule: 'too_few_kinds',
      minKinds: 4,
      missingKinds: ['upper', 'digit', 'space', 'special'],
    },
  ]);
  assert.deepEqual(rules('Abcdefg1'), ['too_few_kinds']);
  assert.deepEqual(rules('Abcdef1 '), []);
  for (const special of "`~!@#$%^&*()-_=+|[{}];',<.>/\\?") {
    assert.deepEqual(rules(`Abcdef1${special}`), [], `special ${special}`);
  }
});

test('other characters are allowed but count as no kind, unless configured as special', () => {
  assert.deepEqual(rules('Abcdef1é'), ['too_few_kinds']);
  assert.deepEqual(rules('Abcdef1"'), ['too_few_kinds']);
  assert.deepEqual(rules('ÄÖÜ abc1!'), []);
  const loose: PolicyConfig = { ...DEFAULT_POLICY, otherCharactersCount: 'special' };
  assert.deepEqual(rules('Abcdef1é', 'alice', undefined, loose), []);
  // Non-ASCII upper case is not "upper": the kinds are the ASCII ones the manager lists.
  assert.deepEqual(rules('ÉÇÖ abc 1'), ['too_few_kinds']);
});

test('control characters are refused', () => {
  assert.deepEqual(rules('Abcdef1 \t'), ['control_character']);
  assert.deepEqual(rules('Abcdef1 \u0085'), ['control_character']);
  const lax: PolicyConfig = { ...DEFAULT_POLICY, forbidControlCharacters: false };
  assert.deepEqual(rules('Abcdef1 \t', 'alice', undefined, lax), []);
});

test('not the user name nor the user name reversed, case-insensitively', () => {
  const policy: PolicyConfig = { ...DEFAULT_POLICY, minLength: 1, minKinds: 0 };
  assert.deepEqual(rules('ALICE', 'alice', undefined, policy), ['is_user_name']);
  assert.deepEqual(rules('EcIlA', 'alice', undefined, policy), ['is_reversed_user_name']);
  // A palindrome user name is reported once.
  assert.deepEqual(rules('Anna', 'anna', undefined, policy), ['is_user_name']);
  assert.deepEqual(rules('alice1', 'alice', undefined, policy), []);
  const off: PolicyConfig = { ...policy, forbidUserName: false, forbidReversedUserName: false };
  assert.deepEqual(rules('alice', 'alice', undefined, off), []);
});

test('not the current password', () => {
  assert.deepEqual(rules('Old pass1', 'alice', 'Old pass1'), ['same_as_old']);
  assert.deepEqual(rules('Old pass1', 'alice', 'Old pass2'), []);
  assert.deepEqual(rules('Old pass1', 'alice'), []);
});

test('every failing rule is returned, in a stable order', () => {
  const policy: PolicyConfig = { ...DEFAULT_POLICY };
  assert.deepEqual(rules('alice', 'alice', 'alice', policy), [
    'too_short',
    'too_few_kinds',
    'is_user_name',
    'same_as_old',
  ]);
});
