/**
 * The web access service as a Fastify application: CAS login and logout, the web session,
 * and the self-service password change, over a {@link PasswordBackend}.
 *
 * @example
 * const app = await buildApp({ backend, config: await loadServiceConfig('kerbside.json') });
 * await app.listen({ host: '127.0.0.1', port: 28443 });
 */

import { readFile } from 'node:fs/promises';

import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import { AuditFile, type AuditSink } from './audit.js';
import { SessionReaper } from './session-reaper.js';
import type { PasswordBackend } from './backend.js';
import type { ServiceConfig } from './config.js';
import type { ServiceContext } from './context.js';
import { answerFrameworkError, registerErrorHandling } from './error-handler.js';
import { newRequestId } from './ids.js';
import { SafeLogController, createServiceLogger, safeClientErrorHandler } from './logging.js';
import { registerBodyParsers } from './request/body-parsers.js';
import { registerQueryLimit } from './request/query-limit.js';
import { registerAssets } from './routes/assets.js';
import { registerCasLogin } from './routes/cas-login.js';
import { registerCasLogout } from './routes/cas-logout.js';
import { registerCurrentUser } from './routes/current-user.js';
import { registerHealth } from './routes/health.js';
import { registerHome } from './routes/home.js';
import { registerLoginCheck } from './routes/login-check.js';
import { registerLogoutAction } from './routes/logout-action.js';
import { registerModifyPassword } from './routes/modify-password.js';
import { registerPages } from './routes/pages.js';
import { registerSecurityCheck } from './routes/security-check.js';
import { registerServiceValidate } from './routes/service-validate.js';
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
  /** Where audit records go; by default the configured `auditFile`, if any. */
  readonly auditSink?: AuditSink;
}

/**
 * Build the application (not yet listening). With `tlsCert` and `tlsKey` configured it
 * serves HTTPS (the files are read here, so a bad path fails at start).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const auditFile =
    options.config.auditFile === null ? null : new AuditFile(options.config.auditFile);
  await auditFile?.start();
  const logger = options.logger ?? createServiceLogger(options.config.logLevel);
  const store = options.store ?? new MemorySessionStore(clock);
  const auditSink = options.auditSink ?? auditFile;
  const reaper = new SessionReaper({
    store,
    config: options.config,
    clock,
    auditSink,
    log: logger,
  });
  const ctx: ServiceContext = {
    backend: options.backend,
    config: options.config,
    store,
    clock,
    auditSink,
    reaper,
  };

  const https = await tlsOptions(options.config);
  // Fastify types an HTTPS instance apart; routes and hooks are the same for both.
  const app = Fastify({
    ...(https && { https }),
    loggerInstance: logger,
    logController: new SafeLogController(),
    bodyLimit: options.config.bodyLimitBytes,
    // Behind a proxy, trust only the address that proxy saw (the last X-Forwarded-For hop),
    // never what the client wrote into the header itself.
    trustProxy: options.config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    // A client that trickles its body must not hold a connection open for minutes.
    requestTimeout: 30_000,
    genReqId: newRequestId,
    requestIdHeader: false,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: safeClientErrorHandler,
    // Routes read the query through request/query.ts (strict); Fastify's lenient copy
    // would only invite mistakes, so request.query stays empty.
    routerOptions: { querystringParser: () => ({}) },
  }) as unknown as FastifyInstance;
  app.addHook('onClose', async () => reaper.close());
  if (auditFile) app.addHook('onClose', () => auditFile.close());

  await app.register(fastifyCookie);
  registerQueryLimit(app, options.config.queryLimitBytes);
  registerBodyParsers(app);
  registerErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    // Over HTTPS, tell browsers never to come back over plain HTTP (RFC 6797).
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  registerRoutes(app, ctx);
  return app;
}

async function tlsOptions(config: ServiceConfig): Promise<{ cert: Buffer; key: Buffer } | null> {
  if (config.tlsCert === null || config.tlsKey === null) return null;
  const [cert, key] = await Promise.all([readFile(config.tlsCert), readFile(config.tlsKey)]);
  return { cert, key };
}

function registerRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  registerHealth(app);
  registerCasLogin(app, ctx);
  registerCasLogout(app, ctx);
  registerSecurityCheck(app, ctx);
  registerServiceValidate(app, ctx);
  registerHome(app, ctx);
  registerLoginCheck(app, ctx);
  registerModifyPassword(app, ctx);
  registerLogoutAction(app, ctx);
  registerCurrentUser(app, ctx);
  registerPages(app, ctx);
  registerAssets(app);
}
