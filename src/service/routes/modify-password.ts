/**
 * POST /web/v1/access/modify_self_password: change the password of the logged-in user.
 *
 * Checks, in order: the session; the three fields (one place, no repeats, present, strings,
 * within the size limit); new equals confirm; new differs from old; the local policy; then
 * the KDC. On success every other session and every CASTGC of the user ends; this session
 * continues under a new id, no longer restricted to changing the password.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ChangeOutcome, PolicyReason } from '../backend.js';
import type { ServiceContext } from '../context.js';
import { TGC_COOKIE, clearCookie } from '../cookies.js';
import { ServiceError } from '../errors.js';
import { checkPassword, type PolicyViolation } from '../policy.js';
import { resultBody, type ResultBody } from '../reply.js';
import { bodyOf } from '../request/body-parsers.js';
import { readPasswordFields, type PasswordFields } from '../request/password-fields.js';
import { queryOf } from '../request/query.js';
import type { ResultName } from '../result-codes.js';
import { sameSecret } from '../secrets.js';
import { requireWebSession, rotateWebSession, type WebSession } from '../web-sessions.js';
import { refuseOtherMethods } from './method-not-allowed.js';

const PATH = '/web/v1/access/modify_self_password';

export function registerModifyPassword(app: FastifyInstance, ctx: ServiceContext): void {
  app.post(PATH, (request, reply) => modifySelfPassword(ctx, request, reply));
  refuseOtherMethods(app, PATH, ['POST']);
}

async function modifySelfPassword(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ResultBody> {
  const session = await requireWebSession(ctx, request, { allowMustChange: true });

  const fields = readPasswordFields(queryOf(request), bodyOf(request));
  checkFields(fields, session, ctx, request);

  const { user, realm, principal } = session.record;
  const outcome = await ctx.backend.changePassword(
    user,
    realm,
    fields.oldPassword,
    fields.newPassword,
  );
  if (!outcome.ok) {
    audit(request, { event: 'password_change', principal, outcome: 'failure', kind: outcome.kind });
    throw changeFailure(outcome);
  }

  const endedSessions = await endOtherSessions(ctx, request, reply, session, outcome);
  audit(request, { event: 'password_change', principal, outcome: 'success', endedSessions });
  return resultBody('success', 'The password was changed.', {
    confirmed: outcome.confirmed,
    password_expires: outcome.passwordExpires?.toISOString() ?? null,
  });
}

/** The request's own checks, before anything reaches the KDC. */
function checkFields(
  fields: PasswordFields,
  session: WebSession,
  ctx: ServiceContext,
  request: FastifyRequest,
): void {
  const refuse = (reason: ResultName, extra?: Record<string, unknown>, rules?: string[]) => {
    const principal = session.record.principal;
    audit(request, {
      event: 'password_change',
      principal,
      outcome: 'refused',
      kind: reason,
      rules,
    });
    return new ServiceError(reason, undefined, extra);
  };

  if (!sameSecret(fields.newPassword, fields.confirmPassword)) throw refuse('confirm_mismatch');
  if (sameSecret(fields.newPassword, fields.oldPassword)) throw refuse('new_equals_old');

  const subject = { user: session.record.user, oldPassword: fields.oldPassword };
  const verdict = checkPassword(fields.newPassword, subject, ctx.config.policy);
  if (!verdict.ok) {
    const violations = verdict.violations.map(localViolationJson);
    throw refuse(
      'local_policy',
      { violations },
      verdict.violations.map((v) => v.rule),
    );
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
