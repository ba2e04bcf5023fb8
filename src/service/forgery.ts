/**
 * Cross-site request forgery defences for the state-changing POSTs (log in, log out, change
 * the password), on top of SameSite cookies:
 *
 * - a request a browser marks as coming from another site (Sec-Fetch-Site other than
 *   `same-origin` or `none`, or an Origin other than this service's, or "null" without
 *   Sec-Fetch-Site same-origin) is refused;
 * - a browser's password change must also carry login_check's `token` in X-Kerbside-Token,
 *   which a page of another site cannot read.
 *
 * Non-browser clients (curl, scripts) send neither Origin nor Sec-Fetch-Site and keep the
 * documented flow. Sec-Fetch-Mode alone is not a browser: Node's fetch sends it by itself,
 * while browsers always send Sec-Fetch-Site with it.
 */

import type { FastifyRequest } from 'fastify';

import type { ServiceContext } from './context.js';
import { ServiceError } from './errors.js';
import { sameSecret } from './secrets.js';
import { publicOrigin, tryParseUrl } from './service-url.js';

/** The header a browser sends the anti-forgery token in. */
export const TOKEN_HEADER = 'x-kerbside-token';

/** Longest token header looked at (tokens are 43 characters). */
const MAX_TOKEN_LENGTH = 128;

const BROWSER_HEADERS = ['origin', 'sec-fetch-site', 'sec-fetch-dest', 'sec-fetch-user'];

/** True when the request carries the headers only browsers send. */
export function isBrowserRequest(request: FastifyRequest): boolean {
  return BROWSER_HEADERS.some((name) => request.headers[name] !== undefined);
}

/** Throws `forbidden_cross_site` when a browser says the request comes from another site. */
export function refuseCrossSite(ctx: ServiceContext, request: FastifyRequest): void {
  const site = headerOf(request, 'sec-fetch-site');
  if (isCrossSite(request)) throw crossSite();

  const origin = headerOf(request, 'origin');
  if (origin === undefined) return;
  // Under Referrer-Policy no-referrer a browser sends "Origin: null" even for its own
  // origin; Sec-Fetch-Site, which no page can set, then says whether it really is ours.
  if (origin === 'null' && site === 'same-origin') return;
  const parsed = tryParseUrl(origin);
  if (!parsed || parsed.origin !== publicOrigin(request, ctx.config)) throw crossSite();
}

/** True when a browser says the request comes from another site (Sec-Fetch-Site). */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = headerOf(request, 'sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** For a browser request, throws `forbidden_cross_site` unless it carries `token`. */
export function requireBrowserToken(request: FastifyRequest, token: string): void {
  if (!isBrowserRequest(request)) return;
  const sent = headerOf(request, TOKEN_HEADER);
  if (sent === undefined || sent.length > MAX_TOKEN_LENGTH || !sameSecret(sent, token)) {
    throw new ServiceError(
      'forbidden_cross_site',
      'A browser must send the token from login_check in the X-Kerbside-Token header.',
    );
  }
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : undefined;
}

function crossSite(): ServiceError {
  return new ServiceError('forbidden_cross_site', 'Refused: the request came from another site.');
}
