/**
 * `kerbside passwd` as a real process against the real service and a real MIT KDC: in a
 * pseudo-terminal and with piped input, success and every kind of refusal, and what /proc
 * shows of it.
 */

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import {
  argumentsAndEnvironment,
  closedPort,
  processTree,
  runKerbside,
  startKerbside,
  startKerbsideInPty,
  stopAll,
} from './helpers/run.js';
import { startRelay } from './helpers/relay.js';
import { startStand, type Stand } from './helpers/stand.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';
/** For the KDC policy of minimum length 12. */
const OLD_LONG = 'Old pass1! long';

let stand: Stand;
let url: string;

before(async () => {
  stand = await startStand();
  url = stand.service.url;
  const { realm } = stand;
  await realm.addPolicy('long', { minLength: 12 });
  await realm.addPolicy('slow', { minLife: '1 day' });
  for (const user of ['alice', 'bob', 'carol', 'dave', 'grace', 'ivan', 'judy']) {
    await realm.addPrincipal(user, OLD);
  }
  await realm.addPrincipal('erin', OLD_LONG, { policy: 'long' });
  await realm.addPrincipal('frank', OLD, { policy: 'slow' });
  await realm.addPrincipal('henry', OLD, { needChange: true });
});

after(async () => {
  stopAll();
  await stand?.stop();
});

const passwd = (user: string, ...extra: string[]) => [
  'passwd',
  '--url',
  url,
  '--user',
  user,
  ...extra,
];

/** No process of the command's tree holds a secret in its arguments or environment. */
function assertNotInProc(pid: number, secrets: readonly string[], processes: number): void {
  const tree = processTree(pid);
  assert.ok(tree.length >= processes, `${processes} processes are visible in /proc`);
  for (const member of tree) {
    const visible = argumentsAndEnvironment(member);
    for (const secret of secrets) assert.ok(!visible.includes(secret), `pid ${member}`);
  }
}

test('in a terminal: no echo, asks again when the new passwords differ, then changes', async () => {
  const run = startKerbsideInPty(passwd('alice'));
  await run.waitFor(/Current password for alice: /);
  run.type(`${OLD}\r`);
  await run.waitFor(/New password: /);
  run.type(`${NEW}\r`);
  await run.waitFor(/New password again: /);
  run.type('Something else 3$\r');
  await run.waitFor(/differ; type them again/);
  await run.waitFor(/New password: /, 2);
  run.type(`${NEW}\r`);
  await run.waitFor(/New password again: /, 2);

  // script, the shell it starts and node (unless the shell execs it).
  assertNotInProc(run.child.pid as number, [OLD, NEW], 2);
  run.type(`${NEW}\r`);
  const result = await run.done;

  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /The password of alice was changed\./);
  for (const secret of [OLD, NEW, 'Something else 3$']) {
    assert.ok(!result.stdout.includes(secret), 'a typed password was echoed');
  }
  assert.equal(await stand.logsIn('alice', NEW), true);
  assert.equal(await stand.logsIn('alice', OLD), false);
});

test('piped: three lines taken exactly (spaces kept, CRLF), --json prints the reply', async () => {
  const spaced = '  New pass3# ';
  const run = startKerbside(passwd('bob', '--json'));
  run.type(`${OLD}\r\n${spaced}\r\n`);
  await sleep(300);
  assertNotInProc(run.child.pid as number, [OLD, spaced.trim()], 1);
  run.child.stdin.end(spaced);
  const result = await run.done;

  assert.equal(result.code, 0, result.stderr);
  const reply = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.equal(reply['int_result_code'], 0);
  assert.equal(reply['reason'], 'success');
  assert.equal(await stand.logsIn('bob', spaced), true);
  assert.equal(await stand.logsIn('bob', spaced.trim()), false);
});

test('on the wire: no password in any URL; modify_self_password gets a JSON body', async () => {
  const relay = await startRelay(Number(new URL(url).port));
  try {
    const args = ['passwd', '--url', `http://127.0.0.1:${relay.port}`, '--user', 'judy'];
    const result = await runKerbside(args, `${OLD}\n${NEW}\n${NEW}\n`);
    assert.equal(result.code, 0, result.stderr);

    const wire = Buffer.concat(relay.received).toString('utf8');
    const requests = wire.split(/\r\n\r\n/);
    const requestLines = requests.map((r) => /^(?:GET|POST) \S+ HTTP\/1\.1$/m.exec(r)?.[0]);
    // 'pass1' and 'pass2' survive any URL encoding of OLD and NEW.
    for (const line of requestLines) assert.ok(!/pass[12]|password=/.test(line ?? ''), line);
    const modify = wire.indexOf('POST /web/v1/access/modify_self_password HTTP/1.1\r\n');
    assert.ok(modify >= 0, wire);
    const [head = '', body = ''] = wire.slice(modify).split('\r\n\r\n');
    assert.match(head, /^content-type: application\/json$/im);
    assert.ok(body.startsWith(`{"old_password":"${OLD}","new_password":"${NEW}"`), body);
  } finally {
    await relay.close();
  }
});

test(
  'a URL other than the one the server is ' + 'configured with: exit 1, says which to use',
  async () => {
    const other = await stand.startService({
      KERBSIDE_PUBLIC_BASE_URL: 'https://kerbside.example',
    });
    const args = ['passwd', '--url', other.url, '--user', 'ivan'];
    const result = await runKerbside(args, `${OLD}\n${NEW}\n${NEW}\n`);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^error: .*\[1005 service_not_allowed\]/m);
    assert.match(result.stderr, /^What to do: Give --url as the address the server is configured/m);
    assert.equal(await stand.logsIn('ivan', OLD), true);
  },
);

test('a user who must change the password at first login can', async () => {
  const result = await runKerbside(passwd('henry'), `${OLD}\n${NEW}\n${NEW}\n`);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(await stand.logsIn('henry', NEW), true);
});

test('a wrong current password: exit 2, what to do, nothing changed', async () => {
  const input = `Wrong pass0!\n${NEW}\n${NEW}\n`;
  const result = await runKerbside(passwd('carol'), input);
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /^refused: The user name or password is wrong.*\[1003 login_failed\]/m,
  );
  assert.match(result.stderr, /^What to do: Check the user name and password/m);

  const json = await runKerbside(passwd('carol', '--json'), input);
  assert.equal(json.code, 2);
  assert.equal((JSON.parse(json.stdout) as { int_result_code: number }).int_result_code, 1003);
  assert.equal(await stand.logsIn('carol', OLD), true);
});

test('the local password policy: exit 2 with each broken rule', async () => {
  const result = await runKerbside(passwd('dave'), `${OLD}\nshort\nshort\n`);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /\[3003 local_policy\]/);
  assert.match(result.stderr, /- too short: use at least 8 characters/);
  assert.match(result.stderr, /- not enough kinds of characters: use at least 4 .*\(missing: /);
  assert.equal(await stand.logsIn('dave', OLD), true);
});

test("the KDC's policy: exit 2 with the minimum length it asks for", async () => {
  const result = await runKerbside(passwd('erin'), `${OLD_LONG}\n${NEW}\n${NEW}\n`);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /\[3005 kdc_policy\]/);
  assert.match(result.stderr, /- too short: use at least 12 characters/);
  assert.equal(await stand.logsIn('erin', OLD_LONG), true);
});

test('changed too recently: exit 2 with the date after which a change is allowed', async () => {
  const result = await runKerbside(passwd('frank'), `${OLD}\n${NEW}\n${NEW}\n`);
  assert.equal(result.code, 2, result.stderr);
  const allowed = /a change is allowed after (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/.exec(
    result.stderr,
  );
  assert.ok(allowed, result.stderr);
  const wait = Date.parse(`${allowed[1]?.replace(' ', 'T')}Z`) - Date.now();
  assert.ok(wait > 23 * 3600_000 && wait <= 24 * 3600_000, `${allowed[1]} is a day from now`);
});

test('piped new passwords that differ: exit 2 before anything is sent', async () => {
  const result = await runKerbside(passwd('grace'), `${OLD}\n${NEW}\n${NEW}x\n`);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /line 2\) and its confirmation \(line 3\) differ; nothing was sent/);
  assert.equal(await stand.logsIn('grace', OLD), true);
});

test('not three lines of input: exit 1, nothing changed', async () => {
  const result = await runKerbside(passwd('ivan'), `${OLD}\n${NEW}\n`);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /expected 3 lines on standard input .*got 2/);
  assert.equal(await stand.logsIn('ivan', OLD), true);
});

test('no server: exit 1 with a clear message', async () => {
  const port = await closedPort();
  const args = ['passwd', '--url', `http://127.0.0.1:${port}`, '--user', 'ivan'];
  const result = await runKerbside(args, `${OLD}\n${NEW}\n${NEW}\n`);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /cannot reach 127\.0\.0\.1:\d+: connection refused/);
});
