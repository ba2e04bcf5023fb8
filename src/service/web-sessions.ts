/**
 * Web sessions (cookie JSESSIONID): created from a service ticket or a CASTGC, kept alive by
 * use up to a maximum age, rotated after a password change, ended by logout.
 *
 * A record is stored until its maximum age plus one idle period, with the time it was last
 * used, so that a session presented after its idle or maximum time is recognised as timed
 * out (and audited) rather than merely unknown.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { ServiceContext } from './context.js';
import { WEB_SESSION_COOKIE, clearCookie, cookieOf, setCookie } from './cookies.js';
import { ServiceError } from './errors.js';
import { newId } from './ids.js';
import { recordTimeout, sessionDeadline } from './session-reaper.js';
import { pickSessionUser } from './sso.js';
import type { SessionUser, WebSessionRecord } from './store/session-store.js';

/** A live web session and its id. */
export interface WebSession {
  readonly id: string;
  readonly record: WebSessionRecord;
}

const SECOND = 1000;

/** Create a web session for `user` and set its cookie. */
export async function createWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
  parent: string | null,
): Promise<WebSession> {
  const record: WebSessionRecord = {
    kind: 'web',
    ...pickSessionUser(user),
    token: newId(),
    parent,
    createdAt: ctx.clock(),
    lastSeenAt: ctx.clock(),
  };
  return saveWebSession(ctx, request, reply, record);
}

/** The request's live web session (its idle time restarted), or undefined. */
export async function currentWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
): Promise<WebSession | undefined> {
  const id = cookieOf(request, WEB_SESSION_COOKIE);
  if (id === undefined) return undefined;
  const record = await ctx.store.get('web', id);
  if (!record) return undefined;

  const now = ctx.clock();
  const deadline = sessionDeadline(record, ctx.config);
  if (now >= deadline.at) {
    // Whichever limit came first ended it; the record says when, not when it was noticed.
    ctx.reaper.forget(id);
    await recordTimeout(ctx.store, ctx.auditSink, request.log, id, record, deadline);
    return undefined;
  }
  // Seen again within a second from the same address: the record is left as it is (the idle
  // clock runs to the second), which spares a store write on every request of a busy client.
  const seenAt = record.lastSeenAt ?? record.createdAt;
  if (now - seenAt < SECOND && now >= seenAt && record.lastAddress === request.ip) {
    return { id, record };
  }
  const left = record.createdAt + ctx.config.webSessionMaxSeconds * SECOND - now;
  const seen: WebSessionRecord = { ...record, lastSeenAt: now, lastAddress: request.ip };
  await ctx.store.put(id, seen, keepFor(ctx, left));
  ctx.reaper.watch(id, seen);
  return { id, record: seen };
}

/**
 * The request's web session, or ServiceError `not_logged_in`; while the password must be
 * changed, also `password_change_required` unless the route is one that stays allowed.
 */
export async function requireWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  options: { allowMustChange: boolean },
): Promise<WebSession> {
  const session = await currentWebSession(ctx, request);
  if (!session) throw new ServiceError('not_logged_in');
  if (!options.allowMustChange && mustChangeNow(session.record, ctx.clock())) {
    throw new ServiceError('password_change_required');
  }
  return session;
}

/** True when the session may do nothing but change the password. */
export function mustChangeNow(user: SessionUser, now: number): boolean {
  return user.mustChange || (user.passwordExpires !== null && user.passwordExpires <= now);
}

/**
 * Replace a session by a new id (and a new anti-forgery token) with `changes` applied: the
 * old id stops working at once.
 */
export async function rotateWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  session: WebSession,
  changes: Partial<SessionUser>,
): Promise<WebSession> {
  await ctx.store.delete('web', session.id);
  ctx.reaper.forget(session.id);
  const record: WebSessionRecord = {
    ...session.record,
    ...changes,
    token: newId(),
    parent: null,
    lastSeenAt: ctx.clock(),
  };
  return saveWebSession(ctx, request, reply, record);
}

/** End the request's web session (if any) and clear its cookie. */
export async function endWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<WebSession | undefined> {
  const session = await currentWebSession(ctx, request);
  if (session) {
    await ctx.store.delete('web', session.id);
    ctx.reaper.forget(session.id);
  }
  clearCookie(request, reply, ctx.config, WEB_SESSION_COOKIE);
  return session;
}

async function saveWebSession(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  record: WebSessionRecord,
): Promise<WebSession> {
  const id = newId();
  const left = record.createdAt + ctx.config.webSessionMaxSeconds * SECOND - ctx.clock();
  const saved: WebSessionRecord = { ...record, lastAddress: request.ip };
  await ctx.store.put(id, saved, keepFor(ctx, left));
  ctx.reaper.watch(id, saved);
  setCookie(request, reply, ctx.config, WEB_SESSION_COOKIE, id);
  return { id, record: saved };
}

/** How long the store keeps a record with `left` ms of life: one idle period longer. */
function keepFor(ctx: ServiceContext, left: number): number {
  return Math.max(left, 1) + ctx.config.webSessionIdleSeconds * SECOND;
}
