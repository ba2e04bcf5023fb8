/**
 * The query string of a request, decoded strictly (see urlencoded.ts). Routes read it here,
 * never through Fastify's lenient `request.query`.
 */

import type { FastifyRequest } from 'fastify';

import { ServiceError } from '../errors.js';
import { parseQueryString, type FieldMap } from './urlencoded.js';

const cache = new WeakMap<FastifyRequest, FieldMap>();

/** Every query parameter of the request. Throws ServiceError `bad_encoding`. */
export function queryOf(request: FastifyRequest): FieldMap {
  let fields = cache.get(request);
  if (!fields) {
    const url = request.raw.url ?? '';
    const mark = url.indexOf('?');
    fields = mark < 0 ? new Map() : parseQueryString(url.slice(mark + 1));
    cache.set(request, fields);
  }
  return fields;
}

/** One query parameter, or undefined; refuses a repeated one with `ambiguous_field`. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  return singleValue(queryOf(request), name);
}

/** The only value of `name` in `fields`; refuses a repeated one with `ambiguous_field`. */
export function singleValue(fields: FieldMap, name: string): string | undefined {
  const values = fields.get(name);
  if (values && values.length > 1) {
    throw new ServiceError('ambiguous_field', `the field ${name} is repeated`, { fields: [name] });
  }
  return values?.[0];
}

/** The path of the request without its query string (what logs may show). */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '').split('?', 1)[0] ?? '';
  return path === '' ? '/' : path;
}
