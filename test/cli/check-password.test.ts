/**
 * `kerbside check-password` as a real process: the default policy, a configuration file's
 * policy, exact lines, the terminal; and the usage and help of both client commands.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { runKerbside, startKerbsideInPty, stopAll } from './helpers/run.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kerbside-check-'));
});

after(async () => {
  stopAll();
  await rm(dir, { recursive: true, force: true });
});

const check = (...extra: string[]) => ['check-password', '--user', 'alice', ...extra];

test('a good password passes (exit 0)', async () => {
  const result = await runKerbside(check(), 'Good pass1!\n');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /meets the local password policy/);
});

test('a bad password: exit 2 and every failing rule', async () => {
  const result = await runKerbside(check(), 'alice\n');
  assert.equal(result.code, 2);
  assert.match(result.stdout, /does not meet the local password policy/);
  assert.match(result.stdout, /- too short: use at least 8 characters/);
  assert.match(
    result.stdout,
    /- not enough kinds of characters: use at least 4 .*\(missing: .*digits/,
  );
  assert.match(result.stdout, /- is the user name/);
  assert.ok(!result.stdout.includes('reversed'));

  const reversed = await runKerbside(check('--json'), 'ecila\n');
  assert.equal(reversed.code, 2);
  const verdict = JSON.parse(reversed.stdout) as { ok: boolean; violations: { reason: string }[] };
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.violations.map((v) => v.reason),
    ['too_short', 'too_few_kinds', 'is_reversed_user_name'],
  );
});

test('the line is taken exactly: a trailing space counts, a CRLF ending does not', async () => {
  // Upper, lower and digit are three kinds; the space is the fourth.
  assert.equal((await runKerbside(check(), 'Abcdefg1 \n')).code, 0);
  assert.equal((await runKerbside(check(), 'Abcdefg1\r\n')).code, 2);
  assert.equal((await runKerbside(check(), 'Abcdefg1 ')).code, 0, 'no final line ending');
});

test("--config: the file's service.policy is applied", async () => {
  const file = join(dir, 'kerbside.json');
  await writeFile(file, JSON.stringify({ service: { policy: { minLength: 20 } } }));
  const result = await runKerbside(check('--config', file, '--json'), 'Good pass1!\n');
  assert.equal(result.code, 2);
  assert.deepEqual(JSON.parse(result.stdout), {
    ok: false,
    violations: [{ reason: 'too_short', min_length: 20 }],
  });

  const broken = join(dir, 'broken.json');
  await writeFile(broken, JSON.stringify({ service: { policy: { minLenght: 20 } } }));
  const refused = await runKerbside(check('--config', broken), 'Good pass1!\n');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /service\.policy\.minLenght: unknown key/);
});

test('in a terminal: prompts once, without echo', async () => {
  const run = startKerbsideInPty(check());
  await run.waitFor(/Password to check: /);
  run.type('Good pass1!\r');
  const result = await run.done;
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /meets the local password policy/);
  assert.ok(!result.stdout.includes('Good pass1!'), 'the password was echoed');
});

test('Ctrl-C at the prompt: exit 130, nothing checked', async () => {
  const run = startKerbsideInPty(check());
  await run.waitFor(/Password to check: /);
  run.type('Good pa\x03');
  const result = await run.done;
  assert.equal(result.code, 130);
  assert.match(result.stdout, /interrupted/);
  assert.ok(!result.stdout.includes('Good pa'));
});

test('more than one line: exit 1', async () => {
  const result = await runKerbside(check(), 'Good pass1!\nGood pass2!\n');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /expected 1 line on standard input/);
});

test('--help of both commands, with examples; the overview lists them', async () => {
  for (const command of ['passwd', 'check-password']) {
    const result = await runKerbside([command, '--help'], '');
    assert.equal(result.code, 0);
    assert.match(result.stdout, new RegExp(`^Usage: kerbside ${command} `));
    assert.match(result.stdout, /\nExamples:\n {2}kerbside /);
  }
  const overview = await runKerbside(['--help'], '');
  assert.match(overview.stdout, /kerbside passwd --url URL/);
  assert.match(overview.stdout, /kerbside check-password /);
});

test(
  'passwd refuses a missing URL and plain ' + 'HTTP to another host before reading input',
  async () => {
    const missing = await runKerbside(['passwd'], '');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--url URL is required/);

    const plain = await runKerbside(['passwd', '--url', 'http://kerbside.example'], '');
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /refusing to send passwords over plain HTTP/);

    const path = await runKerbside(['passwd', '--url', 'https://kerbside.example/web/'], '');
    assert.equal(path.code, 2);
    assert.match(path.stderr, /--url is the server's address only/);
  },
);
