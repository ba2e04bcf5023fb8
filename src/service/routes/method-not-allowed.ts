/**
 * 405 with an Allow header for the methods a path does not take (RFC 9110 section 15.5.6).
 */

import type { FastifyInstance, HTTPMethods } from 'fastify';

import { sendResult } from '../reply.js';

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** Answer every method but `allowed` (and HEAD, which follows GET) on `url` with 405. */
export function refuseOtherMethods(
  app: FastifyInstance,
  url: string,
  allowed: readonly HTTPMethods[],
): void {
  const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : [...allowed];
  app.route({
    method: METHODS.filter((method) => !allowed.includes(method)),
    url,
    handler: async (_request, reply) =>
      sendResult(reply.header('allow', allow.join(', ')), 'method_not_allowed'),
  });
}
