/**
 * MIT's own commands as the baseline: `kpasswd` and `kinit`, each a whole process, with the
 * passwords on stdin (never in argv). Both read stdin when it is not a terminal.
 */

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

import type { TestRealm } from '../../src/testrealm/index.js';
import { findProgram } from '../../src/testrealm/programs.js';

/** The environment MIT's clients run with: the realm's files and the C locale. */
export function mitEnv(realm: TestRealm, ccache?: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    ...realm.env,
    ...(ccache !== undefined && { KRB5CCNAME: ccache }),
    LC_ALL: 'C',
  };
}

const programs = new Map<string, string>();

function program(name: string): string {
  let path = programs.get(name);
  if (path === undefined) {
    path = findProgram(name);
    programs.set(name, path);
  }
  return path;
}

/** Runs `program args` with `input` on stdin; resolves with its exit code and output. */
function run(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}

/** `kpasswd principal`: old password, then the new one twice. Throws unless it changed it. */
export async function runKpasswd(
  env: NodeJS.ProcessEnv,
  principal: string,
  from: string,
  to: string,
): Promise<void> {
  const { code, output } = await run(
    program('kpasswd'),
    [principal],
    env,
    `${from}\n${to}\n${to}\n`,
  );
  if (code !== 0 || !output.includes('Password changed')) {
    throw new Error(`kpasswd exited with ${code}`);
  }
}

/** `kinit principal` with the password on stdin. Throws unless it got a ticket. */
export async function runKinit(env: NodeJS.ProcessEnv, principal: string, password: string) {
  const { code } = await run(program('kinit'), [principal], env, `${password}\n`);
  if (code !== 0) throw new Error(`kinit exited with ${code}`);
}

/** The pid of the realm's `name` daemon (krb5kdc or kadmind), found by its KRB5_* environment. */
export function daemonPid(realm: TestRealm, name: 'krb5kdc' | 'kadmind'): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(realm.env.KRB5_KDC_PROFILE!)) {
        return Number(entry);
      }
    } catch {
      // The process ended or is not ours.
    }
  }
  throw new Error(`no ${name} process found for ${realm.realm}`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc/PID/stat. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
