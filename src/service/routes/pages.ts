/**
 * The translated web pages besides login and home: GET /web/change-password (the change
 * form, for any logged-in user, including one who must change the password) and
 * GET /web/logged-out (where the page script lands after logging out).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { ServiceContext } from '../context.js';
import { renderChangePage } from '../html/change-page.js';
import { CHANGE_PAGE_PATH } from '../html/home-page.js';
import { chooseLanguage, messagesFor } from '../html/i18n.js';
import { renderDocument } from '../html/layout.js';
import { LOGGED_OUT_PATH } from '../html/logout-form.js';
import { escapeHtml } from '../html/page.js';
import { passwordStatus } from '../password-status.js';
import { sendHtml } from '../reply.js';
import { SECURITY_CHECK_PATH } from '../service-url.js';
import { currentWebSession } from '../web-sessions.js';
import { WEB_HOME_PATH } from './home.js';
import { refuseOtherMethods } from './method-not-allowed.js';

/** The login form for this server's own service, where a browser without a session goes. */
export const LOGIN_PATH = `/cas/login?service=${encodeURIComponent(SECURITY_CHECK_PATH)}`;

export function registerPages(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(CHANGE_PAGE_PATH, (request, reply) => showChangePage(ctx, request, reply));
  refuseOtherMethods(app, CHANGE_PAGE_PATH, ['GET']);
  app.get(LOGGED_OUT_PATH, async (request, reply) => showLoggedOut(ctx, request, reply));
  refuseOtherMethods(app, LOGGED_OUT_PATH, ['GET']);
}

async function showChangePage(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const lang = chooseLanguage(request, reply, ctx.config);
  const session = await currentWebSession(ctx, request);
  if (!session) return reply.redirect(LOGIN_PATH, 302);

  const { principal, user } = session.record;
  const status = passwordStatus(session.record, ctx.clock(), ctx.config.remindDays);
  const page = renderChangePage({
    lang,
    principal,
    user,
    policy: ctx.config.policy,
    forced: status.modifyPwd,
    nextPath: `${WEB_HOME_PATH}?changed=1`,
    loginPath: LOGIN_PATH,
    here: CHANGE_PAGE_PATH,
  });
  return sendHtml(reply, 200, page);
}

function showLoggedOut(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const lang = chooseLanguage(request, reply, ctx.config);
  const text = messagesFor(lang);
  const loginLink = `<a class="button" href="${escapeHtml(LOGIN_PATH)}">`;
  const body = [
    `<h1>${escapeHtml(text['logout.title'])}</h1>`,
    `<p role="status">${escapeHtml(text['logout.text'])}</p>`,
    `<p>${loginLink}${escapeHtml(text['logout.again'])}</a></p>`,
  ].join('\n');
  const page = renderDocument({ lang, title: text['logout.title'], body, here: LOGGED_OUT_PATH });
  return sendHtml(reply, 200, page);
}
