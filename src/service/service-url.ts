/**
 * CAS service URLs: which ones may receive a service ticket, and how the ticket is attached.
 * A service is compared by origin and path (its query is kept but not compared), so a
 * ticket can never be sent to a host the configuration does not name.
 */

import type { FastifyRequest } from 'fastify';

import type { ServiceConfig } from './config.js';

/** This server's own CAS service: the web application's ticket check. */
export const SECURITY_CHECK_PATH = '/web/cas_security_check.htm';

/** `new URL` that answers undefined instead of throwing. */
export function tryParseUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** The origin clients use to reach this service. */
export function publicOrigin(request: FastifyRequest, config: ServiceConfig): string {
  if (config.publicBaseUrl !== null) return config.publicBaseUrl;
  const url = tryParseUrl(`${request.protocol}://${request.host}`);
  return url ? url.origin : 'http://localhost';
}

/** This server's own service URL. */
export function ownService(origin: string): string {
  return `${origin}${SECURITY_CHECK_PATH}`;
}

/**
 * The normalised service URL for a `service` parameter (this server's own service when
 * absent), or undefined when the configuration does not allow it.
 */
export function allowedService(
  raw: string | undefined,
  origin: string,
  config: ServiceConfig,
): string | undefined {
  if (raw === undefined) return ownService(origin);
  const url = tryParseUrl(raw, origin);
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) return undefined;
  const key = serviceKey(url);
  const allowed = key === ownService(origin) || config.allowedServices.includes(key);
  return allowed ? url.href : undefined;
}

/** True when a ticket issued for `service` may be redeemed by this server's ticket check. */
export function isOwnService(service: string, origin: string): boolean {
  const url = tryParseUrl(service);
  return url !== undefined && serviceKey(url) === ownService(origin);
}

/** True when two service URLs name the same service (origin and path; the query is ignored). */
export function sameService(a: string, b: string): boolean {
  const left = tryParseUrl(a);
  const right = tryParseUrl(b);
  return left !== undefined && right !== undefined && serviceKey(left) === serviceKey(right);
}

/** The service URL with `ticket` added to its query. */
export function withTicket(service: string, ticket: string): string {
  const url = new URL(service);
  const query = url.search ? `${url.search}&` : '?';
  return `${url.origin}${url.pathname}${query}ticket=${ticket}${url.hash}`;
}

function serviceKey(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
