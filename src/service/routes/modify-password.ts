/**
 * POST /web/v1/access/modify_self_password: change the password of the logged-in user.
 *
 * Checks, in order: not from another site; the session (and, from a browser, its token in
 * X-Kerbside-Token); the three fields (one place, no repeats, present, strings, within the
 * size limit); new equals confirm; new differs from old; the local policy; then the user's
 * lock (one change at a time); the throttle; the KDC. On success every other session and
 * every CASTGC of the user ends; this session continues under a new id, no longer
 * restricted to changing the password.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ChangeOutcome, PolicyReason } from '../backend.js';
import type { ServiceContext } from '../context.js';
import { TGC_COOKIE, clearCookie } from '../cookies.js';
import { ServiceError } from '../errors.js';
import { refuseCrossSite, requireBrowserToken } from '../forgery.js';
import { checkPassword, type PolicyViolation } from '../policy.js';
import { resultBody, type ResultBody } from '../reply.js';
import { bodyOf } from '../request/body-parsers.js';
import { readPasswordFields, type PasswordFields } from '../request/password-fields.js';
import { queryOf } from '../request/query.js';
import type { ResultName } from '../result-codes.js';
import { sameSecret } from '../secrets.js';
import {
  isThrottled,
  reserveChange,
  throttledError,
  userKey,
  type AttemptVerdict,
} from '../throttle.js';
import { requireWebSession, rotateWebSession, type WebSession } from '../web-sessions.js';
import { refuseOtherMethods } from './method-not-allowed.js';
import { logKdcTrouble } from '../kdc-trouble.js';

const PATH = '/web/v1/access/modify_self_password';

/** How long a change may hold the user's lock in a shared store (far above KDC timeouts). */
const LOCK_TTL_MS = 5 * 60 * 1000;

export function registerModifyPassword(app: FastifyInstance, ctx: ServiceContext): void {
  app.post(PATH, (request, reply) => modifySelfPassword(ctx, request, reply));
  refuseOtherMethods(app, PATH, ['POST']);
}

async function modifySelfPassword(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ResultBody> {
  refuseCrossSite(ctx, request);
  const session = await requireWebSession(ctx, request, { allowMustChange: true });
  requireBrowserToken(request, session.record.token);

  const fields = readPasswordFields(queryOf(request), bodyOf(request));
  await checkFields(fields, session, ctx, request);

  const { user, realm } = session.record;
  const release = await ctx.store.lock(`change:${userKey(user, realm)}`, LOCK_TTL_MS);
  try {
    return await changeAlone(ctx, request, reply, session, fields);
  } finally {
    await release();
  }
}

/**
 * The change itself, while this request holds the user's lock: two changes of one user
 * never reach the KDC at the same time.
 */
async function changeAlone(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  session: WebSession,
  fields: PasswordFields,
): Promise<ResultBody> {
  // A change that finished while this request waited ends the user's other sessions.
  if (!(await ctx.store.get('web', session.id))) throw new ServiceError('not_logged_in');

  const { user, realm, principal } = session.record;
  const attempts = await reserveChange(ctx, user, realm);
  if (isThrottled(attempts)) {
    const entry = { principal, outcome: 'refused' as const, kind: 'throttled' };
    await audit(ctx.auditSink, request, { event: 'password_change', ...entry });
    throw throttledError(attempts);
  }

  let verdict: AttemptVerdict = 'not_counted';
  let outcome: ChangeOutcome;
  try {
    outcome = await ctx.backend.changePassword(user, realm, fields.oldPassword, fields.newPassword);
    verdict = changeVerdict(outcome);
  } finally {
    await attempts.settle(verdict);
  }
  if (!outcome.ok) {
    const entry = { principal, outcome: 'failure' as const, kind: outcome.kind };
    await audit(ctx.auditSink, request, { event: 'password_change', ...entry });
    logKdcTrouble(request, 'password_change', outcome);
    throw changeFailure(outcome);
  }

  const endedSessions = await endOtherSessions(ctx, request, reply, session, outcome);
  const entry = { principal, outcome: 'success' as const, endedSessions };
  await audit(ctx.auditSink, request, { event: 'password_change', ...entry });
  return resultBody('success', 'The password was changed.', {
    confirmed: outcome.confirmed,
    password_expires: outcome.passwordExpires?.toISOString() ?? null,
  });
}

/**
 * What a change's outcome means for the throttle: a wrong old password counts; any answer
 * that needed the old password to be right (success, a policy refusal, access denied)
 * clears the count; an unreachable or failing KDC proves nothing.
 */
function changeVerdict(outcome: ChangeOutcome): AttemptVerdict {
  if (outcome.ok) return 'proved';
  switch (outcome.kind) {
    case 'wrong_password':
    case 'unknown_user':
    case 'locked':
      return 'wrong_password';
    case 'policy':
    case 'access_denied':
      return 'proved';
    default:
      return 'not_counted';
  }
}

/** The request's own checks, before anything reaches the KDC. */
async function checkFields(
  fields: PasswordFields,
  session: WebSession,
  ctx: ServiceContext,
  request: FastifyRequest,
): Promise<void> {
  const refuse = async (reason: ResultName, extra?: Record<string, unknown>, rules?: string[]) => {
    const principal = session.record.principal;
    const entry = { principal, outcome: 'refused' as const, kind: reason, rules };
    await audit(ctx.auditSink, request, { event: 'password_change', ...entry });
    return new ServiceError(reason, undefined, extra);
  };

  if (!sameSecret(fields.newPassword, fields.confirmPassword)) {
    throw await refuse('confirm_mismatch');
  }
  if (sameSecret(fields.newPassword, fields.oldPassword)) throw await refuse('new_equals_old');

  const subject = { user: session.record.user, oldPassword: fields.oldPassword };
  const verdict = checkPassword(fields.newPassword, subject, ctx.config.policy);
  if (!verdict.ok) {
    const violations = verdict.violations.map(localViolationJson);
    const rules = verdict.violations.map((v) => v.rule);
    throw await refuse('local_policy', { violations }, rules);
  }
}

/**
 * After a change: end every other web session, service ticket and CASTGC of the user, and
 * move this session to a new id with the must-change restriction lifted.
 */
async function endOtherSessions(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  session: WebSession,
  outcome: Extract<ChangeOutcome, { ok: true }>,
): Promise<number> {
  const ended = await ctx.store.deleteAllOfUser(session.record.principal, {
    except: [session.id],
  });
  await rotateWebSession(ctx, request, reply, session, {
    mustChange: false,
    passwordExpires: outcome.passwordExpires?.getTime() ?? null,
  });
  clearCookie(request, reply, ctx.config, TGC_COOKIE);
  return ended;
}

function changeFailure(outcome: Extract<ChangeOutcome, { ok: false }>): ServiceError {
  const detail = { detail: outcome.detail };
  switch (outcome.kind) {
    case 'wrong_password':
      return new ServiceError('wrong_old_password', undefined, detail);
    case 'locked':
      return new ServiceError('account_locked', undefined, detail);
    case 'policy': {
      const violations = (outcome.reasons ?? [{ kind: 'other' }]).map(kdcReasonJson);
      return new ServiceError('kdc_policy', undefined, { ...detail, violations });
    }
    case 'unknown_user':
    case 'access_denied':
      return new ServiceError('access_denied', undefined, detail);
    case 'kdc_unavailable':
      return new ServiceError('kdc_unavailable', undefined, detail);
    case 'outcome_unknown':
      return new ServiceError('outcome_unknown', undefined, detail);
    case 'kdc_error':
      return new ServiceError('kdc_error', undefined, detail);
  }
}

/** A local policy violation as JSON: `{"reason": "too_short", "min_length": 8}`. */
export function localViolationJson(violation: PolicyViolation): Record<string, unknown> {
  switch (violation.rule) {
    case 'too_short':
      return { reason: violation.rule, min_length: violation.minLength };
    case 'too_long':
      return { reason: violation.rule, max_length: violation.maxLength };
    case 'too_few_kinds':
      return {
        reason: violation.rule,
        min_kinds: violation.minKinds,
        missing_kinds: violation.missingKinds,
      };
    default:
      return { reason: violation.rule };
  }
}

/** A KDC policy reason as JSON, in the same shape as the local ones. */
export function kdcReasonJson(reason: PolicyReason): Record<string, unknown> {
  switch (reason.kind) {
    case 'too_short':
      return { reason: reason.kind, min_length: reason.minLength ?? null };
    case 'too_few_classes':
      return { reason: reason.kind, min_classes: reason.minClasses ?? null };
    case 'reused':
      return { reason: reason.kind, history: reason.history ?? null };
    case 'too_soon':
      return { reason: reason.kind, until: reason.until?.toISOString() ?? null };
    default:
      return { reason: reason.kind };
  }
}
