/**
 * Against a real MIT KDC: the audit file (one durable record per event, on disk before the
 * reply), the size limits, a canary password sent through every endpoint and error path at
 * debug level (it must appear in no log line and no audit record), and the KDC's faults (a
 * stopped KDC, one that never answers, one that answers random bytes): a clear error in
 * time, nothing changed, nothing counted toward the throttle, other requests still served.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import type { PasswordBackend } from '../../src/service/backend.js';
import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { testApp, type LogCapture } from './helpers/app.js';
import { Client, pageCodeOf } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';

const PATH = '/web/v1/access/modify_self_password';
const CANARY_OLD = 'Canary-7f3a9 Old!';
const CANARY_NEW = 'Canary-b81c2 New!';
const OLD = 'Old pass1!';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
/** The client timeout of the faulty backends. */
const TIMEOUT_MS = 1000;

let kdc: RealKdc;
let dir: string;
let auditFile: string;
let store: MemorySessionStore;
let app: FastifyInstance;
const logs: LogCapture[] = [];
const extraApps: FastifyInstance[] = [];

before(async () => {
  kdc = await startRealKdc();
  dir = await mkdtemp(join(tmpdir(), 'kerbside-audit-'));
  auditFile = join(dir, 'audit.jsonl');
  store = new MemorySessionStore();
  const main = await testApp({
    backend: kdc.backend,
    fakeClock: false,
    store,
    config: { auditFile },
  });
  app = main.app;
  logs.push(main.log);
});

after(async () => {
  await Promise.all(extraApps.map((extra) => extra.close()));
  await app.close();
  await kdc.stop();
  await rm(dir, { recursive: true, force: true });
});

/** An app over another backend, sharing the store, the audit file and the log checks. */
async function appWith(backend: PasswordBackend): Promise<FastifyInstance> {
  const extra = await testApp({ backend, fakeClock: false, store, config: { auditFile } });
  extraApps.push(extra.app);
  logs.push(extra.log);
  return extra.app;
}

/** The audit file as it is on disk right now (read synchronously, nothing buffered). */
function auditRecords(): Array<Record<string, unknown>> {
  if (!existsSync(auditFile)) return [];
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Run `action` and answer the audit records it added (on disk when its reply came). */
async function recordsOf(action: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const before = auditRecords().length;
  await action();
  return auditRecords().slice(before);
}

const fields = (oldPassword: string, newPassword: string, confirm = newPassword) => ({
  old_password: oldPassword,
  new_password: newPassword,
  confirm_password: confirm,
});

test('one durable audit record per login, failed login, change, refusal and logout', async () => {
  await kdc.realm.addPrincipal('audit-user', OLD);
  const realm = kdc.realm.realm;
  const client = new Client(app);

  const failed = await recordsOf(async () =>
    client.postLogin('audit-user', 'Wrong pw1!', await client.loginTicket()),
  );
  assert.equal(failed.length, 1);
  assert.deepEqual(pick(failed[0], ['event', 'user', 'realm', 'outcome', 'kind', 'address']), {
    event: 'login',
    user: 'audit-user',
    realm,
    outcome: 'failure',
    kind: 'wrong_password',
    address: '127.0.0.1',
  });
  assert.ok(Math.abs(Date.parse(String(failed[0]?.['time'])) - Date.now()) < 60_000);

  const unknown = await recordsOf(async () =>
    client.postLogin('audit-nobody', 'Wrong pw1!', await client.loginTicket()),
  );
  assert.deepEqual(
    unknown.map((r) => r['kind']),
    ['unknown_user'],
  );

  const login = await recordsOf(() => client.logIn('audit-user', OLD));
  assert.deepEqual(
    login.map((r) => [r['event'], r['outcome'] ?? r['via']]),
    [
      ['login', 'success'],
      ['session_start', 'tgc'],
    ],
  );

  const refused = await recordsOf(() => client.changePassword(fields(OLD, 'short'), 'json'));
  assert.deepEqual(pick(refused[0], ['event', 'principal', 'outcome', 'kind']), {
    event: 'password_change',
    principal: `audit-user@${realm}`,
    outcome: 'refused',
    kind: 'local_policy',
  });
  assert.ok(Array.isArray(refused[0]?.['rules']));

  const wrong = await recordsOf(() =>
    client.changePassword(fields('Wrong pw2!', 'New pass2@'), 'json'),
  );
  assert.deepEqual(pick(wrong[0], ['outcome', 'kind']), {
    outcome: 'failure',
    kind: 'wrong_password',
  });

  const changed = await recordsOf(() => client.changePassword(fields(OLD, 'New pass2@'), 'json'));
  assert.deepEqual(pick(changed[0], ['event', 'outcome', 'address']), {
    event: 'password_change',
    outcome: 'success',
    address: '127.0.0.1',
  });

  const out = await recordsOf(async () => {
    await client.request({ method: 'GET', url: '/web/v1/logout_action?is_timeout_logout=true' });
    await client.logIn('audit-user', 'New pass2@');
    await client.request({ method: 'POST', url: '/cas/logout' });
  });
  const logouts = out.filter((r) => r['event'] === 'logout').map((r) => [r['scope'], r['cause']]);
  // /cas/logout ends the single sign-on session and the web session made from it: one record.
  assert.deepEqual(logouts, [
    ['web', 'timeout'],
    ['sso', 'manual'],
  ]);
});

test(
  'size limits: bodies 413, query strings ' + '414, long fields refused before any work',
  async () => {
    await kdc.realm.addPrincipal('limits-user', OLD);
    const client = new Client(app);
    await client.logIn('limits-user', OLD);

    const bigBody = JSON.stringify(fields('x'.repeat(20_000), 'y'));
    const body = await client.request({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': JSON_TYPE },
      payload: bigBody,
    });
    assert.equal(body.statusCode, 413);
    assert.equal(body.json().int_result_code, 2008);

    const longQuery = `old_password=${'x'.repeat(11_000)}`;
    for (const url of [
      `${PATH}?${longQuery}`,
      `/cas/login?service=${'x'.repeat(11_000)}`,
      `/nowhere?${longQuery}`,
    ]) {
      const response = await client.request({
        method: url.startsWith('/cas') ? 'GET' : 'POST',
        url,
      });
      assert.equal(response.statusCode, 414, url.slice(0, 30));
    }
    const wide = new URLSearchParams(fields('é'.repeat(500), 'ü'.repeat(500)));
    const fits = `${PATH}?${wide.toString()}`;
    assert.ok(fits.length > 9000);
    assert.notEqual((await client.request({ method: 'POST', url: fits })).statusCode, 414);

    const hugeCookie = await app.inject({
      method: 'GET',
      url: '/web/v1/access/current_user',
      headers: { cookie: `JSESSIONID=${'a'.repeat(5000)}` },
    });
    assert.equal(hugeCookie.statusCode, 401);

    const login = new Client(app);
    const longName = await login.postLogin('u'.repeat(300), OLD, await login.loginTicket());
    assert.equal(pageCodeOf(longName.body), 2003);
    const longTicket = await login.postLogin('limits-user', OLD, 'LT-'.padEnd(5000, 'x'));
    assert.equal(pageCodeOf(longTicket.body), 1004);
    const formBody = await login.request({
      method: 'POST',
      url: '/cas/login',
      headers: { 'content-type': FORM },
      payload: `username=a&password=${'p'.repeat(20_000)}`,
    });
    assert.equal(formBody.statusCode, 413);
  },
);

test(
  'a canary password through every endpoint and ' +
    'error path reaches no log line and no audit record',
  async () => {
    await kdc.realm.addPrincipal('canary', CANARY_OLD);
    const realmName = kdc.realm.realm;
    const client = new Client(app);
    const c = CANARY_OLD;
    const encoded = encodeURIComponent(c);

    // Login: wrong, right, refused forms, cross-site, throttled, through every route's query.
    await client.postLogin('canary', `${c}x`, await client.loginTicket());
    await client.postLogin('canary-none', c, await client.loginTicket());
    await client.postLogin('canary', c, await client.loginTicket(), undefined, {
      origin: 'https://evil.example',
    });
    await client.postLogin('canary', c, c);
    await client.request({
      method: 'POST',
      url: '/cas/login',
      headers: { 'content-type': FORM },
      payload: `username=canary&password=${encoded}&password=${encoded}`,
    });
    await client.request({
      method: 'POST',
      url: '/cas/login',
      headers: { 'content-type': JSON_TYPE },
      payload: JSON.stringify({ password: c }),
    });
    await client.request({
      method: 'POST',
      url: '/cas/login',
      headers: { 'content-type': 'text/plain' },
      payload: c,
    });
    await client.logIn('canary', c);
    for (const url of [
      `/cas/login?password=${encoded}`,
      `/cas/logout?password=${encoded}`,
      `/web/cas_security_check.htm?ticket=${encoded}`,
      `/web/v1/access/login_check?password=${encoded}`,
      `/web/v1/access/current_user?password=${encoded}`,
      `/web/v1/logout_action?is_timeout_logout=${encoded}`,
      `/web/?password=${encoded}`,
      `/nowhere/${encoded}?password=${encoded}`,
      `${PATH}?old_password=${encoded}`,
    ]) {
      for (const method of ['GET', 'POST', 'PUT'] as const) await client.request({ method, url });
    }

    const planted = { cookie: `JSESSIONID=${encoded}; CASTGC=${encoded}`, origin: encoded };
    for (const url of ['/cas/login', '/cas/logout', PATH, '/web/v1/access/login_check']) {
      await client.request({ method: 'POST', url, headers: { ...planted, 'x-kerbside-token': c } });
    }

    // The loop logged out (logout_action, /cas/logout): log in again.
    await client.logIn('canary', c);

    // The change: every encoding, every refusal, the KDC's own answers, the browser checks.
    const codes: number[] = [];
    for (const encoding of ['query', 'json', 'form'] as const) {
      for (const attempt of [
        fields(c, CANARY_NEW, `${CANARY_NEW}x`),
        fields(c, c),
        fields(c, 'Canary'),
      ]) {
        codes.push((await client.changePassword(attempt, encoding)).json().int_result_code);
      }
    }
    assert.deepEqual(codes, [3001, 3002, 3003, 3001, 3002, 3003, 3001, 3002, 3003]);
    const headers = { 'content-type': JSON_TYPE };
    await client.request({
      method: 'POST',
      url: PATH,
      headers,
      payload: `{"old_password": "${c}", "new_password": `,
    });
    await client.request({
      method: 'POST',
      url: PATH,
      headers,
      payload: JSON.stringify({ old_password: c, new_password: [c] }),
    });
    await client.request({
      method: 'POST',
      url: PATH,
      headers: { ...headers, 'content-type': 'application/json; charset=latin1' },
      payload: JSON.stringify(fields(c, c)),
    });
    await client.request({
      method: 'POST',
      url: PATH,
      headers,
      payload: JSON.stringify(fields(c.repeat(100), c)),
    });
    await client.request({
      method: 'POST',
      url: PATH,
      headers,
      payload: JSON.stringify(fields(c.repeat(1000), c)),
    });
    await client.request({ method: 'POST', url: `${PATH}?x=${encoded.repeat(500)}` });
    await client.request({
      method: 'POST',
      url: PATH,
      headers: { ...headers, origin: 'https://evil.example' },
      payload: JSON.stringify(fields(c, CANARY_NEW)),
    });
    await client.request({
      method: 'POST',
      url: PATH,
      headers: { ...headers, 'sec-fetch-site': 'same-origin', 'x-kerbside-token': c },
      payload: JSON.stringify(fields(c, CANARY_NEW)),
    });
    await kdc.realm.addPolicy('canary-long', { minLength: 30 });
    await kdc.realm.kadmin([`modprinc -policy canary-long canary`]);
    const kdcPolicy = await client.changePassword(fields(c, CANARY_NEW), 'json');
    assert.equal(kdcPolicy.json().int_result_code, 3005);
    await kdc.realm.kadmin([`modprinc -clearpolicy canary`]);
    const silent = await appWith(
      kdc.variant({ kpasswdPort: await kdc.blackHole(), timeoutMs: TIMEOUT_MS }),
    );
    const unknown = await new Client(silent, client.jar).changePassword(
      fields(c, CANARY_NEW),
      'json',
    );
    assert.equal(unknown.json().int_result_code, 5002);
    assert.equal(await kdc.realm.kinit('canary', c), true, 'an unanswered change changed nothing');
    const noisy = await appWith(
      kdc.variant({ kdcPort: await kdc.noise('framed'), timeoutMs: TIMEOUT_MS }),
    );
    const noise = await new Client(noisy, client.jar).changePassword(fields(c, CANARY_NEW), 'json');
    assert.equal(noise.json().int_result_code, 5003);
    const changed = await client.changePassword(fields(c, CANARY_NEW), 'json');
    assert.equal(changed.statusCode, 200, changed.body);

    const again = new Client(app);
    await again.logIn('canary', CANARY_NEW);
    assert.equal((await again.changePassword(fields(CANARY_NEW, c), 'form')).statusCode, 200);
    for (let i = 0; i < 3; i++) await again.changePassword(fields(`${c}${i}`, CANARY_NEW), 'json');
    const throttled = await again.changePassword(fields(c, CANARY_NEW), 'query');
    assert.equal(throttled.statusCode, 429);
    await again.request({ method: 'GET', url: '/web/v1/logout_action?is_timeout_logout=false' });
    await again.request({ method: 'POST', url: '/cas/logout' });

    const text = logs.map((log) => log.text()).join('\n');
    assert.ok(text.split('\n').length > 100, 'plenty was logged at debug level');
    assert.ok(text.includes('"level":20'), 'debug lines are captured');
    const audit = readFileSync(auditFile, 'utf8');
    assert.ok(audit.includes(`canary@${realmName}`), 'the canary user was audited');
    for (const secret of [
      'Canary',
      encodeURIComponent('Canary'),
      Buffer.from('Canary').toString('base64'),
    ]) {
      assert.equal(text.includes(secret), false, `a log line contains ${secret}`);
      assert.equal(audit.includes(secret), false, `an audit record contains ${secret}`);
    }
  },
);

interface Fault {
  readonly name: string;
  backend(): Promise<PasswordBackend>;
  /** The answer's code: 5001 when no KDC answered, 5003 when it answered nonsense. */
  readonly code: number;
}

const FAULTS: Fault[] = [
  {
    name: 'a stopped KDC (nothing listens)',
    code: 5001,
    backend: async () => kdc.variant({ kdcPort: await kdc.closedPort(), timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'a KDC that accepts and never answers',
    code: 5001,
    backend: async () => kdc.variant({ kdcPort: await kdc.blackHole(), timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'a KDC answering framed random bytes',
    code: 5003,
    backend: async () => kdc.variant({ kdcPort: await kdc.noise('framed'), timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'a KDC answering raw random bytes and hanging up',
    code: 0,
    backend: async () => kdc.variant({ kdcPort: await kdc.noise('raw'), timeoutMs: TIMEOUT_MS }),
  },
];

for (const fault of FAULTS) {
  test(
    `${fault.name}: a clear error in time, ` + `nothing changed, not counted, others served`,
    async () => {
      const user = `fault-${FAULTS.indexOf(fault)}`;
      await kdc.realm.addPrincipal(user, OLD);
      const faulty = await appWith(await fault.backend());
      const session = new Client(app);
      await session.logIn(user, OLD);

      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const login = new Client(faulty);
        const lt = await login.loginTicket();
        const pending = login.postLogin(user, i % 2 === 0 ? OLD : 'Wrong pw1!', lt);
        // While the KDC misbehaves, the service keeps answering others.
        const otherStart = Date.now();
        const other = await new Client(app).loginTicket();
        assert.ok(other.length > 0);
        const otherTime = Date.now() - otherStart;
        const answer = await pending;
        const elapsed = Date.now() - started;
        expectOutage(answer, fault.code, 'page');
        assert.ok(elapsed < 3 * TIMEOUT_MS + 1000, `answered in ${elapsed} ms`);
        assert.ok(otherTime < TIMEOUT_MS, `another request waited ${otherTime} ms`);

        const change = await new Client(faulty, session.jar).changePassword(
          fields(OLD, 'New pass2@'),
          'json',
        );
        expectOutage(change, fault.code, 'json');
      }
      assert.equal(await kdc.realm.kinit(user, OLD), true, 'the password is unchanged');

      // Ten outages did not count: three wrong passwords still reach the KDC.
      const retry = new Client(app);
      for (let i = 0; i < 3; i++) {
        const wrong = await retry.postLogin(user, `Wrong pw${i}!`, await retry.loginTicket());
        assert.equal(wrong.statusCode, 401);
      }
      const changed = await session.changePassword(fields(OLD, 'New pass2@'), 'json');
      assert.equal(changed.statusCode, 429, 'the fourth is throttled: only real failures counted');
    },
  );
}

function expectOutage(response: LightMyRequestResponse, code: number, kind: 'page' | 'json'): void {
  const got = kind === 'page' ? pageCodeOf(response.body) : response.json().int_result_code;
  if (code === 0) assert.ok(got === 5001 || got === 5003, `${response.statusCode} ${got}`);
  else assert.equal(got, code, response.body.slice(0, 300));
  assert.ok(response.statusCode === 502 || response.statusCode === 503);
}

function pick(
  record: Record<string, unknown> | undefined,
  keys: string[],
): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, record?.[key]]));
}
