/**
 * The web access service as a Fastify application: CAS login and logout, the web session,
 * and the self-service password change, over a {@link PasswordBackend}.
 *
 * @example
 * const app = await buildApp({ backend, config: await loadServiceConfig('kerbside.json') });
 * await app.listen({ host: '127.0.0.1', port: 28443 });
 */

import { randomBytes } from 'node:crypto';

import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import type { PasswordBackend } from './backend.js';
import type { ServiceConfig } from './config.js';
import type { ServiceContext } from './context.js';
import { answerFrameworkError, registerErrorHandling } from './error-handler.js';
import { SafeLogController, createServiceLogger, safeClientErrorHandler } from './logging.js';
import { registerBodyParsers } from './request/body-parsers.js';
import { registerCasLogin } from './routes/cas-login.js';
import { registerCasLogout } from './routes/cas-logout.js';
import { registerCurrentUser } from './routes/current-user.js';
import { registerHealth } from './routes/health.js';
import { registerHome } from './routes/home.js';
import { registerLoginCheck } from './routes/login-check.js';
import { registerLogoutAction } from './routes/logout-action.js';
import { registerModifyPassword } from './routes/modify-password.js';
import { registerSecurityCheck } from './routes/security-check.js';
import { MemorySessionStore } from './store/memory-store.js';
import type { SessionStore } from './store/session-store.js';

export interface BuildAppOptions {
  readonly backend: PasswordBackend;
  readonly config: ServiceConfig;
  /** A pino logger; by default one at `config.logLevel` writing to stdout. */
  readonly logger?: FastifyBaseLogger;
  /** Where sessions and tickets live; by default in this process's memory. */
  readonly store?: SessionStore;
  /** Epoch milliseconds; tests pass a fake clock. */
  readonly clock?: () => number;
}

/** Build the application (not yet listening). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const ctx: ServiceContext = {
    backend: options.backend,
    config: options.config,
    store: options.store ?? new MemorySessionStore(clock),
    clock,
  };

  const app = Fastify({
    loggerInstance: options.logger ?? createServiceLogger(options.config.logLevel),
    logController: new SafeLogController(),
    bodyLimit: options.config.bodyLimitBytes,
    trustProxy: options.config.trustProxy,
    genReqId: () => randomBytes(8).toString('hex'),
    requestIdHeader: false,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: safeClientErrorHandler,
    // Routes read the query through request/query.ts (strict); Fastify's lenient copy
    // would only invite mistakes, so request.query stays empty.
    routerOptions: { querystringParser: () => ({}) },
  });

  await app.register(fastifyCookie);
  registerBodyParsers(app);
  registerErrorHandling(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  registerRoutes(app, ctx);
  return app;
}

function registerRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  registerHealth(app);
  registerCasLogin(app, ctx);
  registerCasLogout(app, ctx);
  registerSecurityCheck(app, ctx);
  registerHome(app, ctx);
  registerLoginCheck(app, ctx);
  registerModifyPassword(app, ctx);
  registerLogoutAction(app, ctx);
  registerCurrentUser(app, ctx);
}
