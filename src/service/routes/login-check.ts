/**
 * GET /web/v1/access/login_check: the web session for a client that logged in through CAS.
 * With a live web session it answers for it; otherwise a CASTGC creates one (the documented
 * non-browser flow). Sets JSESSIONID and answers the documented fields, plus
 * password_expires and password_days_left.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { WEB_SESSION_COOKIE, setCookie } from '../cookies.js';
import { ServiceError } from '../errors.js';
import { passwordStatus } from '../password-status.js';
import { currentSso } from '../sso.js';
import { createWebSession, currentWebSession, type WebSession } from '../web-sessions.js';
import { WEB_HOME_PATH } from './home.js';
import { refuseOtherMethods } from './method-not-allowed.js';

const PATH = '/web/v1/access/login_check';

/** The reply, field names as the manager's API documents them. */
export interface LoginCheckReply {
  readonly id: number;
  readonly state: number;
  readonly error_code: number;
  readonly error_description: string;
  readonly total_progress: number;
  readonly modify_pwd: boolean;
  readonly exist_cluster: boolean;
  readonly remind_pwd: boolean;
  readonly ref_URL: string;
  readonly token: string;
  readonly password_expires: string | null;
  readonly password_days_left: number | null;
}

/**
 * The reply's JSON schema: Fastify serialises it with a compiled serializer, which costs a
 * fraction of JSON.stringify on a route that clients poll.
 */
const REPLY_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    state: { type: 'integer' },
    error_code: { type: 'integer' },
    error_description: { type: 'string' },
    total_progress: { type: 'integer' },
    modify_pwd: { type: 'boolean' },
    exist_cluster: { type: 'boolean' },
    remind_pwd: { type: 'boolean' },
    ref_URL: { type: 'string' },
    token: { type: 'string' },
    password_expires: { type: ['string', 'null'] },
    password_days_left: { type: ['integer', 'null'] },
  } satisfies Record<keyof LoginCheckReply, unknown>,
} as const;

export function registerLoginCheck(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(PATH, { schema: { response: { 200: REPLY_SCHEMA } } }, (request, reply) =>
    loginCheck(ctx, request, reply),
  );
  refuseOtherMethods(app, PATH, ['GET']);
}

async function loginCheck(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<LoginCheckReply> {
  const session = await sessionFor(ctx, request, reply);
  const status = passwordStatus(session.record, ctx.clock(), ctx.config.remindDays);
  return {
    id: -1,
    state: 0,
    error_code: 0,
    error_description: '',
    total_progress: 100,
    modify_pwd: status.modifyPwd,
    exist_cluster: true,
    remind_pwd: status.remindPwd,
    ref_URL: WEB_HOME_PATH,
    token: session.record.token,
    password_expires: status.expires,
    password_days_left: status.daysLeft,
  };
}

async function sessionFor(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<WebSession> {
  const current = await currentWebSession(ctx, request);
  if (current) {
    setCookie(request, reply, ctx.config, WEB_SESSION_COOKIE, current.id);
    return current;
  }

  const sso = await currentSso(ctx, request);
  if (!sso) throw new ServiceError('not_logged_in');
  const session = await createWebSession(ctx, request, reply, sso.record, sso.id);
  await audit(ctx.auditSink, request, {
    event: 'session_start',
    principal: sso.record.principal,
    via: 'tgc',
  });
  return session;
}
