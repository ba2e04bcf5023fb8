/**
 * The query-string cap: a request whose query string (the bytes after `?`) is longer than
 * the configured limit is answered 414 (RFC 9110 section 15.5.15) before any route runs.
 */

import type { FastifyInstance } from 'fastify';

import { ServiceError } from '../errors.js';

export function registerQueryLimit(app: FastifyInstance, limitBytes: number): void {
  app.addHook('onRequest', async (request) => {
    const url = request.raw.url ?? '';
    const mark = url.indexOf('?');
    if (mark >= 0 && url.length - mark - 1 > limitBytes) {
      throw new ServiceError('query_too_long', undefined, { max_bytes: limitBytes });
    }
  });
}
