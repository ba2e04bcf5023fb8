/**
 * The three cookies and their attributes: HttpOnly, SameSite=Lax, scoped to the path prefix
 * that reads them, Secure when the request came over TLS (or as configured). They are session
 * cookies; the server-side TTL decides how long they are worth anything.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { ServiceConfig } from './config.js';

/** The CAS pre-login session that login tickets are bound to. */
export const CAS_SESSION_COOKIE = 'CASSESSION';
/** The single sign-on session (ticket-granting cookie). */
export const TGC_COOKIE = 'CASTGC';
/** The web session. */
export const WEB_SESSION_COOKIE = 'JSESSIONID';

const PATHS: Record<string, string> = {
  [CAS_SESSION_COOKIE]: '/cas',
  // The documented flow presents CASTGC to /web/v1/access/login_check, so a client's cookie
  // jar must send it there too.
  [TGC_COOKIE]: '/',
  [WEB_SESSION_COOKIE]: '/web',
};

type CookieName = typeof CAS_SESSION_COOKIE | typeof TGC_COOKIE | typeof WEB_SESSION_COOKIE;

/** Longest cookie value looked up (ids are at most 47 characters); longer ones are ignored. */
const MAX_COOKIE_LENGTH = 128;

/** The value of a cookie the request sent, if any. */
export function cookieOf(request: FastifyRequest, name: CookieName): string | undefined {
  const value = request.cookies[name];
  if (value === undefined || value === '' || value.length > MAX_COOKIE_LENGTH) return undefined;
  return value;
}

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: ServiceConfig,
  name: CookieName,
  value: string,
): void {
  reply.setCookie(name, value, attributes(request, config, name));
}

export function clearCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: ServiceConfig,
  name: CookieName,
): void {
  reply.clearCookie(name, attributes(request, config, name));
}

function attributes(request: FastifyRequest, config: ServiceConfig, name: CookieName) {
  const secure =
    config.secureCookies === 'always' ||
    (config.secureCookies === 'auto' && request.protocol === 'https');
  return { path: PATHS[name], httpOnly: true, sameSite: 'lax' as const, secure };
}
