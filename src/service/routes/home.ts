/**
 * GET /web/: the page a browser lands on after login (and GET / leads there). Without a
 * session it sends the browser to the login form for this service; while the password must
 * be changed, to the change page.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { ServiceContext } from '../context.js';
import { CHANGE_PAGE_PATH, renderHomePage } from '../html/home-page.js';
import { chooseLanguage } from '../html/i18n.js';
import { passwordStatus } from '../password-status.js';
import { sendHtml } from '../reply.js';
import { queryValue } from '../request/query.js';
import { SECURITY_CHECK_PATH } from '../service-url.js';
import { currentWebSession } from '../web-sessions.js';

export const WEB_HOME_PATH = '/web/';

export function registerHome(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/', async (_request, reply) => reply.redirect(WEB_HOME_PATH, 302));
  app.get(WEB_HOME_PATH, (request, reply) => showHome(ctx, request, reply));
}

async function showHome(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const session = await currentWebSession(ctx, request);
  if (!session) {
    return reply.redirect(`/cas/login?service=${encodeURIComponent(SECURITY_CHECK_PATH)}`, 302);
  }
  const status = passwordStatus(session.record, ctx.clock(), ctx.config.remindDays);
  if (status.modifyPwd) return reply.redirect(CHANGE_PAGE_PATH, 302);

  const page = renderHomePage({
    principal: session.record.principal,
    passwordExpires: status.expires,
    lang: chooseLanguage(request, reply, ctx.config),
    remind: status.remindPwd,
    daysLeft: status.daysLeft,
    changed: queryValue(request, 'changed') === '1',
  });
  return sendHtml(reply, 200, page);
}
