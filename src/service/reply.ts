/**
 * The two kinds of answers: the JSON result shape of the web API and server-rendered HTML.
 */

import type { FastifyReply } from 'fastify';

import type { ResultExtra } from './errors.js';
import type { PageNotice } from './html/page.js';
import { RESULT_CODES, type ResultName } from './result-codes.js';

/** The reply of every /web API call that has no richer body, as the API document defines it. */
export interface ResultBody {
  readonly int_result_code: number;
  readonly result_desc: string;
  /** The machine-readable name of the code. */
  readonly reason: ResultName;
  readonly [extra: string]: unknown;
}

export function resultBody(
  reason: ResultName,
  message?: string,
  extra: ResultExtra = {},
): ResultBody {
  const info = RESULT_CODES[reason];
  return {
    int_result_code: info.code,
    result_desc: message ?? info.meaning,
    reason,
    ...extra,
  };
}

/** Send the JSON result with the code's HTTP status. */
export function sendResult(
  reply: FastifyReply,
  reason: ResultName,
  message?: string,
  extra: ResultExtra = {},
): FastifyReply {
  return reply
    .code(RESULT_CODES[reason].status)
    .type('application/json; charset=utf-8')
    .send(resultBody(reason, message, extra));
}

/** The page notice for a result code. */
export function noticeOf(reason: ResultName, text?: string): PageNotice {
  const info = RESULT_CODES[reason];
  return { code: info.code, reason, text: text ?? info.meaning };
}

/**
 * Pages: scripts, styles and requests only from this server (no inline script or style), no
 * framing; forms post only here, and (browsers apply form-action to the redirect after a
 * post) redirect only to `formTargets`.
 */
function pageCsp(formTargets: readonly string[]): string {
  const targets = ["'self'", ...formTargets].join(' ');
  return (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
    `form-action ${targets}; frame-ancestors 'none'; base-uri 'none'`
  );
}

/** Send an HTML page; `formTargets` are origins its forms may end up redirected to. */
export function sendHtml(
  reply: FastifyReply,
  status: number,
  html: string,
  formTargets: readonly string[] = [],
): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', pageCsp(formTargets))
    .type('text/html; charset=utf-8')
    .send(html);
}
