/**
 * The one error type routes and parsers throw to answer with a result code. The error
 * handler (error-handler.ts) turns it into the `int_result_code` reply.
 */

import { RESULT_CODES, type ResultName } from './result-codes.js';

/** Extra machine-readable fields added to the reply, e.g. `{ fields: ['new_password'] }`. */
export type ResultExtra = Readonly<Record<string, unknown>>;

export class ServiceError extends Error {
  readonly reason: ResultName;
  readonly statusCode: number;
  readonly extra: ResultExtra;

  /** `message` becomes `result_desc`; it must never contain a secret. */
  constructor(reason: ResultName, message?: string, extra: ResultExtra = {}) {
    super(message ?? RESULT_CODES[reason].meaning);
    this.name = 'ServiceError';
    this.reason = reason;
    this.statusCode = RESULT_CODES[reason].status;
    this.extra = extra;
  }
}
