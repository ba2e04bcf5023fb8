/**
 * Benchmark, not a test: the wall time of one password change through this library against
 * MIT's `kpasswd` command, on a throwaway realm on 127.0.0.1. The two alternate, round after
 * round, each on its own policy-free principal whose password flips between two values.
 *
 * `kpasswd` is a whole process (start, AS exchange, RFC 3244 change); it reads the old
 * password and the new one twice from stdin when stdin is not a terminal. The library runs
 * in this process, once as MIT's tool works (no confirmation) and once with its default
 * confirmation (one more AS exchange with the new password).
 *
 * Two realms are measured: the harness default (the four AES enctypes) and one with only
 * aes256-cts-hmac-sha1-96. In the first, kadmind's own string-to-key for the two SHA-2
 * enctypes (PBKDF2 with 32768 iterations, RFC 8009) takes most of every change, whoever sent it.
 *
 * Run: node --import tsx bench/kpasswd.ts [rounds]   (default 30)
 */

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { KerberosClient } from '../src/krb5/client/kerberos-client.js';
import type { Principal } from '../src/krb5/client/principal.js';
import { loadKrb5Config } from '../src/krb5/config/index.js';
import { KPASSWD_RESULT } from '../src/krb5/kpasswd/result.js';
import { startRealm, type TestRealm } from '../src/testrealm/index.js';
import { findProgram } from '../src/testrealm/programs.js';

const PASSWORDS = ['Bench-pass-A1', 'Bench-pass-B2'] as const;
const WARM_UP_ROUNDS = 3;

/** One contender: changes its principal's password from `from` to `to`. */
interface Contender {
  readonly label: string;
  change(from: string, to: string): Promise<void>;
  readonly times: number[];
}

function libraryContender(label: string, client: KerberosClient, user: Principal): Contender {
  return {
    label,
    times: [],
    async change(from, to) {
      const outcome = await client.changePassword(user, from, to);
      if (outcome.result.code !== KPASSWD_RESULT.SUCCESS) {
        throw new Error(`${label}: ${outcome.result.codeName}`);
      }
    },
  };
}

function kpasswdContender(realm: TestRealm, principal: string): Contender {
  const program = findProgram('kpasswd');
  const env = { PATH: process.env.PATH ?? '', ...realm.env, LC_ALL: 'C' };
  return {
    label: 'MIT kpasswd (process)',
    times: [],
    change: (from, to) => runKpasswd(program, principal, env, `${from}\n${to}\n${to}\n`),
  };
}

/** Runs kpasswd with the passwords on stdin (never in argv); fails unless it changed it. */
function runKpasswd(
  program: string,
  principal: string,
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, [principal], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && output.includes('Password changed')) resolve();
      else reject(new Error(`kpasswd exited with ${code}`));
    });
    child.stdin.end(input);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeOne(contender: Contender, round: number, record: boolean): Promise<void> {
  const from = PASSWORDS[round % 2]!;
  const to = PASSWORDS[(round + 1) % 2]!;
  const started = performance.now();
  await contender.change(from, to);
  if (record) contender.times.push(performance.now() - started);
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 30);
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error('rounds must be a whole number');

  await benchRealm('the four AES enctypes (harness default)', rounds, {});
  await benchRealm('aes256-cts-hmac-sha1-96 only', rounds, {
    supportedEnctypes: ['aes256-cts-hmac-sha1-96:normal'],
  });
}

async function benchRealm(
  title: string,
  rounds: number,
  options: Parameters<typeof startRealm>[0],
): Promise<void> {
  const realm = await startRealm(options);
  try {
    const contenders = await setUpContenders(realm);
    for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
      // Rotate who goes first, so that no one always profits from another warming the server.
      for (let i = 0; i < contenders.length; i++) {
        const contender = contenders[(round + i) % contenders.length]!;
        await timeOne(contender, round, round >= WARM_UP_ROUNDS);
      }
    }
    report(title, rounds, contenders);
  } finally {
    await realm.stop();
  }
}

async function setUpContenders(realm: TestRealm): Promise<Contender[]> {
  const config = await loadKrb5Config(realm.env);
  for (const name of ['bench-lib', 'bench-lib-confirm', 'bench-mit']) {
    await realm.addPrincipal(name, PASSWORDS[0]);
  }
  const plain = new KerberosClient({ config, confirmChanges: false });
  const confirming = new KerberosClient({ config });
  return [
    libraryContender('library, no confirmation', plain, plain.principal('bench-lib', realm.realm)),
    libraryContender(
      'library, confirmed (default)',
      confirming,
      confirming.principal('bench-lib-confirm', realm.realm),
    ),
    kpasswdContender(realm, `bench-mit@${realm.realm}`),
  ];
}

function report(title: string, rounds: number, contenders: readonly Contender[]): void {
  const mit = median(contenders[contenders.length - 1]!.times);
  console.log(`${title}: one password change, ${rounds} rounds alternated, median wall time`);
  for (const c of contenders) {
    const m = median(c.times);
    const ratio = (m / mit).toFixed(2);
    console.log(`  ${c.label.padEnd(30)} ${m.toFixed(1).padStart(7)} ms   ${ratio} x kpasswd`);
  }
}

await main();
