/**
 * GET /web/v1/logout_action?is_timeout_logout=true|false: end the web session and tell the
 * client where the single sign-on logout is. The flag only changes what the audit log says
 * (a timeout or a manual logout); without a session the answer is the same, so a client can
 * always log out.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { resultBody, type ResultBody } from '../reply.js';
import { queryValue } from '../request/query.js';
import { endWebSession } from '../web-sessions.js';
import { refuseCrossSite } from '../forgery.js';
import { sendResult } from '../reply.js';
import { refuseOtherMethods } from './method-not-allowed.js';

const PATH = '/web/v1/logout_action';

/** Where a client ends the single sign-on session (POST). */
export const CAS_LOGOUT_PATH = '/cas/logout';

export function registerLogoutAction(app: FastifyInstance, ctx: ServiceContext): void {
  // Fastify would run the GET handler for HEAD too: a HEAD must not log anyone out.
  app.get(PATH, { exposeHeadRoute: false }, (request, reply) => logoutAction(ctx, request, reply));
  app.head(PATH, async (_request, reply) =>
    sendResult(reply.header('allow', 'GET'), 'method_not_allowed'),
  );
  refuseOtherMethods(app, PATH, ['GET']);
}

async function logoutAction(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ResultBody> {
  // A GET, but with an effect: a page of another site must not log the user out.
  refuseCrossSite(ctx, request);
  const cause = queryValue(request, 'is_timeout_logout') === 'true' ? 'timeout' : 'manual';
  const session = await endWebSession(ctx, request, reply);
  if (session) {
    await audit(ctx.auditSink, request, {
      event: 'logout',
      principal: session.record.principal,
      scope: 'web',
      cause,
    });
  }
  return resultBody('success', 'Logged out.', { logout_url: CAS_LOGOUT_PATH });
}
