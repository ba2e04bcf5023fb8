/**
 * Two real `kerbside serve` processes on two loopback ports sharing one real Redis, as two
 * instances behind a load balancer (one public origin, cookies sent to either), against a
 * real MIT KDC: a login spread over both, a replayed ticket refused, a change on one ending
 * the user's session on the other, two simultaneous changes serialised, and Redis stopped
 * and restarted while both keep running (and a third starts while Redis is away).
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { startRealm, type TestRealm } from '../../src/testrealm/index.js';
import { KERBSIDE, ROOT } from '../cli/helpers/run.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

/** The origin the load balancer would show; nothing is ever sent to it. */
const PUBLIC = 'http://127.0.0.1:8443';
const CHECK_PATH = '/web/cas_security_check.htm';
const OLD = 'Old pass1!';

let realm: TestRealm;
let redis: TestRedis;
const children: ChildProcess[] = [];
let one: string;
let two: string;
let serveEnv: Record<string, string>;

/** Start `kerbside serve` on a port of its choice; answers its base URL once it listens. */
async function serve(env: Record<string, string>): Promise<string> {
  const child = spawn(KERBSIDE[0], [...KERBSIDE.slice(1), 'serve', '--listen', '127.0.0.1:0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kerbside did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /kerbside listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`kerbside exited (${code}): ${output}`)));
  });
}

before(async () => {
  [realm, redis] = await Promise.all([startRealm(), startRedis()]);
  serveEnv = {
    ...realm.env,
    KERBSIDE_LOG_LEVEL: 'silent',
    KERBSIDE_STORE: 'redis',
    KERBSIDE_REDIS_URL: redis.url,
    KERBSIDE_REDIS_KEY_PREFIX: 'e2e:',
    KERBSIDE_PUBLIC_BASE_URL: PUBLIC,
  };
  [one, two] = await Promise.all([serve(serveEnv), serve(serveEnv)]);
});

after(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await redis?.close();
  await realm?.stop();
});

/** A script's cookie jar, sent to whichever instance the balancer picks. */
class Browserless {
  readonly jar = new Map<string, string>();

  async fetch(base: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) {
      headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(eq + 1) === '' || /max-age=0/i.test(cookie))
        this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  /** The login form from `formFrom`, the POST to `postTo`: answers the service ticket. */
  async serviceTicket(user: string, password: string, formFrom: string, postTo: string) {
    const page = await (await this.fetch(formFrom, '/cas/login')).text();
    const lt = /name="lt" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(lt, 'the login page has a login ticket');
    const service = encodeURIComponent(`${PUBLIC}${CHECK_PATH}`);
    const login = await this.fetch(postTo, `/cas/login?service=${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user, password, lt, _eventId: 'submit' }),
    });
    assert.equal(login.status, 302, await login.text());
    const location = login.headers.get('location') ?? '';
    const ticket = new URL(location).searchParams.get('ticket');
    assert.ok(location.startsWith(`${PUBLIC}${CHECK_PATH}?`) && ticket, location);
    return ticket;
  }

  /** A full login: form on `a`, POST on `b`, the ticket redeemed on `a`. */
  async logIn(user: string, password: string, a: string, b: string): Promise<string> {
    const ticket = await this.serviceTicket(user, password, a, b);
    const check = await this.fetch(a, `${CHECK_PATH}?ticket=${encodeURIComponent(ticket)}`);
    assert.equal(check.status, 302, await check.text());
    assert.ok(this.jar.has('JSESSIONID'));
    return ticket;
  }

  async loginCheck(base: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.fetch(base, '/web/v1/access/login_check');
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async change(base: string, oldPassword: string, newPassword: string) {
    const response = await this.fetch(base, '/web/v1/access/modify_self_password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        old_password: oldPassword,
        new_password: newPassword,
        confirm_password: newPassword,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}

test('a login spread over both instances; a ticket replayed on the other is refused', async () => {
  await realm.addPrincipal('spread', OLD);
  const client = new Browserless();
  const ticket = await client.logIn('spread', OLD, one, two);

  const check = await client.loginCheck(two);
  assert.equal(check.status, 200);
  assert.equal(check.body['modify_pwd'], false);
  const who = await client.fetch(two, '/web/v1/access/current_user');
  assert.equal(
    ((await who.json()) as Record<string, unknown>)['principal'],
    `spread@${realm.realm}`,
  );

  const replay = await new Browserless().fetch(two, `${CHECK_PATH}?ticket=${ticket}`);
  assert.equal(replay.status, 401);
  assert.equal(((await replay.json()) as Record<string, unknown>)['int_result_code'], 1006);

  const stale = new Browserless();
  const page = await (await stale.fetch(one, '/cas/login')).text();
  const lt = /name="lt" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const body = new URLSearchParams({ username: 'spread', password: OLD, lt, _eventId: 'submit' });
  const post = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  assert.equal((await stale.fetch(two, '/cas/login', { ...post, body })).status, 302);
  const again = await stale.fetch(one, '/cas/login', { ...post, body });
  assert.equal(again.status, 400, 'the login ticket was used on the other instance');
  assert.match(await again.text(), /data-result-code="1004"/);
});

test('a change on one instance ends the user’s session on the other', async () => {
  await realm.addPrincipal('mover', OLD);
  const changer = new Browserless();
  const other = new Browserless();
  await changer.logIn('mover', OLD, one, two);
  await other.logIn('mover', OLD, one, one);
  assert.equal((await other.loginCheck(one)).status, 200);

  const changed = await changer.change(two, OLD, 'New pass2@');
  assert.equal(changed.status, 200, JSON.stringify(changed.body));

  const ended = await other.loginCheck(one);
  assert.equal(ended.status, 401);
  assert.equal(ended.body['int_result_code'], 1001);
  assert.equal((await other.loginCheck(two)).status, 401);
  assert.equal((await changer.loginCheck(one)).status, 200, 'the changer continues');
  await new Browserless().logIn('mover', 'New pass2@', two, one);
});

test('two simultaneous changes of one user on two instances run one after the other', async () => {
  await realm.addPrincipal('twice', OLD);
  const left = new Browserless();
  const right = new Browserless();
  await left.logIn('twice', OLD, one, one);
  await right.logIn('twice', OLD, two, two);

  const [a, b] = await Promise.all([
    left.change(one, OLD, 'Left pass3#'),
    right.change(two, OLD, 'Right pass4$'),
  ]);
  const codes = [a.body['int_result_code'], b.body['int_result_code']].sort();
  // The second to get the lock finds its session ended by the first: it never reaches the KDC.
  assert.deepEqual(codes, [0, 1001], JSON.stringify([a.body, b.body]));
  const winner = a.body['int_result_code'] === 0 ? 'Left pass3#' : 'Right pass4$';
  await new Browserless().logIn('twice', winner, two, one);
});

test(
  'Redis stopped: 503 store_unavailable, ' + 'both processes up; restarted: they recover',
  async () => {
    await realm.addPrincipal('outage', OLD);
    const client = new Browserless();
    await client.logIn('outage', OLD, one, two);

    await redis.stop();
    for (const base of [one, two]) {
      const started = Date.now();
      const check = await client.loginCheck(base);
      assert.equal(check.status, 503);
      assert.equal(check.body['int_result_code'], 5004);
      assert.equal(check.body['reason'], 'store_unavailable');
      assert.ok(Date.now() - started < 3000, 'it failed fast');

      const form = await new Browserless().fetch(base, '/cas/login');
      assert.equal(form.status, 503);
      assert.match(await form.text(), /data-result-code="5004"/);
      assert.equal((await fetch(`${base}/healthz`)).status, 200, 'the process still answers');
    }
    const late = await serve(serveEnv);
    assert.equal((await fetch(`${late}/cas/login`)).status, 503, 'an instance may start meanwhile');
    assert.ok(
      children.every((child) => child.exitCode === null),
      'every process is up',
    );

    await redis.start();
    const started = Date.now();
    for (const base of [one, two, late]) {
      while ((await fetch(`${base}/cas/login`)).status !== 200) {
        assert.ok(Date.now() - started < 10_000, 'recovered within 10 s');
        await sleep(100);
      }
    }
    const fresh = new Browserless();
    await fresh.logIn('outage', OLD, two, late);
    assert.equal((await fresh.loginCheck(two)).status, 200);
    assert.equal((await client.loginCheck(one)).status, 401, 'Redis came back empty');
  },
);
