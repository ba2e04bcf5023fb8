/**
 * The shipped command: bin/kerbside.js runs the compiled dist/, so build it and run the
 * client commands through it.
 */

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';

import { ROOT, closedPort, type RunResult } from './helpers/run.js';

const BIN = join(ROOT, 'bin', 'kerbside.js');

before(async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT });
  } catch {
    // tsc still writes dist/ when it finds type errors; those are the typecheck's to report
    // (scripts/test.sh), and these tests fail on their own if the build is unusable.
  }
});

function runBin(args: readonly string[], input: string): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('node bin/kerbside.js check-password works from the build', async () => {
  const good = await runBin(['check-password', '--user', 'alice'], 'Good pass1!\n');
  assert.equal(good.code, 0, good.stderr);
  const bad = await runBin(['check-password', '--user', 'alice'], 'alice\n');
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /- is the user name/);
});

test('node bin/kerbside.js passwd reaches the network code from the build', async () => {
  const help = await runBin(['passwd', '--help'], '');
  assert.equal(help.code, 0);
  const url = `http://127.0.0.1:${await closedPort()}`;
  const down = await runBin(['passwd', '--url', url, '--user', 'a'], '');
  assert.equal(down.code, 1);
  assert.match(down.stderr, /cannot reach 127\.0\.0\.1:\d+: connection refused/);
});
