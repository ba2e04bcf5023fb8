/**
 * Page strings that depend on a result code or a policy: the translated text of a result,
 * and the lines of the password rules a policy shows.
 */

import { activeRules, KINDS, type RuleId } from '../assets/password-rules.js';
import type { CharacterKind, PolicyConfig } from '../policy.js';
import type { ResultName } from '../result-codes.js';
import { formatMessage, type MessageKey, type Messages } from './i18n.js';
import type { PageNotice } from './page.js';

/** The translated text of a result code, or undefined when the table has none. */
export function resultText(reason: ResultName | string, text: Messages): string | undefined {
  const key = `result.${reason}`;
  return key in text ? text[key as MessageKey] : undefined;
}

/** A page notice with its text in the page's language. */
export function translatedNotice(notice: PageNotice, text: Messages): PageNotice {
  return { ...notice, text: resultText(notice.reason, text) ?? notice.text };
}

/** One line of the rule list as the page shows it. */
export interface RuleLine {
  readonly id: RuleId;
  readonly text: string;
  /** For the kinds rule: each kind and its text. */
  readonly kinds?: ReadonlyArray<{ readonly kind: CharacterKind; readonly text: string }>;
}

/** The rule lines of a policy, in page order. */
export function ruleLines(policy: PolicyConfig, text: Messages): RuleLine[] {
  return activeRules(policy).map((id) => ruleLine(id, policy, text));
}

function ruleLine(id: RuleId, policy: PolicyConfig, text: Messages): RuleLine {
  switch (id) {
    case 'length':
      return {
        id,
        text: formatMessage(text['rule.length'], { min: policy.minLength, max: policy.maxLength }),
      };
    case 'kinds':
      return {
        id,
        text: formatMessage(text['rule.kinds'], { count: policy.minKinds, total: KINDS.length }),
        kinds: KINDS.map((kind) => ({ kind, text: kindText(kind, policy, text) })),
      };
    case 'user_name':
      return { id, text: userNameRule(policy, text) };
    case 'old_password':
      return { id, text: text['rule.old_password'] };
    case 'control':
      return { id, text: text['rule.control'] };
  }
}

function kindText(kind: CharacterKind, policy: PolicyConfig, text: Messages): string {
  if (kind !== 'special') return text[`kind.${kind}`];
  return formatMessage(text['kind.special'], { list: policy.specials });
}

function userNameRule(policy: PolicyConfig, text: Messages): string {
  if (policy.forbidUserName && policy.forbidReversedUserName) return text['rule.user_name'];
  return policy.forbidUserName ? text['rule.user_name_only'] : text['rule.reversed_only'];
}
