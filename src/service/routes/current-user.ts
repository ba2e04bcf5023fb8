/**
 * GET /web/v1/access/current_user: who this session belongs to. An ordinary protected API:
 * while the password must be changed it answers `password_change_required`.
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { ServiceContext } from '../context.js';
import { passwordStatus } from '../password-status.js';
import { resultBody, type ResultBody } from '../reply.js';
import { requireWebSession } from '../web-sessions.js';
import { refuseOtherMethods } from './method-not-allowed.js';

const PATH = '/web/v1/access/current_user';

export function registerCurrentUser(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(PATH, (request) => currentUser(ctx, request));
  refuseOtherMethods(app, PATH, ['GET']);
}

async function currentUser(ctx: ServiceContext, request: FastifyRequest): Promise<ResultBody> {
  const { record } = await requireWebSession(ctx, request, { allowMustChange: false });
  const status = passwordStatus(record, ctx.clock(), ctx.config.remindDays);
  return resultBody('success', undefined, {
    principal: record.principal,
    user: record.user,
    realm: record.realm,
    password_expires: status.expires,
    password_days_left: status.daysLeft,
  });
}
