/**
 * The service under test, in its own process so that the load generator does not share its
 * event loop: the same application `kerbside serve` builds (src/cli/start-service.ts), plus one
 * benchmark-only bare route, listening on 127.0.0.1 on a free port. The parent drives it over
 * the IPC channel (see lib/server.ts). Started with --expose-gc.
 */

import {
  monitorEventLoopDelay,
  performance,
  type EventLoopUtilization,
  type IntervalHistogram,
} from 'node:perf_hooks';

import { KerberosClient } from '../src/krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../src/krb5/config/index.js';
import { buildApp } from '../src/service/app.js';
import { loadServiceConfig, type ServiceConfig } from '../src/service/config.js';
import { newId } from '../src/service/ids.js';
import { createKerberosBackend } from '../src/service/kerberos-backend.js';
import { MemorySessionStore } from '../src/service/store/memory-store.js';
import type { SessionUser } from '../src/service/store/session-store.js';
import { BARE_PATH, type ChildReply, type ChildRequest, type FillSpec } from './lib/server.js';

const config = await loadServiceConfig(undefined, process.env);
const store = new MemorySessionStore();
const client = new KerberosClient({ config: await loadKrb5Config(process.env) });
const app = await buildApp({ backend: createKerberosBackend(client), config, store });
app.get(BARE_PATH, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });

let histogram: IntervalHistogram | undefined;
let utilization: EventLoopUtilization | undefined;

process.on('message', (message: ChildRequest) => {
  void answer(message).then(
    (result) => process.send?.({ id: message.id, result } satisfies ChildReply),
    (err: unknown) => process.send?.({ id: message.id, error: String(err) } satisfies ChildReply),
  );
});
process.on('disconnect', () => void app.close().then(() => process.exit(0)));

const address = app.server.address();
process.send?.({ id: 0, result: typeof address === 'object' && address ? address.port : 0 });

async function answer(message: ChildRequest): Promise<unknown> {
  switch (message.cmd) {
    case 'eld-start':
      histogram?.disable();
      histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      utilization = performance.eventLoopUtilization();
      return null;
    case 'eld-stop':
      return stopHistogram();
    case 'cpu': {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    }
    case 'memory':
      return memory();
    case 'fill':
      return fill(message.arg as FillSpec);
  }
}

function stopHistogram(): Record<string, number> {
  if (histogram === undefined) throw new Error('eld-start first');
  histogram.disable();
  const ms = (ns: number): number => ns / 1e6;
  return {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
    samples: histogram.count,
    utilization: performance.eventLoopUtilization(utilization).utilization,
  };
}

/** Resident and heap size after two full collections, and the number of live records. */
function memory(): Record<string, number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
    records: store.size,
  };
}

/**
 * Puts `count` logins into the store as the login flow leaves them: a CASTGC record and the
 * web session made from it, with the same fields, ids and lifetimes (src/service/sso.ts,
 * src/service/web-sessions.ts).
 */
async function fill(spec: FillSpec): Promise<number> {
  for (let i = 0; i < spec.count; i++) {
    const user = `${spec.userPrefix}${i % spec.users}`;
    const who: SessionUser = {
      principal: `${user}@${spec.realm}`,
      user,
      realm: spec.realm,
      mustChange: false,
      passwordExpires: null,
    };
    await putLogin(config, who);
  }
  return store.size;
}

async function putLogin(c: ServiceConfig, who: SessionUser): Promise<void> {
  const tgc = newId('TGT');
  const now = Date.now();
  await store.put(tgc, { kind: 'tgc', ...who, createdAt: now }, c.ssoSessionSeconds * 1000);
  const web = { kind: 'web' as const, ...who, token: newId(), parent: tgc, createdAt: now };
  await store.put(newId(), web, c.webSessionIdleSeconds * 1000);
}
