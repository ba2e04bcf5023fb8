/**
 * The browser's copy of the password rules (src/service/assets/password-rules.js) gives
 * exactly the violations of the server's policy.ts, on random passwords and random
 * policies, and every violation falls on a rule line the change page shows.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import {
  activeRules,
  checkRules,
  RULE_OF_VIOLATION,
} from '../../src/service/assets/password-rules.js';
import {
  checkPassword,
  DEFAULT_POLICY,
  DEFAULT_SPECIALS,
  type PolicyConfig,
} from '../../src/service/policy.js';

/** Characters of every kind, controls, non-ASCII letters, and those counted as no kind. */
const CHARACTERS = [
  ...'AZaz09 ',
  ...DEFAULT_SPECIALS,
  ...'":中Üß',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u{1f511}',
  ...'alice',
];

const candidate = fc
  .array(fc.constantFrom(...CHARACTERS), { maxLength: 14 })
  .map((chars) => chars.join(''));

const policy: fc.Arbitrary<PolicyConfig> = fc.record({
  minLength: fc.integer({ min: 0, max: 10 }),
  maxLength: fc.integer({ min: 4, max: 16 }),
  minKinds: fc.integer({ min: 0, max: 5 }),
  specials: fc.constantFrom(DEFAULT_SPECIALS, '!@#', ''),
  otherCharactersCount: fc.constantFrom('none' as const, 'special' as const),
  forbidUserName: fc.boolean(),
  forbidReversedUserName: fc.boolean(),
  forbidOldPassword: fc.boolean(),
  forbidControlCharacters: fc.boolean(),
});

const subject = fc.record(
  {
    user: fc.constantFrom('alice', 'Bob', 'anna', 'x'),
    oldPassword: candidate,
  },
  { requiredKeys: ['user'] },
);

test(
  'the browser rules and policy.ts (its own ' + 'old-password check) agree on every violation',
  () => {
    fc.assert(
      fc.property(candidate, subject, policy, (password, who, rules) => {
        assert.deepEqual(
          checkRules(password, who, rules),
          checkPassword(password, who, rules).violations,
        );
      }),
      { numRuns: 3000 },
    );
  },
);

test('they agree on the user name, its reverse and the old password', () => {
  const cases: Array<[string, { user: string; oldPassword?: string }]> = [
    ['ALICE', { user: 'alice' }],
    ['ecila', { user: 'alice' }],
    ['anna', { user: 'anna' }],
    ['Old pass1!', { user: 'alice', oldPassword: 'Old pass1!' }],
  ];
  for (const [password, who] of cases) {
    const server = checkPassword(password, who, DEFAULT_POLICY).violations;
    assert.ok(server.length > 0);
    assert.deepEqual(checkRules(password, who, DEFAULT_POLICY), server);
  }
});

test('every violation falls on a rule line the page shows for that policy', () => {
  fc.assert(
    fc.property(candidate, subject, policy, (password, who, rules) => {
      const shown = activeRules(rules);
      for (const violation of checkPassword(password, who, rules).violations) {
        assert.ok(shown.includes(RULE_OF_VIOLATION[violation.rule]), violation.rule);
      }
    }),
    { numRuns: 2000 },
  );
});
