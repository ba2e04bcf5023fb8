/**
 * Benchmark 1: one password change end to end over HTTP (modify_self_password, with the
 * library's post-change confirmation on, the default) against MIT's `kpasswd` command, on the
 * same realm, taking turns round by round. The web session is made once (CAS login, service
 * ticket, login_check); each change flips the principal's password between two values.
 *
 * Three kerbside processes take part, each a service in a different state of V8's warm-up.
 * The one the target is checked on is in its steady state: it has served some logins of
 * another user and then changed another user's password many times, until V8 has compiled
 * what a change runs (its main-thread CPU per change stops falling after about 1,500; see
 * BENCHMARKS.md). The second has only served the logins, as a service has before its first
 * change: the code a change shares with a login (HTTP, sessions, the AS exchange, ASN.1,
 * crypto) is compiled, the rest is not. The third is fresh: one login, then the changes of the
 * run. All three are printed with their ratios; the gaps between them are the warm-up.
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
/** Logins (CAS form, POST, service ticket, login_check) the warmed services serve first. */
const WARM_UP_LOGINS = 200;
/** Password changes of another user the steady-state service makes next (--quick: fewer). */
const STEADY_CHANGES = 1500;
const QUICK_STEADY_CHANGES = 300;

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

/** The two service processes measured beside the realm's own, warmed-up one. */
interface OtherServices {
  readonly loginsOnly: ServerProcess;
  readonly fresh: ServerProcess;
}

/** How many rounds, and how long the steady-state service warms up. */
interface Plan {
  readonly rounds: number;
  readonly steadyChanges: number;
}

export async function passwordChangeBenchmark(ctx: BenchContext): Promise<Verdict[]> {
  const plan = {
    // Multiples of the four contenders, so that the rotation below comes out even.
    rounds: ctx.quick ? 12 : 32,
    steadyChanges: ctx.quick ? QUICK_STEADY_CHANGES : STEADY_CHANGES,
  };
  // The target is for MIT's default enctypes, the realm issue 8 describes. With the SHA-2
  // enctypes, kadmind's own string-to-key (32768 iterations, twice) is most of either side's
  // time, and no client could come near 0.8 of kpasswd: that realm is shown for information.
  const verdicts: Verdict[] = [];
  for (const [setup, hasTarget] of [
    [await ctx.sha1Only(), true],
    [await ctx.main(), false],
  ] as const) {
    const servers = {
      loginsOnly: await ctx.freshServer(setup.realm),
      fresh: await ctx.freshServer(setup.realm),
    };
    verdicts.push(await benchRealm(setup, servers, plan, hasTarget));
  }
  return verdicts;
}

async function benchRealm(
  setup: Setup,
  servers: OtherServices,
  plan: Plan,
  hasTarget: boolean,
): Promise<Verdict> {
  const { rounds } = plan;
  const contenders = await contendersFor(setup, servers, plan.steadyChanges);
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    const record = round >= WARM_UP_ROUNDS;
    // The order rotates: each contender takes each place equally often. Who follows whom
    // stays the same; kpasswd right after a service's change took 16.0 ms, after a 200 ms
    // pause 16.5 ms, so following a service does not slow it.
    const shift = round % contenders.length;
    const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    for (const contender of order) await timeOne(contender, round, record);
  }

  const [steady, loginsOnly, fresh, mit] = contenders as [
    Contender,
    Contender,
    Contender,
    Contender,
  ];
  const steps = await stepBreakdown(setup, Math.min(rounds, 15));
  report(setup, rounds, contenders, steps);
  const against = (c: Contender) => median(c.times) / median(mit.times);
  const r = against(steady);
  return {
    benchmark: '1. password change',
    figure: `kerbside in V8's steady state / kpasswd median (${setup.title})`,
    value:
      `${r.toFixed(2)}x (${fixed(median(steady.times))} vs ${fixed(median(mit.times))} ms; ` +
      `after logins only ${against(loginsOnly).toFixed(2)}x, ` +
      `fresh process ${against(fresh).toFixed(2)}x)`,
    ...(hasTarget
      ? { target: `<= ${TARGET}x`, met: r <= TARGET }
      : { target: "none: kadmind's own time dominates", met: false, informational: true }),
  };
}

async function contendersFor(
  setup: Setup,
  servers: OtherServices,
  steadyChanges: number,
): Promise<Contender[]> {
  const { realm, server } = setup;
  await realm.addPrincipal('bench-warm', PASSWORDS[0]);
  await warmUpLogins(server);
  await warmUpChanges(setup, steadyChanges);
  await warmUpLogins(servers.loginsOnly);

  const contender = async (
    label: string,
    service: ServerProcess,
    principal: string,
  ): Promise<Contender> => {
    await realm.addPrincipal(principal, PASSWORDS[0]);
    const client = new HttpClient(service.url);
    await logIn(client, principal, PASSWORDS[0]);
    return {
      label: `kerbside over HTTP (confirmed), ${label}`,
      client: 'service',
      change: (from, to) => changePassword(client, from, to),
      times: [],
      cpu: [],
      meter: new CpuMeter(realm, service),
    };
  };
  const steady = await contender(
    `after ${WARM_UP_LOGINS} logins and ${steadyChanges} changes`,
    server,
    'bench-web',
  );
  await realm.addPrincipal('bench-mit', PASSWORDS[0]);
  const env = mitEnv(realm);
  const mitPrincipal = `bench-mit@${realm.realm}`;
  return [
    steady,
    await contender(`after ${WARM_UP_LOGINS} logins only`, servers.loginsOnly, 'bench-logins'),
    await contender('fresh process', servers.fresh, 'bench-fresh'),
    {
      label: 'MIT kpasswd (a process)',
      client: 'commands',
      change: (from, to) => runKpasswd(env, mitPrincipal, from, to),
      times: [],
      cpu: [],
      meter: steady.meter,
    },
  ];
}

/** The service logs another user in through the CAS flow, a new browser each time. */
async function warmUpLogins(server: ServerProcess): Promise<void> {
  const browser = new HttpClient(server.url);
  for (let i = 0; i < WARM_UP_LOGINS; i++) {
    browser.clearCookies();
    await logIn(browser, 'bench-warm', PASSWORDS[0]);
  }
  browser.close();
}

/**
 * The steady-state service changes another user's password `count` times, confirmed, over
 * HTTP, as the measured changes are made. That user's policy allows aes256-cts-hmac-sha1-96
 * keys only, so that kadmind makes one key per change and the warm-up stays short in the
 * SHA-2 realm too; the service runs the same code either way.
 */
async function warmUpChanges(setup: Setup, count: number): Promise<void> {
  const { realm } = setup;
  await realm.kadmin(['addpol -allowedkeysalts aes256-cts-hmac-sha1-96:normal bench-one-key']);
  await realm.addPrincipal('bench-steady', PASSWORDS[0], { policy: 'bench-one-key' });
  const client = new HttpClient(setup.server.url);
  await logIn(client, 'bench-steady', PASSWORDS[0]);
  for (let i = 0; i < count; i++) {
    await changePassword(client, PASSWORDS[i % 2]!, PASSWORDS[(i + 1) % 2]!);
  }
  client.close();
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
