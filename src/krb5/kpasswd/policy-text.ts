/**
 * Recognises the English policy refusals MIT krb5 and Heimdal put in kpasswd result strings.
 *
 * MIT (kadmind, 1.20): the multi-line texts of src/lib/kadm5/chpass_util_strings.et, sent by
 * kadm5_chpass_principal_util and check_min_life (src/kadmin/server/misc.c). A password equal
 * to a part of the principal name gets the dictionary text too: chpass_util maps every
 * KADM5_PASS_Q_DICT to it. The pwqual module messages ("Password is in the password
 * dictionary", "Password may not match principal name", "Empty passwords are not allowed")
 * and the kadm5 error-table texts reach clients of other servers, so they are known as well.
 *
 * Heimdal (kpasswdd): the password-quality message itself (lib/kadm5/password_quality.c:
 * "Password too short", "Password doesn't meet complexity requirement." ...), "Password reuse
 * forbidden" (lib/kadm5/chpass_s.c) or a kadm5 error-table text.
 */
import type { PolicyReason } from './policy-reason.js';

/** A recognised refusal, with a better sentence than the reason's own when there is one. */
export interface RecognisedText {
  readonly reason: PolicyReason;
  readonly sentence?: string;
}

interface TextRule {
  readonly match: RegExp;
  readonly read: (text: string) => RecognisedText;
}

const PRINCIPAL_NAME_SENTENCE =
  'The new password must not be the name of the account (or any part of that name).';

// The first rule that matches wins; each known server text matches exactly one.
const RULES: readonly TextRule[] = [
  {
    match: new RegExp(
      'changed too recently|minimum life has not expired|' +
        'please wait until .{1,64}? before you change',
      'i',
    ),
    read: (text) => ({ reason: tooSoon(text) }),
  },
  {
    match: /enough character classes|meet complexity requirement/i,
    read: (text) => ({ reason: tooFewClasses(text) }),
  },
  {
    match: /too short|empty passwords are not allowed/i,
    read: (text) => ({ reason: tooShort(text) }),
  },
  {
    match: /was used previously|(?:can't|cannot) reuse password|password reuse forbidden/i,
    read: () => ({ reason: { kind: 'reused' } }),
  },
  {
    match: /found in a dictionary|in the password dictionary/i,
    read: () => ({ reason: { kind: 'dictionary' } }),
  },
  {
    match: /may not match principal name/i,
    read: () => ({ reason: { kind: 'other' }, sentence: PRINCIPAL_NAME_SENTENCE }),
  },
];

const CLASSES_N = /at least (\d{1,9}) character classes/i;
const LENGTH_N = /at least (\d{1,9}) characters? long/i;
// Bounded so a long hostile line cannot make the match slow; a ctime() date is 24 characters.
const WAIT_UNTIL = /Please wait until (.{1,64}?) before you change it/;

/** The refusal a server's text states, or undefined when the text is not one we know. */
export function recognisePolicyText(text: string): RecognisedText | undefined {
  const rule = RULES.find((candidate) => candidate.match.test(text));
  return rule?.read(text);
}

function tooFewClasses(text: string): PolicyReason {
  const minClasses = numberIn(text, CLASSES_N);
  return minClasses === undefined
    ? { kind: 'too_few_classes' }
    : { kind: 'too_few_classes', minClasses };
}

function tooShort(text: string): PolicyReason {
  const minLength = numberIn(text, LENGTH_N);
  return minLength === undefined ? { kind: 'too_short' } : { kind: 'too_short', minLength };
}

function numberIn(text: string, pattern: RegExp): number | undefined {
  const found = pattern.exec(text);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

function tooSoon(text: string): PolicyReason {
  const found = WAIT_UNTIL.exec(text);
  const until = found === null ? undefined : parseCtimeUtc(found[1] ?? '');
  return until === undefined ? { kind: 'too_soon' } : { kind: 'too_soon', until };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CTIME = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Parse a C ctime() date such as "Fri Dec  4 16:10:00 2026" as UTC.
 *
 * MIT's kadmind formats it with ctime() in its own local time zone and does not say which
 * zone that is. We assume UTC: our harness runs kadmind with TZ=UTC, and a kadmind elsewhere
 * makes the result off by its UTC offset. Undefined for anything that is not a real date with
 * a matching weekday.
 */
export function parseCtimeUtc(text: string): Date | undefined {
  const found = CTIME.exec(text.trim());
  if (found === null) return undefined;

  const [, weekday = '', monthName = '', ...numbers] = found;
  const [day, hour, minute, second, year] = numbers.map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const month = MONTHS.indexOf(monthName);
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return undefined;

  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls "Feb 30" over and maps years below 100 to 19xx: both mean a bad date.
  const exact = date.getUTCDate() === day && date.getUTCFullYear() === year;
  if (!exact || WEEKDAYS[date.getUTCDay()] !== weekday) return undefined;
  return date;
}
