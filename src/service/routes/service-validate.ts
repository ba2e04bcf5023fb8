/**
 * CAS 2.0 / 3.0 ticket validation (`/cas/serviceValidate`, `/cas/p3/serviceValidate`), so that
 * the other services in `allowedServices` can redeem the tickets kerbside sends them. The
 * answer is the CAS protocol's XML: the user on success, INVALID_REQUEST, INVALID_TICKET or
 * INVALID_SERVICE otherwise. A ticket is single use whatever the answer.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { queryValue } from '../request/query.js';
import { sameService } from '../service-url.js';
import { redeemServiceTicket } from '../sso.js';
import { refuseOtherMethods } from './method-not-allowed.js';

const PATHS = ['/cas/serviceValidate', '/cas/p3/serviceValidate'];
const CAS_NS = 'http://www.yale.edu/tp/cas';
const MAX_PARAMETER = 4096;

type FailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE';

export function registerServiceValidate(app: FastifyInstance, ctx: ServiceContext): void {
  for (const path of PATHS) {
    app.get(path, (request, reply) => serviceValidate(ctx, request, reply));
    refuseOtherMethods(app, path, ['GET']);
  }
}

async function serviceValidate(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const service = queryValue(request, 'service');
  const ticket = queryValue(request, 'ticket');
  if (!service || !ticket || service.length > MAX_PARAMETER || ticket.length > 128) {
    return sendXml(reply, failure('INVALID_REQUEST', 'service and ticket are required'));
  }

  const record = await redeemServiceTicket(ctx, ticket);
  if (!record) return sendXml(reply, failure('INVALID_TICKET', 'ticket not recognised'));
  if (!sameService(record.service, service)) {
    return sendXml(reply, failure('INVALID_SERVICE', 'ticket was issued for another service'));
  }
  if (record.mustChange) {
    // A session that may only change its password must not open any other service.
    return sendXml(reply, failure('INVALID_TICKET', 'the password must be changed first'));
  }

  await audit(ctx.auditSink, request, {
    event: 'service_ticket_validated',
    principal: record.principal,
    service: record.service,
  });
  return sendXml(reply, success(record.user));
}

function success(user: string): string {
  return (
    `<cas:serviceResponse xmlns:cas="${CAS_NS}"><cas:authenticationSuccess>` +
    `<cas:user>${escapeXml(user)}</cas:user>` +
    `</cas:authenticationSuccess></cas:serviceResponse>\n`
  );
}

function failure(code: FailureCode, message: string): string {
  return (
    `<cas:serviceResponse xmlns:cas="${CAS_NS}">` +
    `<cas:authenticationFailure code="${code}">${escapeXml(message)}</cas:authenticationFailure>` +
    `</cas:serviceResponse>\n`
  );
}

function sendXml(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/xml; charset=utf-8').send(body);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
