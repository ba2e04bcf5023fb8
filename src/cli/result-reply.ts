/**
 * What the server answered, in the API's result shape (`int_result_code`, `result_desc`,
 * `reason` and extra fields), whether it came as JSON from /web or as the notice of a /cas
 * page, and which exit status it stands for.
 */

import { RESULT_CODES, resultCodeRows, type ResultName } from '../service/result-codes.js';
import { ClientError, EXIT } from './client-error.js';
import type { HttpReply } from './http-client.js';

/** A reply in the API's result shape. */
export interface ResultJson {
  readonly int_result_code: number;
  readonly result_desc: string;
  readonly reason?: string;
  readonly [extra: string]: unknown;
}

/** A server's answer: the HTTP status, the result, and the JSON text as sent (if JSON). */
export interface ServerResult {
  readonly status: number;
  readonly body: ResultJson;
  readonly json: string;
}

/** Results the user can act on (exit 2): the credentials, the new password, the account. */
const REFUSALS: ReadonlySet<string> = new Set<ResultName>([
  'login_failed',
  'password_change_required',
  'throttled',
  'too_long',
  'confirm_mismatch',
  'new_equals_old',
  'local_policy',
  'wrong_old_password',
  'kdc_policy',
  'account_locked',
  'access_denied',
]);

/** A JSON result reply; anything else is a ClientError naming the step. */
export function parseResultJson(reply: HttpReply, step: string): ServerResult {
  const body = reply.mediaType === 'application/json' ? tryParse(reply.body) : undefined;
  if (!isResultJson(body)) throw unexpectedReply(reply, step);
  return { status: reply.status, body, json: reply.body };
}

/** The result a /cas page shows in its notice, or undefined when it shows none. */
export function parsePageNotice(reply: HttpReply): ServerResult | undefined {
  if (reply.mediaType !== 'text/html') return undefined;
  const tag = /<p class="notice"[^>]*\bdata-result-code="(\d+)"[^>]*>([^<]*)<\/p>/.exec(reply.body);
  if (tag === null) return undefined;
  const reason = /\bdata-reason="([^"]*)"/.exec(tag[0])?.[1];
  const body: ResultJson = {
    int_result_code: Number(tag[1]),
    result_desc: unescapeHtml(tag[2] ?? ''),
    ...(reason !== undefined && { reason: unescapeHtml(reason) }),
  };
  return { status: reply.status, body, json: JSON.stringify(body) };
}

/** The machine-readable name of a result: its `reason`, else the name of its code. */
export function reasonOf(result: ResultJson): string | undefined {
  if (typeof result.reason === 'string') return result.reason;
  return resultCodeRows().find(([, info]) => info.code === result.int_result_code)?.[0];
}

/** The documented advice for a result, when the reason is one this client knows. */
export function adviceOf(result: ResultJson): string | undefined {
  const reason = reasonOf(result);
  return reason !== undefined && Object.hasOwn(RESULT_CODES, reason)
    ? RESULT_CODES[reason as ResultName].action
    : undefined;
}

/** 0 success, 2 a refusal the user can act on, 1 anything else. */
export function exitStatusOf(result: ResultJson): number {
  if (result.int_result_code === 0) return EXIT.ok;
  const reason = reasonOf(result);
  if (reason !== undefined) return REFUSALS.has(reason) ? EXIT.refused : EXIT.error;
  const code = result.int_result_code;
  return code >= 3000 && code < 4000 ? EXIT.refused : EXIT.error;
}

/** A reply that is not what the step expects. */
export function unexpectedReply(reply: HttpReply, step: string): ClientError {
  const type = reply.mediaType === '' ? 'no content type' : reply.mediaType;
  return new ClientError(
    'ERR_PROTOCOL',
    `unexpected reply to ${step}: HTTP ${reply.status}, ` +
      `${type}; is the URL that of a kerbside server?`,
  );
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isResultJson(value: unknown): value is ResultJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return Number.isInteger(object['int_result_code']) && typeof object['result_desc'] === 'string';
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Undo HTML escaping: the named entities above and numeric references. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? whole;
    const hex = name[1] === 'x' || name[1] === 'X';
    const codePoint = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}
