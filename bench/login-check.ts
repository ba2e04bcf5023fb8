/**
 * Benchmark 3: login_check requests per second with a live web session, against a bare route
 * (`GET /bench/bare`, answering `{"ok":true}`) that the benchmark adds to the same application
 * with the same plugins, hooks and logger. Keep-alive connections, alternating windows, each
 * bounded in time and in count. The service's own CPU time per request is read as well: it
 * is what the server pays, whatever the load generator can do on the same machine.
 */

import { LOGIN_CHECK_PATH, logIn } from './lib/cas-flow.js';
import type { BenchContext, Verdict } from './lib/context.js';
import { HttpClient } from './lib/http.js';
import { runLoad } from './lib/load.js';
import { BARE_PATH, type ServerProcess } from './lib/server.js';
import { fixed, median, printTable } from './lib/stats.js';
import { LOGIN_PASSWORD, addLoginUsers } from './logins.js';

const CONNECTIONS = 16;
const MAX_REQUESTS = 200_000;
const TARGET = 0.7;

interface Window {
  readonly rate: number;
  /** Server CPU microseconds per request. */
  readonly cpuMicros: number;
}

export async function loginCheckBenchmark(ctx: BenchContext): Promise<Verdict[]> {
  const { realm, server } = await ctx.main();
  await addLoginUsers(realm);
  const seconds = ctx.quick ? 1.5 : 3;
  const rounds = ctx.quick ? 2 : 4;

  const owner = new HttpClient(server.url);
  await logIn(owner, 'bench-login-0', LOGIN_PASSWORD);
  const clients = Array.from({ length: CONNECTIONS }, () => new HttpClient(server.url));
  for (const c of clients) c.copyCookiesFrom(owner);

  const get = (path: string) => async (worker: number) => {
    const res = await clients[worker]!.get(path);
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  };
  await runLoad(CONNECTIONS, 0.5, get(LOGIN_CHECK_PATH));
  await runLoad(CONNECTIONS, 0.5, get(BARE_PATH));

  const bare: Window[] = [];
  const check: Window[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [BARE_PATH, LOGIN_CHECK_PATH] : [LOGIN_CHECK_PATH, BARE_PATH];
    for (const path of order) {
      const window = await measure(server, seconds, get(path));
      (path === BARE_PATH ? bare : check).push(window);
    }
  }
  for (const c of [owner, ...clients]) c.close();
  return report(bare, check, seconds, rounds);
}

async function measure(
  server: ServerProcess,
  seconds: number,
  iteration: (worker: number) => Promise<void>,
): Promise<Window> {
  const before = await server.cpuMs();
  const load = await runLoad(CONNECTIONS, seconds, iteration, { maxCount: MAX_REQUESTS });
  const cpuMs = (await server.cpuMs()) - before;
  return { rate: load.rate, cpuMicros: (cpuMs * 1000) / load.count };
}

function report(bare: Window[], check: Window[], seconds: number, rounds: number): Verdict[] {
  const b = median(bare.map((w) => w.rate));
  const c = median(check.map((w) => w.rate));
  const bCpu = median(bare.map((w) => w.cpuMicros));
  const cCpu = median(check.map((w) => w.cpuMicros));
  console.log(
    `\n3. login_check vs a bare route, ${CONNECTIONS} keep-alive connections, ` +
      `${seconds} s windows x ${rounds}`,
  );
  printTable([
    ['route', 'requests/s', 'server CPU us/request'],
    ['GET /bench/bare', fixed(b, 0), fixed(bCpu, 0)],
    ['GET login_check', fixed(c, 0), fixed(cCpu, 0)],
    [
      'login_check / bare',
      `${((100 * c) / b).toFixed(0)}%`,
      `${((100 * bCpu) / cCpu).toFixed(0)}%`,
    ],
  ]);
  return [
    {
      benchmark: '3. login_check',
      figure: 'login_check / bare route, requests per second',
      value: `${((100 * c) / b).toFixed(0)}% (${fixed(c, 0)} vs ${fixed(b, 0)} /s)`,
      target: `>= ${TARGET * 100}%`,
      met: c / b >= TARGET,
    },
  ];
}
