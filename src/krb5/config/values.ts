/**
 * The value syntaxes of krb5.conf(5) ("Supported... units" and boolean spellings) that this
 * library reads: booleans, integers and durations.
 */

const TRUE_WORDS = new Set(['y', 'yes', 'true', 't', '1', 'on']);
const FALSE_WORDS = new Set(['n', 'no', 'false', 'nil', '0', 'off']);

/** MIT's boolean spellings, case-insensitive; anything else is undefined. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** A non-negative decimal integer; anything else is undefined. */
export function parseInteger(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { d: 86400, h: 3600, m: 60, s: 1 };

/**
 * A duration in seconds, in krb5.conf's forms: `300` (seconds), `5m`, `1h30m`, `1d 2h 3m 4s`,
 * `h:m[:s]`, `1d 02:00:00`. Anything else is undefined.
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);

  const clock = /^(?:(\d+)\s*d\s*)?(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(t);
  if (clock !== null) {
    const [, d = '0', h, m, s = '0'] = clock;
    return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
  }

  if (!/^(\d+\s*[dhms]\s*)+$/.test(t)) return undefined;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)\s*([dhms])/g))
    total += Number(n) * UNIT_SECONDS[unit!]!;
  return total;
}
