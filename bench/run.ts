/**
 * The benchmarks (issue 8), one run, on throwaway MIT realms on 127.0.0.1. Prints each
 * figure next to its baseline and, at the end, every figure against its target. Benchmarks
 * assert nothing: the exit code is 0 whether a target is met or not, and 1 only on a failure.
 *
 *   npm run bench                       all five
 *   npm run bench -- --quick            shorter windows, fewer rounds, sessions via the store
 *   npm run bench -- change logins      only those (change, logins, check, eventloop, memory)
 *   npm run bench -- --json FILE        also write the figures as JSON
 */

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startRealm, type RealmOptions, type TestRealm } from '../src/testrealm/index.js';
import { eventLoopBenchmark } from './event-loop.js';
import type { BenchContext, Benchmark, Setup, Verdict } from './lib/context.js';
import { ServerProcess } from './lib/server.js';
import { printTable } from './lib/stats.js';
import { loginCheckBenchmark } from './login-check.js';
import { loginsBenchmark } from './logins.js';
import { memoryBenchmark } from './memory.js';
import { passwordChangeBenchmark } from './password-change.js';

const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  change: passwordChangeBenchmark,
  logins: loginsBenchmark,
  check: loginCheckBenchmark,
  eventloop: eventLoopBenchmark,
  memory: memoryBenchmark,
};

/** MIT 1.20's default supported_enctypes (kdc.conf(5)). */
const SHA1_ONLY = ['aes256-cts-hmac-sha1-96:normal', 'aes128-cts-hmac-sha1-96:normal'];

/** Realms and service processes, started on first use and all stopped at the end. */
class Resources {
  readonly #realms: TestRealm[] = [];
  readonly #servers: ServerProcess[] = [];
  readonly #setups = new Map<string, Promise<Setup>>();

  setup(title: string, options: RealmOptions): Promise<Setup> {
    let setup = this.#setups.get(title);
    if (setup === undefined) {
      setup = this.#start(title, options);
      this.#setups.set(title, setup);
    }
    return setup;
  }

  async server(realm: TestRealm, env: Record<string, string> = {}): Promise<ServerProcess> {
    const server = await ServerProcess.start({ ...realm.env, ...env });
    this.#servers.push(server);
    return server;
  }

  async stop(): Promise<void> {
    for (const server of this.#servers) await server.stop();
    for (const realm of this.#realms) await realm.stop();
  }

  async #start(title: string, options: RealmOptions): Promise<Setup> {
    const realm = await startRealm(options);
    this.#realms.push(realm);
    return { title, realm, server: await this.server(realm) };
  }
}

/** The realm's krb5.conf with its KDC entry pinned to UDP, and a service that uses it. */
async function startUdpKdcServer(resources: Resources, realm: TestRealm): Promise<ServerProcess> {
  const conf = await readFile(realm.krb5ConfPath, 'utf8');
  const pinned = conf.replace(/^(\s*kdc = )(127\.0\.0\.1:)/m, '$1udp/$2');
  if (pinned === conf) throw new Error('no kdc entry to pin to UDP in the realm krb5.conf');
  const path = join(realm.dir, 'krb5-kdc-udp.conf');
  await writeFile(path, pinned);
  return resources.server(realm, { KRB5_CONFIG: path });
}

function parseCommandLine(): { quick: boolean; json?: string; selected: string[] } {
  const { values, positionals } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
    allowPositionals: true,
  });
  const unknown = positionals.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  }
  const selected = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS);
  return {
    quick: values.quick ?? false,
    selected,
    ...(values.json !== undefined && { json: values.json }),
  };
}

/** nproc, CPU model, Node and MIT krb5 versions, and the load when the run started. */
function machine(): Record<string, string> {
  const krb5 = execFileSync('klist', ['-V'], { encoding: 'utf8' }).trim();
  return {
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    node: process.version,
    krb5,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

function summarize(verdicts: readonly Verdict[]): void {
  console.log('\nSummary');
  printTable([
    ['benchmark', 'figure', 'value', 'target', ''],
    ...verdicts.map((v) => [
      v.benchmark,
      v.figure,
      v.value,
      v.target,
      v.informational === true ? '' : v.met ? 'met' : 'MISSED',
    ]),
  ]);
}

async function main(): Promise<void> {
  const options = parseCommandLine();
  const info = machine();
  console.log(
    `kerbside benchmarks${options.quick ? ' (--quick)' : ''}: ${options.selected.join(', ')}`,
  );
  for (const [key, value] of Object.entries(info)) console.log(`  ${key}: ${value}`);

  const resources = new Resources();
  let udpServer: Promise<ServerProcess> | undefined;
  const main = () => resources.setup('realm with the four AES enctypes (harness default)', {});
  const ctx: BenchContext = {
    quick: options.quick,
    main,
    sha1Only: () =>
      resources.setup('realm with the two AES SHA-1 enctypes (MIT default)', {
        supportedEnctypes: SHA1_ONLY,
      }),
    freshServer: async (realm) => resources.server(realm ?? (await main()).realm),
    udpKdcServer: async () => {
      udpServer ??= main().then(({ realm }) => startUdpKdcServer(resources, realm));
      return udpServer;
    },
  };

  const verdicts: Verdict[] = [];
  try {
    for (const name of options.selected) verdicts.push(...(await BENCHMARKS[name]!(ctx)));
  } finally {
    await resources.stop();
  }
  summarize(verdicts);
  console.log(
    `  load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (options.json !== undefined) {
    await writeFile(
      options.json,
      `${JSON.stringify({ machine: info, quick: options.quick, verdicts }, null, 2)}\n`,
    );
  }
}

await main();
