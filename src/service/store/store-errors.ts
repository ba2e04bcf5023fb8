/**
 * The error a shared store throws when it cannot answer (Redis unreachable, a command timed
 * out). The error handler answers it with result `store_unavailable` (HTTP 503).
 */

export class StoreUnavailableError extends Error {
  readonly code = 'ERR_STORE_UNAVAILABLE';

  /**
   * The message adds the client's reason (connection refused, timed out); it names no key,
   * record or URL: keys hold ticket ids and user names, a URL may hold a password.
   */
  constructor(cause?: unknown) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    super(`the session store did not answer${why}`);
    this.name = 'StoreUnavailableError';
  }
}
