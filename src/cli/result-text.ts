/**
 * Server results and password rules told in plain words: what happened, why (each broken
 * rule with its numbers: minimum length, the date after which a change is allowed...), and
 * what to do.
 */

import { EXIT } from './client-error.js';
import { adviceOf, exitStatusOf, reasonOf, type ResultJson } from './result-reply.js';

const KIND_NAMES: Readonly<Record<string, string>> = {
  upper: 'upper-case letters',
  lower: 'lower-case letters',
  digit: 'digits',
  space: 'spaces',
  special: 'special characters',
};

/** Where the API's advice speaks of requests, what a user of this command should do. */
const COMMAND_ADVICE: Readonly<Record<string, string>> = {
  not_logged_in: 'Run the command again.',
  login_ticket_invalid: 'Run the command again.',
  service_ticket_invalid: 'Run the command again.',
  service_not_allowed:
    'Give --url as the address the server is configured with (its publicBaseUrl), e.g. the ' +
    'https:// address of its TLS proxy.',
  forbidden_cross_site: 'Use a kerbside client of the same version as the server.',
  local_policy: 'Choose a password that meets every rule listed above.',
  kdc_policy: 'Choose a password that meets every rule listed above.',
  throttled: 'Wait a while, then run the command again.',
};

const WAIT_ADVICE = 'Wait until the time above, or ask an administrator to change it for you.';

/** Lines describing a result; the first says what happened. */
export function describeResult(result: ResultJson, user: string): string[] {
  if (result.int_result_code === 0) return describeSuccess(result, user);

  const label = exitStatusOf(result) === EXIT.refused ? 'refused' : 'error';
  const reason = reasonOf(result);
  const lines = [
    `${label}: ${printable(result.result_desc)} ` +
      `[${result.int_result_code}${reason ? ` ${printable(reason)}` : ''}]`,
  ];

  for (const violation of arrayOf(result['violations'])) {
    lines.push(`  - ${describeViolation(violation)}`);
  }
  const fields = arrayOf(result['fields']).filter((f): f is string => typeof f === 'string');
  if (fields.length > 0) lines.push(`  fields: ${printable(fields.join(', '))}`);
  if (typeof result['detail'] === 'string' && result['detail'] !== '') {
    lines.push(`  the Kerberos server said: ${printable(result['detail'])}`);
  }

  const advice = onlyTooSoon(result['violations'])
    ? WAIT_ADVICE
    : (throttleAdvice(result) ?? COMMAND_ADVICE[reason ?? ''] ?? adviceOf(result));
  if (advice !== undefined) lines.push(`What to do: ${advice}`);
  return lines;
}

/** For a throttled request with the server's `retry_after`: how long, in words. */
function throttleAdvice(result: ResultJson): string | undefined {
  const seconds = result['retry_after'];
  if (reasonOf(result) !== 'throttled' || typeof seconds !== 'number' || seconds <= 0) {
    return undefined;
  }
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 90 ? `${Math.ceil(seconds)} seconds` : `${minutes} minutes`;
  return `Wait ${wait}, then run the command again.`;
}

/** A refusal whose only reason is the minimum password life: no other password would do. */
function onlyTooSoon(violations: unknown): boolean {
  const list = arrayOf(violations);
  return (
    list.length > 0 && list.every((v) => (v as { reason?: unknown } | null)?.reason === 'too_soon')
  );
}

function describeSuccess(result: ResultJson, user: string): string[] {
  const lines = [`The password of ${user} was changed.`];
  const expires = result['password_expires'];
  if (typeof expires === 'string') {
    lines.push(`The new password expires on ${formatTime(expires)}.`);
  }
  if (result['confirmed'] === false) {
    lines.push('The change was not confirmed by a login with the new password: try it now.');
  }
  return lines;
}

/** One broken rule, local (`{"reason": "too_short", "min_length": 8}`) or from the KDC. */
export function describeViolation(violation: unknown): string {
  const v = (typeof violation === 'object' && violation !== null ? violation : {}) as Record<
    string,
    unknown
  >;
  const n = (key: string): number | undefined =>
    typeof v[key] === 'number' ? (v[key] as number) : undefined;

  switch (v['reason']) {
    case 'too_short':
      return withNumber(n('min_length'), 'too short: use at least # characters', 'too short');
    case 'too_long':
      return withNumber(n('max_length'), 'too long: use at most # characters', 'too long');
    case 'too_few_kinds':
      return tooFewKinds(n('min_kinds'), arrayOf(v['missing_kinds']));
    case 'too_few_classes':
      return withNumber(
        n('min_classes'),
        'not enough kinds of characters: the Kerberos server asks for at least # kinds',
        'not enough kinds of characters for the Kerberos server',
      );
    case 'reused':
      return withNumber(
        n('history'),
        'used before: none of the last # passwords may be used again',
        'used before: choose one not used recently',
      );
    case 'too_soon':
      return typeof v['until'] === 'string'
        ? `changed too recently: a change is allowed after ${printable(formatTime(v['until']))}`
        : 'changed too recently: wait before changing it again';
    default:
      return describeSimpleRule(v['reason']);
  }
}

function describeSimpleRule(reason: unknown): string {
  switch (reason) {
    case 'dictionary':
      return 'too common: the Kerberos server lists it as a common password';
    case 'control_character':
      return 'contains a control character (such as a tab or an escape)';
    case 'is_user_name':
      return 'is the user name';
    case 'is_reversed_user_name':
      return 'is the user name reversed';
    case 'same_as_old':
      return 'is the current password';
    case 'other':
      return "refused by the Kerberos server's password policy";
    default:
      return `breaks the rule ${printable(JSON.stringify(reason) ?? 'unknown')}`;
  }
}

function tooFewKinds(minKinds: number | undefined, missing: readonly unknown[]): string {
  const head = withNumber(
    minKinds,
    'not enough kinds of characters: use at least # of upper-case letters, lower-case ' +
      'letters, digits, spaces and special characters',
    'not enough kinds of characters',
  );
  const names = missing.map((kind) => KIND_NAMES[String(kind)] ?? printable(String(kind)));
  return names.length > 0 ? `${head} (missing: ${names.join(', ')})` : head;
}

function withNumber(value: number | undefined, template: string, fallback: string): string {
  return value === undefined ? fallback : template.replace('#', String(value));
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An ISO time as "2025-03-01 12:00:00 UTC" (the text as sent when it is not a time). */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Server text as shown on a terminal: control characters (escape sequences) become "?". */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
