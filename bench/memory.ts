/**
 * Benchmark 5: the service's resident size with 10,000 live sessions, in a fresh service
 * process. A full run makes them through the real flow (login form, POST /cas/login with one
 * AS exchange, security check: a CASTGC and a web session each); --quick puts the same records
 * straight into the application's store. Sizes are read after two forced collections.
 */

import { performance } from 'node:perf_hooks';

import { logIn } from './lib/cas-flow.js';
import type { BenchContext, Verdict } from './lib/context.js';
import { HttpClient } from './lib/http.js';
import { runLoad } from './lib/load.js';
import type { FillSpec, ServerMemory } from './lib/server.js';
import { fixed, printTable } from './lib/stats.js';
import { LOGIN_PASSWORD, LOGIN_USERS, addLoginUsers } from './logins.js';

const SESSIONS = 10_000;
const CLIENTS = 32;
const TARGET_MB = 150;
const MB = 1024 * 1024;

export async function memoryBenchmark(ctx: BenchContext): Promise<Verdict[]> {
  const { realm } = await ctx.main();
  await addLoginUsers(realm);
  const server = await ctx.freshServer();

  // A few real logins first, so that the baseline includes the code every login runs.
  const clients = Array.from({ length: CLIENTS }, () => new HttpClient(server.url));
  const login = async (w: number) => {
    clients[w]!.clearCookies();
    await logIn(clients[w]!, `bench-login-${w % LOGIN_USERS}`, LOGIN_PASSWORD);
  };
  await runLoad(CLIENTS, 60, login, { maxCount: CLIENTS });
  const before = await server.ask<ServerMemory>('memory');

  const started = performance.now();
  const how = ctx.quick ? 'put into the store' : 'real login flow';
  if (ctx.quick) {
    const spec: FillSpec = {
      count: SESSIONS,
      users: LOGIN_USERS,
      userPrefix: 'bench-login-',
      realm: realm.realm,
    };
    await server.ask('fill', spec);
  } else {
    await runLoad(CLIENTS, 600, login, { maxCount: SESSIONS });
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of clients) c.close();
  const after = await server.ask<ServerMemory>('memory');
  return report(before, after, how, seconds);
}

function report(before: ServerMemory, after: ServerMemory, how: string, seconds: number) {
  const perSession = (after.rss - before.rss) / SESSIONS;
  console.log(`\n5. Memory with ${SESSIONS} live sessions (${how}, ${fixed(seconds)} s)`);
  printTable([
    ['', 'RSS MB', 'heap used MB', 'store records'],
    ['before', fixed(before.rss / MB), fixed(before.heapUsed / MB), String(before.records)],
    ['after', fixed(after.rss / MB), fixed(after.heapUsed / MB), String(after.records)],
  ]);
  console.log(
    `  per session: ${fixed(perSession / 1024, 2)} KB resident, ` +
      `${fixed((after.heapUsed - before.heapUsed) / SESSIONS / 1024, 2)} KB of heap`,
  );
  return [
    {
      benchmark: '5. memory',
      figure: `RSS with ${SESSIONS} live sessions (${how})`,
      value: `${fixed(after.rss / MB)} MB (+${fixed((after.rss - before.rss) / MB)} MB)`,
      target: `< ${TARGET_MB} MB`,
      met: after.rss / MB < TARGET_MB,
    },
  ];
}
