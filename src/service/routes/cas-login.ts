/**
 * GET and POST /cas/login: the login form with its single-use login ticket, and the login
 * itself, which starts the single sign-on session (CASTGC) and redirects to the service
 * with a service ticket.
 *
 * A wrong password, an unknown user, a locked or disabled account all get the same answer
 * (status and body, apart from the fresh login ticket); only the audit log tells them apart.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { LoginFailureKind, LoginOutcome } from '../backend.js';
import type { ServiceConfig } from '../config.js';
import type { ServiceContext } from '../context.js';
import { CAS_SESSION_COOKIE, cookieOf } from '../cookies.js';
import { ServiceError } from '../errors.js';
import { refuseCrossSite } from '../forgery.js';
import { chooseLanguage } from '../html/i18n.js';
import { renderLoginPage } from '../html/login-page.js';
import { renderMessagePage } from '../html/message-page.js';
import { noticeOf, sendHtml } from '../reply.js';
import { bodyOf } from '../request/body-parsers.js';
import { MAX_PASSWORD_BYTES } from '../request/password-fields.js';
import { queryValue, singleValue } from '../request/query.js';
import type { FieldMap } from '../request/urlencoded.js';
import { RESULT_CODES, type ResultName } from '../result-codes.js';
import { allowedService, publicOrigin, withTicket } from '../service-url.js';
import {
  currentSso,
  ensureCasSession,
  issueLoginTicket,
  issueServiceTicket,
  redeemLoginTicket,
  startSso,
} from '../sso.js';
import { isThrottled, reserveLogin, type AttemptVerdict, type Throttled } from '../throttle.js';
import { parseUserName } from '../user-name.js';
import { refuseOtherMethods } from './method-not-allowed.js';
import { logKdcTrouble } from '../kdc-trouble.js';

export function registerCasLogin(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/cas/login', (request, reply) => showLogin(ctx, request, reply));
  app.post('/cas/login', (request, reply) => login(ctx, request, reply));
  refuseOtherMethods(app, '/cas/login', ['GET', 'POST']);
}

/** The form; or, with a live CASTGC and a service, straight back to it with a ticket. */
async function showLogin(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const rawService = queryValue(request, 'service');
  const service = allowedService(rawService, publicOrigin(request, ctx.config), ctx.config);
  if (service === undefined) return refuseService(reply);

  const sso = await currentSso(ctx, request);
  if (sso && rawService !== undefined && queryValue(request, 'renew') !== 'true') {
    return reply.redirect(withTicket(service, await issueServiceTicket(ctx, sso, service)), 302);
  }
  return showForm(ctx, request, reply, 'success');
}

/** Longest user name accepted, in UTF-8 bytes (checked before anything else is done). */
const MAX_USER_NAME_BYTES = 256;

/** Longest login ticket looked up (they are 46 characters). */
const MAX_TICKET_LENGTH = 128;

async function login(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  refuseCrossSite(ctx, request);
  const form = loginForm(request);
  const ltValid = await redeemAllLoginTickets(ctx, form, cookieOf(request, CAS_SESSION_COOKIE));
  if (!ltValid) return showForm(ctx, request, reply, 'login_ticket_invalid');

  const service = allowedService(
    queryValue(request, 'service'),
    publicOrigin(request, ctx.config),
    ctx.config,
  );
  if (service === undefined) return refuseService(reply);

  const credentials = readCredentials(form, ctx.backend.defaultRealm);
  if ('refusal' in credentials) {
    if (credentials.user !== undefined) {
      const fields = { user: credentials.user, realm: '', kind: 'invalid_user_name' };
      await audit(ctx.auditSink, request, { event: 'login', outcome: 'failure', ...fields });
    }
    return showForm(ctx, request, reply, credentials.refusal);
  }

  const { user, realm, password } = credentials;
  const attempts = await reserveLogin(ctx, request, user, realm);
  if (isThrottled(attempts)) {
    const fields = { user, realm, kind: 'throttled' };
    await audit(ctx.auditSink, request, { event: 'login', outcome: 'failure', ...fields });
    return showThrottled(ctx, request, reply, attempts);
  }

  let verdict: AttemptVerdict = 'not_counted';
  let outcome: LoginOutcome;
  try {
    outcome = await ctx.backend.login(user, realm, password);
    verdict = loginVerdict(outcome);
  } finally {
    await attempts.settle(verdict);
  }
  await auditLogin(ctx, request, user, realm, outcome);
  if (!outcome.ok) {
    logKdcTrouble(request, 'login', outcome);
    return showForm(ctx, request, reply, loginFailure(outcome.kind));
  }

  const sso = await startSso(ctx, request, reply, outcome.identity);
  const ticket = await issueServiceTicket(ctx, sso, service);
  return reply.redirect(withTicket(service, ticket), 302);
}

function loginForm(request: FastifyRequest): FieldMap {
  const body = bodyOf(request);
  if (body?.source !== 'form') {
    throw new ServiceError('unsupported_media_type', 'the login form must be a form body');
  }
  return body.fields;
}

/** Consume every `lt` sent (each is single use even in a refused request); valid if one. */
async function redeemAllLoginTickets(
  ctx: ServiceContext,
  form: FieldMap,
  casSession: string | undefined,
): Promise<boolean> {
  const tickets = (form.get('lt') ?? []).filter((lt) => lt.length <= MAX_TICKET_LENGTH);
  const valid = await Promise.all(tickets.map((lt) => redeemLoginTicket(ctx, lt, casSession)));
  return (form.get('lt') ?? []).length === 1 && valid[0] === true;
}

type Credentials =
  | { readonly user: string; readonly realm: string; readonly password: string }
  | { readonly refusal: ResultName; readonly user?: string };

function readCredentials(form: FieldMap, defaultRealm: string): Credentials {
  const repeated = ['username', 'password'].some((name) => (form.get(name)?.length ?? 0) > 1);
  if (repeated) return { refusal: 'ambiguous_field' };
  const username = singleValue(form, 'username');
  const password = singleValue(form, 'password');
  if (username === undefined || password === undefined) return { refusal: 'missing_field' };
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return { refusal: 'too_long' };
  if (Buffer.byteLength(username, 'utf8') > MAX_USER_NAME_BYTES) return { refusal: 'too_long' };

  const name = parseUserName(username, defaultRealm);
  if (!name) return { refusal: 'login_failed', user: username };
  return { ...name, password };
}

/** The one answer for every credential failure; outages are told apart (they leak nothing). */
function loginFailure(kind: LoginFailureKind): ResultName {
  if (kind === 'kdc_unavailable') return 'kdc_unavailable';
  if (kind === 'clock_skew' || kind === 'kdc_error') return 'kdc_error';
  return 'login_failed';
}

/**
 * What a login's outcome means for the throttle: a proved password clears the user's count;
 * a refused password, an unknown or a locked user count; an unreachable or failing KDC
 * proves nothing either way.
 */
function loginVerdict(outcome: LoginOutcome): AttemptVerdict {
  if (outcome.ok) return 'proved';
  const counted: readonly LoginFailureKind[] = ['wrong_password', 'unknown_user', 'locked'];
  return counted.includes(outcome.kind) ? 'wrong_password' : 'not_counted';
}

async function auditLogin(
  ctx: ServiceContext,
  request: FastifyRequest,
  user: string,
  realm: string,
  outcome: LoginOutcome,
): Promise<void> {
  const entry = outcome.ok
    ? { outcome: 'success' as const, mustChange: outcome.identity.mustChange }
    : { outcome: 'failure' as const, kind: outcome.kind };
  await audit(ctx.auditSink, request, { event: 'login', user, realm, ...entry });
}

/** The form again, 429 with Retry-After: the KDC was not asked. */
async function showThrottled(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  wait: Throttled,
): Promise<FastifyReply> {
  reply.header('retry-after', String(wait.retryAfterSeconds));
  const text = `${RESULT_CODES.throttled.meaning} Retry in ${wait.retryAfterSeconds} s.`;
  return showForm(ctx, request, reply, 'throttled', text);
}

/** The login form with a fresh login ticket, and a notice unless `reason` is success. */
async function showForm(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  reason: ResultName,
  text?: string,
): Promise<FastifyReply> {
  const casSession = await ensureCasSession(ctx, request, reply);
  const lt = await issueLoginTicket(ctx, casSession);
  const rawService = queryValue(request, 'service');
  const action =
    rawService === undefined
      ? '/cas/login'
      : `/cas/login?service=${encodeURIComponent(rawService)}`;
  const notice = reason === 'success' ? undefined : noticeOf(reason, text);
  const lang = chooseLanguage(request, reply, ctx.config);
  const page = renderLoginPage({ lt, action, notice, lang });
  return sendHtml(reply, RESULT_CODES[reason].status, page, serviceOrigins(ctx.config));
}

/** Origins of the configured services: the login form's post may redirect there. */
function serviceOrigins(config: ServiceConfig): string[] {
  return [...new Set(config.allowedServices.map((service) => new URL(service).origin))];
}

function refuseService(reply: FastifyReply): FastifyReply {
  const page = renderMessagePage({
    title: 'Service not allowed',
    notice: noticeOf('service_not_allowed'),
    link: { href: '/cas/login', text: 'Log in to this server' },
  });
  return sendHtml(reply, RESULT_CODES.service_not_allowed.status, page);
}
