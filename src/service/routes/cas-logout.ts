/**
 * /cas/logout: POST ends the single sign-on session (CASTGC), every web session created from
 * it and this browser's own web session. GET only shows a button that POSTs, so that a link
 * or an image on another site cannot log anyone out.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { TGC_COOKIE, clearCookie } from '../cookies.js';
import { refuseCrossSite } from '../forgery.js';
import { renderMessagePage } from '../html/message-page.js';
import { sendHtml } from '../reply.js';
import { currentSso, endSso } from '../sso.js';
import { endWebSession } from '../web-sessions.js';
import { refuseOtherMethods } from './method-not-allowed.js';

export function registerCasLogout(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/cas/logout', async (_request, reply) => showLogout(reply));
  app.post('/cas/logout', (request, reply) => logout(ctx, request, reply));
  refuseOtherMethods(app, '/cas/logout', ['GET', 'POST']);
}

function showLogout(reply: FastifyReply): FastifyReply {
  const page = renderMessagePage({
    title: 'Log out',
    text: 'End your session on this server?',
    postButton: { action: '/cas/logout', text: 'Log out' },
  });
  return sendHtml(reply, 200, page);
}

async function logout(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  refuseCrossSite(ctx, request);
  const sso = await currentSso(ctx, request);
  if (sso) {
    await endSso(ctx, sso);
    await audit(ctx.auditSink, request, {
      event: 'logout',
      principal: sso.record.principal,
      scope: 'sso',
      cause: 'manual',
    });
  }
  await endWebSession(ctx, request, reply);
  clearCookie(request, reply, ctx.config, TGC_COOKIE);

  const page = renderMessagePage({
    title: 'Logged out',
    text: 'You are logged out.',
    link: { href: '/cas/login', text: 'Log in again' },
  });
  return sendHtml(reply, 200, page);
}
