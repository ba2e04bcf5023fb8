/**
 * The request bodies the service accepts: JSON and form, both strict, both wrapped in a
 * {@link ParsedBody} so a route knows where its fields came from. Every other content type
 * is refused by Fastify with 415 (mapped to `unsupported_media_type`).
 *
 * A body that cannot be decoded is not refused by the parser but kept as `invalid`: the
 * route raises its error when it reads the body, after checking the session, so the answer
 * follows the documented order of checks.
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { ServiceError } from '../errors.js';
import { parseJsonBody } from './json-body.js';
import { parseFormBody, type FieldMap } from './urlencoded.js';

export type ParsedBody =
  | { readonly source: 'json'; readonly value: unknown }
  | { readonly source: 'form'; readonly fields: FieldMap };

type StoredBody = ParsedBody | { readonly source: 'invalid'; readonly error: ServiceError };

type Done = (err: Error | null, body?: StoredBody) => void;

/** Replace Fastify's parsers (lenient JSON, text/plain) with the strict ones. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) =>
    settle(done, () => parseJson(request, body as Buffer)),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request, body, done) => settle(done, () => parseForm(request, body as Buffer)),
  );
}

/** The parsed body of a request, or undefined when it had none. Throws ServiceError. */
export function bodyOf(request: FastifyRequest): ParsedBody | undefined {
  const body = (request.body ?? undefined) as StoredBody | undefined;
  if (body?.source === 'invalid') throw body.error;
  return body;
}

function parseJson(request: FastifyRequest, body: Buffer): ParsedBody | undefined {
  checkCharset(request);
  const value = parseJsonBody(body);
  return value === undefined ? undefined : { source: 'json', value };
}

function parseForm(request: FastifyRequest, body: Buffer): ParsedBody {
  checkCharset(request);
  return { source: 'form', fields: parseFormBody(body) };
}

function checkCharset(request: FastifyRequest): void {
  const header = request.headers['content-type'] ?? '';
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(header);
  if (match && !/^utf-?8$/i.test(match[1] ?? '')) {
    throw new ServiceError('unsupported_media_type', 'only the UTF-8 charset is supported');
  }
}

function settle(done: Done, parse: () => ParsedBody | undefined): void {
  let body: StoredBody | undefined;
  try {
    body = parse();
  } catch (err) {
    if (!(err instanceof ServiceError) || err.reason === 'unsupported_media_type') {
      done(err as Error);
      return;
    }
    body = { source: 'invalid', error: err };
  }
  done(null, body);
}
