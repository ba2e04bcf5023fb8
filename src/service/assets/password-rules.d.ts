/** Types of password-rules.js, the browser copy of the local password rules. */

import type { CharacterKind, PolicyConfig, PolicySubject, PolicyViolation } from '../policy.js';

/** One line of the change page's rule list. */
export type RuleId = 'length' | 'kinds' | 'user_name' | 'old_password' | 'control';

export declare const KINDS: readonly CharacterKind[];
export declare const RULE_OF_VIOLATION: Readonly<Record<PolicyViolation['rule'], RuleId>>;
export declare function activeRules(policy: PolicyConfig): RuleId[];
export declare function checkRules(
  candidate: string,
  subject: PolicySubject,
  policy: PolicyConfig,
): PolicyViolation[];
export declare function kindsIn(candidate: string, policy: PolicyConfig): Set<CharacterKind>;
