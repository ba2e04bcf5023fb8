/**
 * Finding and running MIT's programs. Secrets reach them only through stdin: never through
 * argv, which any local user can read in /proc.
 */

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { TestRealmError } from './errors.js';

/** Debian puts the KDC programs in /usr/sbin, often missing from an unprivileged PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The full path of an MIT program, or a TestRealmError saying how to install it. */
export function findProgram(name: string, path = process.env.PATH ?? ''): string {
  const dirs = [...path.split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  throw new TestRealmError(
    `${name} not found: install MIT krb5 (krb5-kdc, krb5-admin-server, krb5-user; ` +
      'see scripts/install-system-deps.sh)',
  );
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion with `input` on stdin; kills it after `timeoutMs`. */
export function runProgram(
  program: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; input: string; timeoutMs?: number; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (err) => reject(new TestRealmError(`cannot run ${program}`, { cause: err })));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    // A program that exits without reading all of its input must not crash us.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}
