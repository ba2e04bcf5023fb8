/**
 * Benchmark 2: logins per second through CAS (GET /cas/login for a fresh login ticket, then
 * POST /cas/login: one AS exchange on the server each) with 1, 8 and 32 concurrent clients,
 * against the same number of `kinit` processes started in a loop (password on stdin, each
 * worker with its own credential cache). A third contender, as a diagnostic, is the same
 * service with `kdc = udp/...` in its krb5.conf. The contenders take turns in short windows.
 */

import type { TestRealm } from '../src/testrealm/index.js';
import { fetchLoginTicket, postLogin } from './lib/cas-flow.js';
import type { BenchContext, Verdict } from './lib/context.js';
import { CpuMeter, cpuPer } from './lib/cpu.js';
import { HttpClient } from './lib/http.js';
import { runLoad, type Iteration } from './lib/load.js';
import { mitEnv, runKinit } from './lib/mit.js';
import type { ServerProcess } from './lib/server.js';
import { fixed, median, percentile, printTable, ratio } from './lib/stats.js';

export const LOGIN_PASSWORD = 'Bench-login-C3';
export const LOGIN_USERS = 32;
const CONCURRENCY = [1, 8, 32] as const;
const TARGET = 1.5;

const realmsWithUsers = new Set<string>();

/** Adds bench-login-0 ... bench-login-31 (once per realm), one principal per worker. */
export async function addLoginUsers(realm: TestRealm): Promise<void> {
  if (realmsWithUsers.has(realm.dir)) return;
  realmsWithUsers.add(realm.dir);
  for (let i = 0; i < LOGIN_USERS; i++) {
    await realm.addPrincipal(`bench-login-${i}`, LOGIN_PASSWORD);
  }
}

/** One login as a fresh browser would do it: no cookies, form, credentials. */
export async function casLogin(client: HttpClient, worker: number): Promise<void> {
  client.clearCookies();
  const lt = await fetchLoginTicket(client);
  await postLogin(client, lt, `bench-login-${worker}`, LOGIN_PASSWORD);
}

/** One window's figures. */
interface Window {
  readonly rate: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Wall time of the slowest login but one in a hundred, ms. */
  readonly p99: number;
  /** CPU ms per login: the service (or the kinit process) plus the KDC. */
  readonly cpu: number;
}

interface Contender {
  readonly label: string;
  /** Makes the iteration for `workers` workers, and what to close after. */
  setUp(workers: number): { iteration: Iteration; close(): void };
  readonly meter: CpuMeter;
  /** Whose CPU counts besides the KDC's. */
  readonly client: 'service' | 'commands';
}

export async function loginsBenchmark(ctx: BenchContext): Promise<Verdict[]> {
  const { realm, server } = await ctx.main();
  await addLoginUsers(realm);
  const seconds = ctx.quick ? 2 : 3;
  const rounds = ctx.quick ? 1 : 3;
  const contenders = [
    webContender('kerbside', realm, server),
    kinitContender(realm, server),
    webContender('kerbside, kdc = udp/', realm, await ctx.udpKdcServer()),
  ];

  const results = new Map<number, Window[][]>();
  for (const workers of CONCURRENCY) {
    results.set(workers, await compete(contenders, workers, seconds, rounds));
  }
  report(contenders, results, seconds, rounds);
  return verdicts(results);
}

function webContender(label: string, realm: TestRealm, server: ServerProcess): Contender {
  return {
    label,
    meter: new CpuMeter(realm, server),
    client: 'service',
    setUp(workers) {
      const clients = Array.from({ length: workers }, () => new HttpClient(server.url));
      return {
        iteration: (w) => casLogin(clients[w]!, w),
        close: () => clients.forEach((c) => c.close()),
      };
    },
  };
}

function kinitContender(realm: TestRealm, server: ServerProcess): Contender {
  return {
    label: 'kinit',
    meter: new CpuMeter(realm, server),
    client: 'commands',
    setUp: () => ({
      iteration: (w) =>
        runKinit(
          mitEnv(realm, `FILE:${realm.dir}/bench-cc-${w}`),
          `bench-login-${w}`,
          LOGIN_PASSWORD,
        ),
      close: () => undefined,
    }),
  };
}

/** Windows per contender (in contender order), the order rotating from round to round. */
async function compete(
  contenders: readonly Contender[],
  workers: number,
  seconds: number,
  rounds: number,
): Promise<Window[][]> {
  const setUps = contenders.map((c) => c.setUp(workers));
  for (const s of setUps) await runLoad(workers, 0.3, s.iteration, { tolerateErrors: true });

  const windows: Window[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const k = (round + i) % contenders.length;
      const c = contenders[k]!;
      windows[k]!.push(await measureWindow(c, workers, seconds, setUps[k]!.iteration));
    }
  }
  for (const s of setUps) s.close();
  return windows;
}

async function measureWindow(
  contender: Contender,
  workers: number,
  seconds: number,
  iteration: Iteration,
): Promise<Window> {
  const before = await contender.meter.sample();
  const load = await runLoad(workers, seconds, iteration, { tolerateErrors: true });
  const cpu = cpuPer(before, await contender.meter.sample(), Math.max(1, load.count));
  return {
    rate: load.rate,
    errors: load.errors,
    ...(load.firstError !== undefined && { firstError: load.firstError }),
    p99: load.latencies.length > 0 ? percentile(load.latencies, 99) : Number.NaN,
    cpu: cpu[contender.client] + cpu.kdc,
  };
}

function report(
  contenders: readonly Contender[],
  results: ReadonlyMap<number, Window[][]>,
  seconds: number,
  rounds: number,
): void {
  console.log(
    `\n2. Logins per second (CAS form + POST /cas/login vs kinit processes), ` +
      `${seconds} s windows x ${rounds}, medians`,
  );
  const rows = [
    ['clients', 'contender', 'logins/s', 'vs kinit', 'p99 ms', 'CPU ms/login', 'errors'],
  ];
  const errors = new Set<string>();
  for (const [workers, windows] of results) {
    const kinitRate = median(windows[1]!.map((w) => w.rate));
    windows.forEach((list, i) => {
      const rate = median(list.map((w) => w.rate));
      rows.push([
        String(workers),
        contenders[i]!.label,
        fixed(rate),
        ratio(rate, kinitRate),
        fixed(median(list.map((w) => w.p99)), 0),
        fixed(median(list.map((w) => w.cpu)), 2),
        String(list.reduce((n, w) => n + w.errors, 0)),
      ]);
      for (const w of list) if (w.firstError !== undefined) errors.add(w.firstError);
    });
  }
  printTable(rows);
  console.log(
    '  CPU per login: the service process (or the kinit process) plus the KDC; ' +
      'the HTTP load generator is not counted.',
  );
  for (const message of errors) console.log(`  error seen: ${message}`);
}

function verdicts(results: ReadonlyMap<number, Window[][]>): Verdict[] {
  return [...results]
    .filter(([workers]) => workers > 1)
    .map(([workers, windows]) => {
      const w = median(windows[0]!.map((x) => x.rate));
      const k = median(windows[1]!.map((x) => x.rate));
      return {
        benchmark: '2. logins per second',
        figure: `kerbside / kinit at ${workers} clients`,
        value: `${(w / k).toFixed(2)}x (${fixed(w)} vs ${fixed(k)} /s)`,
        target: `>= ${TARGET}x`,
        met: w / k >= TARGET,
      };
    });
}
