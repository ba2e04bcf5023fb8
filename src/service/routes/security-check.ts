/**
 * GET /web/cas_security_check.htm?ticket=ST-...: the web application's side of CAS. It
 * redeems the service ticket (single use, short-lived, issued for this service), creates the
 * web session (a new JSESSIONID, replacing any the browser had) and goes to the web home.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { isCrossSite } from '../forgery.js';
import { queryValue } from '../request/query.js';
import { SECURITY_CHECK_PATH, isOwnService, publicOrigin } from '../service-url.js';
import { redeemServiceTicket } from '../sso.js';
import { createWebSession, currentWebSession } from '../web-sessions.js';
import { WEB_HOME_PATH } from './home.js';
import { refuseOtherMethods } from './method-not-allowed.js';

export function registerSecurityCheck(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(SECURITY_CHECK_PATH, (request, reply) => securityCheck(ctx, request, reply));
  refuseOtherMethods(app, SECURITY_CHECK_PATH, ['GET']);
}

async function securityCheck(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const raw = queryValue(request, 'ticket');
  const ticket =
    raw !== undefined && raw.length <= 128 ? await redeemServiceTicket(ctx, raw) : undefined;
  if (!ticket || !isOwnService(ticket.service, publicOrigin(request, ctx.config))) {
    throw new ServiceError('service_ticket_invalid');
  }

  const previous = await currentWebSession(ctx, request);
  if (previous && previous.record.principal !== ticket.principal && isCrossSite(request)) {
    // Another site navigating here with someone else's ticket would swap the user's session
    // for the attacker's (login CSRF); a cross-site arrival may only start a first session.
    throw new ServiceError('forbidden_cross_site');
  }
  if (previous) await ctx.store.delete('web', previous.id);
  await createWebSession(ctx, request, reply, ticket, ticket.parent);
  await audit(ctx.auditSink, request, {
    event: 'session_start',
    principal: ticket.principal,
    via: 'service_ticket',
  });
  return reply.redirect(WEB_HOME_PATH, 302);
}
