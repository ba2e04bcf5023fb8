/**
 * English sentences for password-policy refusals, for people rather than logs.
 */
import type { PolicyReason } from './policy-reason.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * One sentence explaining a refusal reason.
 *
 * @example describeReason({ kind: 'too_short', minLength: 12 })
 * // "The new password must be at least 12 characters long."
 */
export function describeReason(reason: PolicyReason): string {
  switch (reason.kind) {
    case 'too_short':
      return reason.minLength === undefined
        ? 'The new password is too short.'
        : `The new password must be at least ${plural(reason.minLength, 'character')} long.`;
    case 'too_few_classes':
      return describeClasses(reason.minClasses);
    case 'reused':
      return describeHistory(reason.history);
    case 'too_soon':
      return reason.until === undefined
        ? 'The password was changed too recently; please wait before changing it again.'
        : `The password was changed too recently; it can be ` +
            `changed again after ${formatUtc(reason.until)}.`;
    case 'dictionary':
      return (
        'The new password is too easy to guess: it ' +
        'is a common word or the name of the account.'
      );
    case 'other':
      return 'The new password does not meet the password policy.';
  }
}

function describeClasses(minClasses: number | undefined): string {
  const kinds = 'lower-case letters, upper-case letters, digits, punctuation';
  return minClasses === undefined
    ? `The new password needs more kinds of characters (${kinds}).`
    : `The new password must mix at least ${minClasses} kinds of characters (${kinds}).`;
}

function describeHistory(history: number | undefined): string {
  if (history === undefined) return 'The new password was used before; please choose a new one.';
  if (history <= 1) return 'The new password must differ from the previous password.';
  return `The new password must differ from the previous ${history} passwords.`;
}

/** "4 December 2026 at 16:10 UTC", rounded up to the minute so the moment has surely passed. */
export function formatUtc(date: Date): string {
  const minute = 60_000;
  const d = new Date(Math.ceil(date.getTime() / minute) * minute);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${hh}:${mm} UTC`;
}

/** "1 character", "12 characters". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "a", "a and b", "a, b, and c". */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 2) return parts.join(' and ');
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}
