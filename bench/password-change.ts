/**
 * Benchmark 1: one password change end to end over HTTP (modify_self_password, with the
 * library's post-change confirmation on, the default) against MIT's `kpasswd` command, on the
 * same realm, taking turns round by round. The web session is made once (CAS login, service
 * ticket, login_check); each change flips the principal's password between two values.
 *
 * Two kerbside processes take part. The one the target is checked on has first served some
 * logins of another user, as a service has before anyone changes a password: the code a
 * change shares with a login (HTTP, sessions, the AS exchange, ASN.1, crypto) has been run
 * and compiled by V8 by then. The other is fresh: one login, then the changes of the run,
 * over which it warms up too; the gap between the two is what the warm-up is worth at the
 * start, at most.
 *
 * A breakdown follows: the three network steps of a change timed one by one in this process
 * (AS exchange for kadmin/changepw, the RFC 3244 round trip, the confirming AS exchange), and
 * the CPU time kadmind spends per change, read from /proc.
 */

import { performance } from 'node:perf_hooks';

import { getInitialTicket } from '../src/krb5/client/as-exchange.js';
import { KerberosClient } from '../src/krb5/client/kerberos-client.js';
import { kadminChangepw, krbtgt, type Principal } from '../src/krb5/client/principal.js';
import { kpasswdAddresses, loadKrb5Config, type HostPort } from '../src/krb5/config/index.js';
import {
  buildChangeRequest,
  openChangeReply,
  type KpasswdSession,
} from '../src/krb5/kpasswd/session.js';
import { parseReply, parseResultData } from '../src/krb5/kpasswd/wire.js';
import type { EtypeInfo2Entry } from '../src/krb5/messages/types.js';
import { exchangeTcp } from '../src/krb5/transport/index.js';
import { changePassword, logIn } from './lib/cas-flow.js';
import type { BenchContext, Setup, Verdict } from './lib/context.js';
import type { ServerProcess } from './lib/server.js';
import { HttpClient } from './lib/http.js';
import { CpuMeter, cpuPer, type CpuSample } from './lib/cpu.js';
import { mitEnv, runKpasswd } from './lib/mit.js';
import { fixed, mean, median, percentile, printTable, ratio } from './lib/stats.js';

const PASSWORDS = ['Bench-pass-A1', 'Bench-pass-B2'] as const;
const WARM_UP_ROUNDS = 2;
const TARGET = 0.8;
/** Logins (CAS form, POST, service ticket, login_check) the measured service serves first. */
const WARM_UP_LOGINS = 200;

/** One side: changes its principal's password from `from` to `to`. */
interface Contender {
  readonly label: string;
  change(from: string, to: string): Promise<void>;
  readonly times: number[];
  /** Whose CPU is the client's: the service process or the kpasswd process. */
  readonly client: 'service' | 'commands';
  /** CPU per change, measured around each timed change. */
  readonly cpu: CpuSample[];
  readonly meter: CpuMeter;
}

export async function passwordChangeBenchmark(ctx: BenchContext): Promise<Verdict[]> {
  const rounds = ctx.quick ? 10 : 30;
  // The target is for MIT's default enctypes, the realm issue 8 describes. With the SHA-2
  // enctypes, kadmind's own string-to-key (32768 iterations, twice) is most of either side's
  // time, and no client could come near 0.8 of kpasswd: that realm is shown for information.
  const sha1 = await ctx.sha1Only();
  const verdicts = [await benchRealm(sha1, await ctx.freshServer(sha1.realm), rounds, true)];
  const main = await ctx.main();
  verdicts.push(await benchRealm(main, await ctx.freshServer(main.realm), rounds, false));
  return verdicts;
}

async function benchRealm(
  setup: Setup,
  freshServer: ServerProcess,
  rounds: number,
  hasTarget: boolean,
): Promise<Verdict> {
  const contenders = await contendersFor(setup, freshServer);
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    const record = round >= WARM_UP_ROUNDS;
    // The order rotates, so that each goes first, last and in between equally often.
    const shift = round % contenders.length;
    const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    for (const contender of order) await timeOne(contender, round, record);
  }

  const [web, fresh, mit] = contenders as [Contender, Contender, Contender];
  const steps = await stepBreakdown(setup, Math.min(rounds, 15));
  report(setup, rounds, contenders, steps);
  const r = median(web.times) / median(mit.times);
  const coldRatio = median(fresh.times) / median(mit.times);
  return {
    benchmark: '1. password change',
    figure: `kerbside / kpasswd median (${setup.title})`,
    value:
      `${r.toFixed(2)}x (${fixed(median(web.times))} vs ${fixed(median(mit.times))} ms; ` +
      `fresh process ${coldRatio.toFixed(2)}x)`,
    ...(hasTarget
      ? { target: `<= ${TARGET}x`, met: r <= TARGET }
      : { target: "none: kadmind's own time dominates", met: false, informational: true }),
  };
}

async function contendersFor(setup: Setup, fresh: ServerProcess): Promise<Contender[]> {
  const { realm, server } = setup;
  await warmUp(setup);
  await realm.addPrincipal('bench-web', PASSWORDS[0]);
  await realm.addPrincipal('bench-fresh', PASSWORDS[0]);
  await realm.addPrincipal('bench-mit', PASSWORDS[0]);

  const client = new HttpClient(server.url);
  await logIn(client, 'bench-web', PASSWORDS[0]);
  const freshClient = new HttpClient(fresh.url);
  await logIn(freshClient, 'bench-fresh', PASSWORDS[0]);
  const env = mitEnv(realm);
  const mitPrincipal = `bench-mit@${realm.realm}`;
  const meter = new CpuMeter(realm, server);
  return [
    {
      label: `kerbside over HTTP (confirmed), after ${WARM_UP_LOGINS} logins`,
      client: 'service',
      change: (from, to) => changePassword(client, from, to),
      times: [],
      cpu: [],
      meter,
    },
    {
      label: 'kerbside over HTTP (confirmed), fresh process',
      client: 'service',
      change: (from, to) => changePassword(freshClient, from, to),
      times: [],
      cpu: [],
      meter: new CpuMeter(realm, fresh),
    },
    {
      label: 'MIT kpasswd (a process)',
      client: 'commands',
      change: (from, to) => runKpasswd(env, mitPrincipal, from, to),
      times: [],
      cpu: [],
      meter,
    },
  ];
}

/** The measured service logs another user in and out of the CAS flow, a new browser each time. */
async function warmUp(setup: Setup): Promise<void> {
  await setup.realm.addPrincipal('bench-warm', PASSWORDS[0]);
  const browser = new HttpClient(setup.server.url);
  for (let i = 0; i < WARM_UP_LOGINS; i++) {
    browser.clearCookies();
    await logIn(browser, 'bench-warm', PASSWORDS[0]);
  }
  browser.close();
}

async function timeOne(c: Contender, round: number, record: boolean) {
  const from = PASSWORDS[round % 2]!;
  const to = PASSWORDS[(round + 1) % 2]!;
  const before = await c.meter.sample();
  const started = performance.now();
  await c.change(from, to);
  const elapsed = performance.now() - started;
  const after = await c.meter.sample();
  if (!record) return;
  c.times.push(elapsed);
  c.cpu.push(cpuPer(before, after, 1));
}

interface StepTimes {
  readonly asExchange: number[];
  readonly kpasswd: number[];
  readonly confirm: number[];
}

/**
 * The library's three steps of one change, timed one by one on a principal of its own: what
 * the service does inside modify_self_password, without HTTP.
 */
async function stepBreakdown(setup: Setup, rounds: number): Promise<StepTimes> {
  const { realm } = setup;
  await realm.addPrincipal('bench-steps', PASSWORDS[0]);
  const config = await loadKrb5Config(realm.env);
  const client = new KerberosClient({ config });
  const user = client.principal('bench-steps', realm.realm);
  const server = kpasswdAddresses(config, realm.realm)[0]!;
  // The service knows the client's string-to-key parameters from its login.
  const login = await client.getInitialTicket(user, PASSWORDS[0]);
  const steps: StepTimes = { asExchange: [], kpasswd: [], confirm: [] };
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    const timed = await timeSteps(client, user, server, login.etypeInfo, round);
    if (round < WARM_UP_ROUNDS) continue;
    steps.asExchange.push(timed[0]);
    steps.kpasswd.push(timed[1]);
    steps.confirm.push(timed[2]);
  }
  return steps;
}

/**
 * One change in the library's three steps, each as the library takes it: the exchange for
 * kadmin/changepw with the old password's key derived from the known parameters while the
 * KDC is asked for them, the RFC 3244 round trip, and the confirmation, whose key was
 * derived during that round trip and is used once the KDC names the same parameters.
 */
async function timeSteps(
  client: KerberosClient,
  user: Principal,
  server: HostPort,
  etypeInfo: EtypeInfo2Entry,
  round: number,
): Promise<[number, number, number]> {
  const from = PASSWORDS[round % 2]!;
  const to = PASSWORDS[(round + 1) % 2]!;
  const send = client.kdcSender(user.realm);

  const t0 = performance.now();
  const ticket = await getInitialTicket({
    client: user,
    password: from,
    service: kadminChangepw(user.realm),
    send,
    etypeInfoHint: etypeInfo,
  });
  const t1 = performance.now();
  let changed!: () => void;
  const success = new Promise<void>((resolve) => (changed = resolve));
  // As the library does: the confirmation's key is derived during the round trip, and its
  // first request waits for the change's success.
  const confirmation = getInitialTicket({
    client: user,
    password: to,
    service: krbtgt(user.realm),
    send,
    etypeInfoHint: etypeInfo,
    sendAfter: success,
  });
  let session: KpasswdSession | undefined;
  const build = (local: string): Uint8Array => {
    const built = buildChangeRequest(ticket, to, local, new Date());
    session = built.session;
    return built.request;
  };
  const reply = await exchangeTcp(server, build, { timeoutMs: 3000 });
  const t2 = performance.now();
  checkSuccess(session!, reply);
  changed();
  await confirmation;
  const t3 = performance.now();
  return [t1 - t0, t2 - t1, t3 - t2];
}

function checkSuccess(session: KpasswdSession, reply: Uint8Array): void {
  const framed = parseReply(reply);
  if (framed.kind !== 'priv') throw new Error('the kpasswd server refused the change');
  const result = parseResultData(openChangeReply(session, framed.apRep, framed.krbPriv));
  if (result.code !== 0) throw new Error(`the kpasswd server answered result ${result.code}`);
}

function report(setup: Setup, rounds: number, contenders: readonly Contender[], steps: StepTimes) {
  const mit = median(contenders[contenders.length - 1]!.times);
  console.log(`\n1. Password change, ${setup.title}: ${rounds} rounds, order rotating`);
  const rows = [['', 'median ms', 'p90 ms', 'ratio', 'CPU ms/change: client', 'KDC', 'kadmind']];
  for (const c of contenders) {
    const m = median(c.times);
    const cpu = (key: keyof CpuSample) => fixed(mean(c.cpu.map((sample) => sample[key])));
    rows.push([
      c.label,
      fixed(m),
      fixed(percentile(c.times, 90)),
      ratio(m, mit),
      cpu(c.client),
      cpu('kdc'),
      cpu('kadmind'),
    ]);
  }
  printTable(rows);
  console.log(
    '  CPU: means of samples around each change; /proc counts the KDC, kadmind and kpasswd in ' +
      '10 ms ticks, so only the means say anything.',
  );
  const a = median(steps.asExchange);
  const k = median(steps.kpasswd);
  const c = median(steps.confirm);
  console.log(
    `  library steps, in process (median ms): AS exchange for kadmin/changepw ${fixed(a)}, ` +
      `kpasswd round trip over TCP ${fixed(k)}, confirming AS exchange ${fixed(c)}; ` +
      `sum ${fixed(a + k + c)}`,
  );
}
