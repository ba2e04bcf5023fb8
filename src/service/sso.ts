/**
 * The CAS side of the sessions: the pre-login session and its login tickets, the single
 * sign-on session (CASTGC) and the service tickets it issues.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Identity } from './backend.js';
import type { ServiceContext } from './context.js';
import { CAS_SESSION_COOKIE, TGC_COOKIE, cookieOf, setCookie } from './cookies.js';
import { newId } from './ids.js';
import { sameSecret } from './secrets.js';
import type {
  SessionUser,
  ServiceTicketRecord,
  TicketGrantingRecord,
} from './store/session-store.js';

const SECOND = 1000;

/** The request's live CAS pre-login session, or a new one (with its cookie set). */
export async function ensureCasSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string> {
  const ttl = ctx.config.loginTicketSeconds * SECOND;
  const current = cookieOf(request, CAS_SESSION_COOKIE);
  if (current !== undefined && (await ctx.store.expire('cas', current, ttl))) return current;

  const id = newId();
  await ctx.store.put(id, { kind: 'cas' }, ttl);
  setCookie(request, reply, ctx.config, CAS_SESSION_COOKIE, id);
  return id;
}

/** A fresh single-use login ticket bound to a CAS session. */
export async function issueLoginTicket(ctx: ServiceContext, casSession: string): Promise<string> {
  const lt = newId('LT');
  await ctx.store.put(lt, { kind: 'lt', casSession }, ctx.config.loginTicketSeconds * SECOND);
  return lt;
}

/** Consume a login ticket; true when it was live and issued to this CAS session. */
export async function redeemLoginTicket(
  ctx: ServiceContext,
  lt: string | undefined,
  casSession: string | undefined,
): Promise<boolean> {
  if (lt === undefined || lt === '') return false;
  const record = await ctx.store.take('lt', lt);
  return (
    record !== undefined && casSession !== undefined && sameSecret(record.casSession, casSession)
  );
}

/** What the sessions remember of a login. */
export function sessionUserOf(identity: Identity): SessionUser {
  return {
    principal: identity.principal,
    user: identity.user,
    realm: identity.realm,
    mustChange: identity.mustChange,
    passwordExpires: identity.passwordExpires?.getTime() ?? null,
  };
}

/** Just the {@link SessionUser} fields of a record. */
export function pickSessionUser(record: SessionUser): SessionUser {
  const { principal, user, realm, mustChange, passwordExpires } = record;
  return { principal, user, realm, mustChange, passwordExpires };
}

/**
 * Start a single sign-on session after a successful login: a new CASTGC (never the one the
 * client sent: ids rotate at login), replacing any previous one of this browser.
 */
export async function startSso(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  identity: Identity,
): Promise<{ id: string; record: TicketGrantingRecord }> {
  const previous = cookieOf(request, TGC_COOKIE);
  if (previous !== undefined) await ctx.store.delete('tgc', previous);
  const casSession = cookieOf(request, CAS_SESSION_COOKIE);
  if (casSession !== undefined) await ctx.store.delete('cas', casSession);

  const id = newId('TGT');
  const record: TicketGrantingRecord = {
    kind: 'tgc',
    ...sessionUserOf(identity),
    createdAt: ctx.clock(),
  };
  await ctx.store.put(id, record, ctx.config.ssoSessionSeconds * SECOND);
  setCookie(request, reply, ctx.config, TGC_COOKIE, id);
  return { id, record };
}

/** The request's live single sign-on session, if any. */
export async function currentSso(
  ctx: ServiceContext,
  request: FastifyRequest,
): Promise<{ id: string; record: TicketGrantingRecord } | undefined> {
  const id = cookieOf(request, TGC_COOKIE);
  const record = id === undefined ? undefined : await ctx.store.get('tgc', id);
  return id !== undefined && record ? { id, record } : undefined;
}

/** End a single sign-on session and every web session created from it. */
export async function endSso(
  ctx: ServiceContext,
  sso: { id: string; record: TicketGrantingRecord },
): Promise<void> {
  await ctx.store.delete('tgc', sso.id);
  await ctx.store.deleteAllOfUser(sso.record.principal, { kinds: ['web', 'st'], parent: sso.id });
}

/** A single-use service ticket for `service` from a single sign-on session. */
export async function issueServiceTicket(
  ctx: ServiceContext,
  sso: { id: string; record: TicketGrantingRecord },
  service: string,
): Promise<string> {
  const ticket = newId('ST');
  const record: ServiceTicketRecord = {
    kind: 'st',
    ...pickSessionUser(sso.record),
    service,
    parent: sso.id,
  };
  await ctx.store.put(ticket, record, ctx.config.serviceTicketSeconds * SECOND);
  return ticket;
}

/** Consume a service ticket; undefined when unknown, used, expired or its SSO has ended. */
export async function redeemServiceTicket(
  ctx: ServiceContext,
  ticket: string | undefined,
): Promise<ServiceTicketRecord | undefined> {
  if (ticket === undefined || ticket === '') return undefined;
  const record = await ctx.store.take('st', ticket);
  if (!record || !(await ctx.store.get('tgc', record.parent))) return undefined;
  return record;
}
