/**
 * `kerbside serve` and `kerbside demo` as real processes: the listening address, the
 * configuration from file and environment, refusals, and a clean stop on a signal.
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startRealm, type TestRealm } from '../../src/testrealm/index.js';

const ENTRY = new URL('./helpers/kerbside.ts', import.meta.url).pathname;

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit(): Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { env });
  let text = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    waiters.forEach((w) => w());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  return {
    child,
    output: () => text,
    exit: () => exited,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${text}`)), timeoutMs);
        const check = (): void => {
          // Only whole lines: a chunk may end in the middle of a port number.
          const match = text.slice(0, text.lastIndexOf('\n') + 1).match(pattern);
          if (match === null) return;
          clearTimeout(timer);
          resolve(match);
        };
        waiters.push(check);
        void exited.then(() => setTimeout(check, 50));
        check();
      }),
  };
}

let realm: TestRealm;
let dir: string;

before(async () => {
  realm = await startRealm();
  await realm.addPrincipal('carol', 'Carol pass 1!');
  dir = await mkdtemp(join(tmpdir(), 'kerbside-cli-'));
});

after(async () => {
  await realm.stop();
  await rm(dir, { recursive: true, force: true });
});

test(
  'serve listens where told, reads krb5.conf ' + 'from KRB5_CONFIG and stops on SIGTERM',
  async () => {
    const config = join(dir, 'kerbside.json');
    await writeFile(config, JSON.stringify({ service: { remindDays: 3 } }));
    const server = run(['serve', '--listen', '127.0.0.1:0', '--config', config], {
      ...process.env,
      ...realm.env,
    });
    const [, url] = await server.waitFor(/kerbside listening on (http:\/\/127\.0\.0\.1:\d+)/);

    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });

    const page = await (await fetch(`${url}/cas/login`)).text();
    assert.match(page, /name="lt"/);

    server.child.kill('SIGTERM');
    assert.equal(await server.exit(), 0);
  },
);

test('serve takes --listen from KERBSIDE_LISTEN and refuses a bad KERBSIDE_* value', async () => {
  const env = { ...process.env, ...realm.env, KERBSIDE_LISTEN: '127.0.0.1:0' };
  const server = run(['serve'], env);
  const [, url] = await server.waitFor(/kerbside listening on (http:\/\/127\.0\.0\.1:\d+)/);
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  server.child.kill('SIGTERM');
  assert.equal(await server.exit(), 0);

  const bad = run(['serve'], { ...env, KERBSIDE_REMIND_DAYS: 'many' });
  assert.notEqual(await bad.exit(), 0);
  assert.match(bad.output(), /KERBSIDE_REMIND_DAYS/);
});

test('serve refuses an unknown configuration key, naming it', async () => {
  const config = join(dir, 'bad.json');
  await writeFile(config, JSON.stringify({ service: { remindDay: 3 } }));
  const server = run(['serve', '--listen', '127.0.0.1:0', '--config', config], {
    ...process.env,
    ...realm.env,
  });
  assert.notEqual(await server.exit(), 0);
  assert.match(server.output(), /remindDay/);
});

test('serve refuses plain HTTP on a non-loopback address', async () => {
  const server = run(['serve', '--listen', '0.0.0.0:0'], { ...process.env, ...realm.env });
  assert.equal(await server.exit(), 2);
  assert.match(server.output(), /refusing to serve plain HTTP on 0\.0\.0\.0/);
});

test('serve refuses a krb5.conf that cannot serve its default realm', async () => {
  const conf = join(dir, 'broken-krb5.conf');
  await writeFile(conf, '[libdefaults]\n  default_realm = NOWHERE.TEST\n');
  const server = run(['serve', '--listen', '127.0.0.1:0'], { ...process.env, KRB5_CONFIG: conf });
  assert.notEqual(await server.exit(), 0);
  assert.match(server.output(), /cannot serve NOWHERE\.TEST/);

  const empty = run(['serve', '--listen', '127.0.0.1:0'], {
    ...process.env,
    KRB5_CONFIG: join(dir, 'missing.conf'),
  });
  assert.notEqual(await empty.exit(), 0);
  assert.match(empty.output(), /no default_realm in krb5\.conf \(read from .*missing\.conf\)/);
});

test(
  'behind a proxy, serve requires publicBaseUrl: ' + 'the Host header is not to be trusted',
  async () => {
    const env = { ...process.env, ...realm.env, KERBSIDE_TRUST_PROXY: 'true' };
    const server = run(['serve', '--listen', '127.0.0.1:0'], env);
    assert.equal(await server.exit(), 2);
    assert.match(server.output(), /set "publicBaseUrl"/);
  },
);

test('a malformed --listen and an unknown command are usage errors (exit 2)', async () => {
  const bad = run(['serve', '--listen', 'nonsense'], process.env);
  assert.equal(await bad.exit(), 2);
  assert.match(bad.output(), /--listen expects HOST:PORT/);

  const unknown = run(['frobnicate'], process.env);
  assert.equal(await unknown.exit(), 2);
  assert.match(unknown.output(), /unknown command 'frobnicate'/);
});

test(
  'demo starts a realm and the service, lets ' + 'its user log in, and cleans up on Ctrl-C',
  async () => {
    const demo = run(['demo', '--listen', '127.0.0.1:0'], process.env);
    const [, url] = await demo.waitFor(/Log in: +(http:\/\/127\.0\.0\.1:\d+)\/cas\/login/, 30_000);
    const [, user] = await demo.waitFor(/User: +(\S+)/);
    const [, password] = await demo.waitFor(/Password: +(\S+)/);
    const [, kdcPort] = await demo.waitFor(/KDC on 127\.0\.0\.1:(\d+)/);

    const form = await fetch(`${url}/cas/login`);
    const lt = /name="lt" value="([^"]+)"/.exec(await form.text())?.[1];
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const login = await fetch(`${url}/cas/login?service=${url}/web/cas_security_check.htm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: user!,
        password: password!,
        lt: lt!,
        _eventId: 'submit',
        submit: 'Login',
      }).toString(),
    });
    assert.equal(login.status, 302, demo.output());
    const tgc = login.headers.getSetCookie().find((c) => c.startsWith('CASTGC='));
    assert.ok(tgc, 'CASTGC is set');

    const check = await fetch(`${url}/web/v1/access/login_check`, {
      headers: { cookie: tgc.split(';')[0]! },
    }).catch((err: unknown) => {
      throw new Error(`login_check failed: ${String(err)}\n${demo.output()}`);
    });
    const body = (await check.json()) as { modify_pwd: boolean };
    assert.equal(body.modify_pwd, true, 'the demo user must change the password first');

    assert.doesNotMatch(demo.output(), /"level":30/, 'no request log lines in the welcome');

    demo.child.kill('SIGINT');
    assert.equal(await demo.exit(), 0);
    assert.match(demo.output(), /demo stopped/);
    const probe = await fetch(`http://127.0.0.1:${kdcPort}/`).catch((err: unknown) => err);
    assert.ok(probe instanceof Error, 'the demo KDC is gone');
  },
);

test('demo on a busy port exits 2 and says how to choose another address', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as AddressInfo).port;
  try {
    const demo = run(['demo', '--listen', `127.0.0.1:${port}`], process.env);
    assert.equal(await demo.exit(), 2);
    assert.match(demo.output(), /is in use; choose another address with --listen/);
  } finally {
    busy.close();
  }
});
