import type { FastifyInstance } from 'fastify';

import { KerberosClient } from '../krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../krb5/config/index.js';
import { buildApp } from '../service/app.js';
import { loadServiceConfig, type ServiceConfig } from '../service/config.js';
import { createKerberosBackend } from '../service/kerberos-backend.js';
import { createStore } from '../service/store/create-store.js';
import { CliUsageError, isLoopback } from './command.js';
import { checkKerberosConfig, requirePublicBaseUrl } from './preflight.js';

export interface StartOptions {
  readonly listen: { readonly host: string; readonly port: number };
  readonly configFile?: string;
  /** Where KRB5_CONFIG and KERBSIDE_* come from. */
  readonly env: NodeJS.ProcessEnv;
}

export interface RunningService {
  readonly app: FastifyInstance;
  /** The base URL it answers on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Loads the configuration and krb5.conf, opens the configured store (memory or Redis, closed
 * with the application), builds the application and listens: HTTPS when `tlsCert` and
 * `tlsKey` are configured. A non-loopback address without TLS is refused
 * unless the configuration says a TLS proxy is in front.
 */
export async function startService(options: StartOptions): Promise<RunningService> {
  const config = await loadServiceConfig(options.configFile, options.env);
  const { host, port } = options.listen;
  checkListenAddress(host, config);
  requirePublicBaseUrl(host, config);

  const krb5 = await loadKrb5Config(options.env);
  checkKerberosConfig(krb5, options.env);
  const client = new KerberosClient({ config: krb5 });
  const { store, close: closeStore } = await createStore(config);
  let app: FastifyInstance;
  try {
    app = await buildApp({ backend: createKerberosBackend(client), config, store });
    app.addHook('onClose', closeStore);
    await app.listen({ host, port });
  } catch (err) {
    await closeStore();
    throw err;
  }

  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const scheme = servesTls(config) ? 'https' : 'http';
  return { app, url: `${scheme}://${shown}:${bound}`, close: () => app.close() };
}

/** Refuses plain HTTP on a non-loopback address unless a TLS proxy is in front. */
export function checkListenAddress(host: string, config: ServiceConfig): void {
  if (isLoopback(host) || servesTls(config) || config.trustProxy) return;
  throw new CliUsageError(
    `refusing to serve plain HTTP on ${host}: configure "tlsCert" and "tlsKey", or listen ` +
      `on 127.0.0.1 behind a TLS proxy and set "trustProxy": true`,
  );
}

function servesTls(config: ServiceConfig): boolean {
  return config.tlsCert !== null && config.tlsKey !== null;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
