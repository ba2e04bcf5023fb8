/**
 * The local password policy, checked before a new password is sent to the KDC. The default
 * follows the cluster manager's documented rules (see docs/result-codes.md, "Password
 * rules"). History and common-password checks are left to the KDC's own policy.
 *
 * Character kinds: `upper` is A-Z, `lower` is a-z, `digit` is 0-9, `space` is U+0020 and
 * `special` is one of {@link DEFAULT_SPECIALS}. Any other character (non-ASCII letters, `"`,
 * `:`, ...) is allowed and counts as no kind, unless `otherCharactersCount` is `special`.
 * Control characters (C0, DEL, C1) are refused. Lengths count Unicode code points.
 */

import { checkRules } from './assets/password-rules.js';
import { sameSecret } from './secrets.js';

/** The five kinds of characters the manager's rules name. */
export type CharacterKind = 'upper' | 'lower' | 'digit' | 'space' | 'special';

/** The manager's listed special characters. */
export const DEFAULT_SPECIALS = "`~!@#$%^&*()-_=+|[{}];',<.>/\\?";

export interface PolicyConfig {
  readonly minLength: number;
  readonly maxLength: number;
  /** How many of the five kinds the password must contain (0-5). */
  readonly minKinds: number;
  readonly specials: string;
  /** How characters outside the five kinds count: as no kind, or as `special`. */
  readonly otherCharactersCount: 'none' | 'special';
  readonly forbidUserName: boolean;
  readonly forbidReversedUserName: boolean;
  readonly forbidOldPassword: boolean;
  readonly forbidControlCharacters: boolean;
}

export const DEFAULT_POLICY: PolicyConfig = {
  minLength: 8,
  maxLength: 64,
  minKinds: 4,
  specials: DEFAULT_SPECIALS,
  otherCharactersCount: 'none',
  forbidUserName: true,
  forbidReversedUserName: true,
  forbidOldPassword: true,
  forbidControlCharacters: true,
};

/** One broken rule, with the policy values a page or the CLI needs to explain it. */
export type PolicyViolation =
  | { readonly rule: 'too_short'; readonly minLength: number }
  | { readonly rule: 'too_long'; readonly maxLength: number }
  | {
      readonly rule: 'too_few_kinds';
      readonly minKinds: number;
      readonly missingKinds: readonly CharacterKind[];
    }
  | { readonly rule: 'control_character' }
  | { readonly rule: 'is_user_name' }
  | { readonly rule: 'is_reversed_user_name' }
  | { readonly rule: 'same_as_old' };

export interface PolicyResult {
  readonly ok: boolean;
  /** Every failing rule, in a stable order; empty when ok. */
  readonly violations: readonly PolicyViolation[];
}

/** Who the password is for: the bare user name (no @REALM) and the current password. */
export interface PolicySubject {
  readonly user: string;
  readonly oldPassword?: string;
}

/**
 * Check a candidate password against the policy. Pure: no I/O, no clock. The rules live once,
 * in assets/password-rules.js, which the change page runs in the browser too; only the
 * comparison with the current password is the server's own, in constant time.
 *
 * @example
 * checkPassword('short', { user: 'alice' }, DEFAULT_POLICY).violations
 * // [{ rule: 'too_short', minLength: 8 }, { rule: 'too_few_kinds', minKinds: 4, ... }]
 */
export function checkPassword(
  candidate: string,
  subject: PolicySubject,
  policy: PolicyConfig = DEFAULT_POLICY,
): PolicyResult {
  const violations = [
    ...checkRules(candidate, { user: subject.user }, policy),
    ...checkOld(candidate, subject.oldPassword, policy),
  ];
  return { ok: violations.length === 0, violations };
}

function checkOld(
  candidate: string,
  oldPassword: string | undefined,
  policy: PolicyConfig,
): PolicyViolation[] {
  if (!policy.forbidOldPassword || oldPassword === undefined) return [];
  return sameSecret(candidate, oldPassword) ? [{ rule: 'same_as_old' }] : [];
}
