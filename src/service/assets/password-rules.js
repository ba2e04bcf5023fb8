/**
 * The local password rules, written once for both sides: the change page runs them in the
 * browser to tick the rules off as the user types, and src/service/policy.ts runs them on the
 * server (adding its own constant-time comparison with the current password). Plain
 * JavaScript with no imports: kerbside serves this file as it is.
 */

/** The five kinds of characters, in the order policy.ts reports missing ones. */
export const KINDS = ['upper', 'lower', 'digit', 'space', 'special'];

/** Which line of the page's rule list each violation breaks. */
export const RULE_OF_VIOLATION = {
  too_short: 'length',
  too_long: 'length',
  too_few_kinds: 'kinds',
  control_character: 'control',
  is_user_name: 'user_name',
  is_reversed_user_name: 'user_name',
  same_as_old: 'old_password',
};

/** The rule lines a policy shows, in page order. */
export function activeRules(policy) {
  const rules = ['length'];
  if (policy.minKinds > 0) rules.push('kinds');
  if (policy.forbidUserName || policy.forbidReversedUserName) rules.push('user_name');
  if (policy.forbidOldPassword) rules.push('old_password');
  if (policy.forbidControlCharacters) rules.push('control');
  return rules;
}

/** The violations of `candidate`, in policy.ts's order and shape. */
export function checkRules(candidate, subject, policy) {
  return [
    ...lengthViolations(candidate, policy),
    ...kindViolations(candidate, policy),
    ...controlViolations(candidate, policy),
    ...userNameViolations(candidate, subject.user, policy),
    ...oldPasswordViolations(candidate, subject.oldPassword, policy),
  ];
}

/** The kinds of characters `candidate` contains. */
export function kindsIn(candidate, policy) {
  const kinds = new Set();
  for (const ch of candidate) {
    const kind = kindOf(ch, policy);
    if (kind) kinds.add(kind);
  }
  return kinds;
}

function kindOf(ch, policy) {
  if (ch >= 'A' && ch <= 'Z') return 'upper';
  if (ch >= 'a' && ch <= 'z') return 'lower';
  if (ch >= '0' && ch <= '9') return 'digit';
  if (ch === ' ') return 'space';
  if (policy.specials.includes(ch)) return 'special';
  if (isControl(ch)) return undefined;
  return policy.otherCharactersCount === 'special' ? 'special' : undefined;
}

function isControl(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

function lengthViolations(candidate, policy) {
  const length = [...candidate].length;
  if (length < policy.minLength) return [{ rule: 'too_short', minLength: policy.minLength }];
  if (length > policy.maxLength) return [{ rule: 'too_long', maxLength: policy.maxLength }];
  return [];
}

function kindViolations(candidate, policy) {
  const kinds = kindsIn(candidate, policy);
  if (kinds.size >= policy.minKinds) return [];
  const missingKinds = KINDS.filter((kind) => !kinds.has(kind));
  return [{ rule: 'too_few_kinds', minKinds: policy.minKinds, missingKinds }];
}

function controlViolations(candidate, policy) {
  if (!policy.forbidControlCharacters) return [];
  return [...candidate].some(isControl) ? [{ rule: 'control_character' }] : [];
}

function userNameViolations(candidate, user, policy) {
  const lower = candidate.toLowerCase();
  const name = user.toLowerCase();
  const reversed = [...name].reverse().join('');
  const violations = [];
  if (policy.forbidUserName && lower === name) violations.push({ rule: 'is_user_name' });
  if (policy.forbidReversedUserName && lower === reversed && reversed !== name) {
    violations.push({ rule: 'is_reversed_user_name' });
  }
  return violations;
}

// The browser compares the old password only to tick a rule; the server's check, which
// decides, compares in constant time.
function oldPasswordViolations(candidate, oldPassword, policy) {
  if (!policy.forbidOldPassword || oldPassword === undefined) return [];
  return candidate === oldPassword ? [{ rule: 'same_as_old' }] : [];
}
