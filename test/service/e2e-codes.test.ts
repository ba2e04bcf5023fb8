/**
 * End to end against a real MIT KDC: every result code of the table is reached by a real
 * request, and the last test fails if one is missing. The reserved codes (not yet emitted)
 * are the only exception.
 *
 * KDC failures are real: a policy, a lockout, a deleted principal; a backend of the same
 * realm pointed at a closed port (no KDC), at a password server that never answers (outcome
 * unknown) or with a clock an hour ahead (a KDC error). Those backends serve a second app
 * that shares the session store, so the same login is used. Only `internal_error` needs an
 * injected fault: a backend whose changePassword throws.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { buildApp } from '../../src/service/app.js';
import type { PasswordBackend } from '../../src/service/backend.js';
import { resolveServiceConfig } from '../../src/service/config.js';
import { resultCodeRows } from '../../src/service/result-codes.js';
import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { connectRedis } from '../../src/service/store/redis-connection.js';
import { RedisSessionStore } from '../../src/service/store/redis-store.js';
import { startRedis } from '../helpers/redis.js';
import { testApp } from './helpers/app.js';
import { Client, pageCodeOf } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';

const PATH = '/web/v1/access/modify_self_password';
const OLD = 'Old pass1!';
const NEW = 'New pass2@';

let kdc: RealKdc;
let store: MemorySessionStore;
let app: FastifyInstance;
const seen = new Set<number>();
const extraApps: FastifyInstance[] = [];

before(async () => {
  kdc = await startRealKdc();
  store = new MemorySessionStore();
  ({ app } = await testApp({ backend: kdc.backend, fakeClock: false, store }));
});

after(async () => {
  await Promise.all(extraApps.map((extra) => extra.close()));
  await app.close();
  await kdc.stop();
});

/** An app over another backend, sharing the store (and so the sessions) of the main one. */
async function appWith(backend: PasswordBackend): Promise<FastifyInstance> {
  const extra = (await testApp({ backend, fakeClock: false, store })).app;
  extraApps.push(extra);
  return extra;
}

function expectJson(response: LightMyRequestResponse, code: number, status: number): void {
  const body = response.json();
  assert.equal(body.int_result_code, code, response.body);
  assert.equal(response.statusCode, status);
  seen.add(code);
}

function expectPage(response: LightMyRequestResponse, code: number, status: number): void {
  assert.equal(pageCodeOf(response.body), code, response.body);
  assert.equal(response.statusCode, status);
  seen.add(code);
}

async function loggedIn(user: string, options = {}): Promise<Client> {
  await kdc.realm.addPrincipal(user, OLD, options);
  const client = new Client(app);
  await client.logIn(user, OLD);
  return client;
}

const fields = (oldPassword: string, newPassword: string, confirm = newPassword) => ({
  old_password: oldPassword,
  new_password: newPassword,
  confirm_password: confirm,
});

test('0 success, 1001 not logged in, 1002 password change required', async () => {
  const client = await loggedIn('codes-ok');
  expectJson(await client.changePassword(fields(OLD, NEW), 'query'), 0, 200);
  expectJson(await new Client(app).changePassword(fields(OLD, NEW), 'json'), 1001, 401);
  const must = await loggedIn('codes-must', { needChange: true });
  expectJson(await must.request({ method: 'GET', url: '/web/v1/access/current_user' }), 1002, 403);
});

test('1003 login failed, 1004 login ticket invalid, 1005 service not allowed', async () => {
  await kdc.realm.addPrincipal('codes-login', OLD);
  const client = new Client(app);
  const lt = await client.loginTicket();
  expectPage(await client.postLogin('codes-login', 'Wrong pw1!', lt), 1003, 401);
  expectPage(await client.postLogin('codes-login', OLD, lt), 1004, 400);
  const evil = 'https://evil.example/web/cas_security_check.htm';
  expectPage(
    await client.postLogin('codes-login', OLD, await client.loginTicket(), evil),
    1005,
    403,
  );
});

test('1006 service ticket invalid', async () => {
  await kdc.realm.addPrincipal('codes-st', OLD);
  const client = new Client(app);
  const login = await client.postLogin('codes-st', OLD, await client.loginTicket());
  const location = new URL(String(login.headers.location));
  const url = `${location.pathname}${location.search}`;
  assert.equal((await client.request({ method: 'GET', url })).statusCode, 302);
  expectJson(await client.request({ method: 'GET', url }), 1006, 401);
});

test('2001-2011: the request itself is wrong', async () => {
  const client = await loggedIn('codes-request');
  const post = (url: string, type?: string, payload?: string | Buffer) =>
    client.request({
      method: 'POST',
      url,
      ...(type === undefined ? {} : { headers: { 'content-type': type } }),
      ...(payload === undefined ? {} : { payload }),
    });
  const json = 'application/json';
  const form = 'application/x-www-form-urlencoded';

  expectJson(await post(`${PATH}?old_password=x`), 2001, 400);
  expectJson(
    await post(PATH, json, '{"old_password":1,"new_password":"a","confirm_password":"a"}'),
    2002,
    400,
  );
  expectJson(await client.changePassword(fields(OLD, 'x'.repeat(1024)), 'form'), 2003, 400);
  expectJson(
    await post(`${PATH}?new_password=a&new_password=b&old_password=c&confirm_password=a`),
    2004,
    400,
  );
  expectJson(
    await post(PATH, form, 'old_password=%zz&new_password=a&confirm_password=a'),
    2005,
    400,
  );
  expectJson(await post(PATH, json, '{"old_password":'), 2006, 400);
  expectJson(await post(PATH, 'text/plain', 'old_password=x'), 2007, 415);
  expectJson(await post(PATH, json, `{"old_password":"${'x'.repeat(20_000)}"}`), 2008, 413);
  expectJson(await client.request({ method: 'GET', url: PATH }), 2009, 405);
  expectJson(await client.request({ method: 'GET', url: '/web/v1/nothing' }), 2010, 404);
  const lying = await client.request({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': json, 'content-length': '2' },
    payload: '{"old_password":"x"}',
  });
  expectJson(lying, 2011, 400);
});

test('3001-3003: refused before the KDC', async () => {
  const client = await loggedIn('codes-local');
  expectJson(await client.changePassword(fields(OLD, NEW, `${NEW}x`), 'json'), 3001, 422);
  expectJson(await client.changePassword(fields(OLD, OLD), 'json'), 3002, 422);
  expectJson(await client.changePassword(fields(OLD, 'short'), 'json'), 3003, 422);
});

test('3004 wrong old password and 3005 KDC policy, with the KDC reasons relayed', async () => {
  const client = await loggedIn('codes-kdc');
  expectJson(await client.changePassword(fields('Wrong pw1!', NEW), 'json'), 3004, 403);

  await kdc.realm.addPolicy('codes-long', { minLength: 12 });
  await kdc.realm.kadmin(['modprinc -policy codes-long codes-kdc']);
  const refused = await client.changePassword(fields(OLD, NEW), 'json');
  expectJson(refused, 3005, 422);
  assert.deepEqual(refused.json().violations, [{ reason: 'too_short', min_length: 12 }]);
});

test('3006 account locked: the KDC locked it out after failed logins', async () => {
  await kdc.realm.addPolicy('codes-lockout', {
    maxFailure: 2,
    failureCountInterval: '10m',
    lockoutDuration: '10m',
  });
  const client = await loggedIn('codes-locked', { policy: 'codes-lockout' });
  const attacker = new Client(app);
  for (let i = 0; i < 2; i++) {
    const failed = await attacker.postLogin(
      'codes-locked',
      `Guess ${i}!`,
      await attacker.loginTicket(),
    );
    assert.equal(failed.statusCode, 401);
  }
  expectJson(await client.changePassword(fields(OLD, NEW), 'json'), 3006, 423);
});

test('3007 access denied: the principal was deleted after login', async () => {
  const client = await loggedIn('codes-gone');
  await kdc.realm.kadmin(['delprinc -force codes-gone']);
  expectJson(await client.changePassword(fields(OLD, NEW), 'json'), 3007, 403);
});

test('5001 KDC unavailable, 5002 outcome unknown, 5003 KDC error', async () => {
  const client = await loggedIn('codes-outage');
  const noKdc = await appWith(kdc.variant({ kdcPort: await kdc.closedPort() }));
  expectJson(
    await new Client(noKdc, client.jar).changePassword(fields(OLD, NEW), 'json'),
    5001,
    503,
  );

  const silent = await appWith(kdc.variant({ kpasswdPort: await kdc.blackHole() }));
  expectJson(
    await new Client(silent, client.jar).changePassword(fields(OLD, NEW), 'json'),
    5002,
    502,
  );

  const skewed = await appWith(kdc.variant({ clockOffsetMs: 3_600_000 }));
  expectJson(
    await new Client(skewed, client.jar).changePassword(fields(OLD, NEW), 'json'),
    5003,
    502,
  );
  const login = new Client(skewed);
  expectPage(await login.postLogin('codes-outage', OLD, await login.loginTicket()), 5003, 502);
});

test('5000 internal error: a backend that throws (injected fault)', async () => {
  const client = await loggedIn('codes-crash');
  const broken: PasswordBackend = {
    defaultRealm: kdc.backend.defaultRealm,
    login: (user, realm, password) => kdc.backend.login(user, realm, password),
    changePassword: async () => {
      throw new TypeError('injected fault');
    },
  };
  const crashing = await appWith(broken);
  const response = await new Client(crashing, client.jar).changePassword(fields(OLD, NEW), 'json');
  expectJson(response, 5000, 500);
  assert.doesNotMatch(response.body, /injected|TypeError|at /);
});

test('1007 cross-site, 1008 throttled, 2012 query too long', async () => {
  const client = await loggedIn('codes-guard');
  const crossSite = await client.request({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    payload: JSON.stringify(fields(OLD, NEW)),
  });
  expectJson(crossSite, 1007, 403);

  for (let i = 0; i < 3; i++) {
    expectJson(await client.changePassword(fields(`Wrong pw${i}!`, NEW), 'json'), 3004, 403);
  }
  const throttled = await client.changePassword(fields(OLD, NEW), 'json');
  expectJson(throttled, 1008, 429);
  assert.ok(Number(throttled.headers['retry-after']) > 0);

  const long = await client.request({ method: 'POST', url: `${PATH}?x=${'a'.repeat(11_000)}` });
  expectJson(long, 2012, 414);
});

test('5004 store unavailable: the shared Redis (a real redis-server) is stopped', async () => {
  const redis = await startRedis();
  const connection = await connectRedis({ url: redis.url });
  const shared = await buildApp({
    backend: kdc.backend,
    config: resolveServiceConfig({ store: 'redis', redisUrl: redis.url, logLevel: 'silent' }),
    store: new RedisSessionStore(connection, 'codes:'),
  });
  try {
    await kdc.realm.addPrincipal('codes-store', OLD);
    const client = new Client(shared);
    await client.logIn('codes-store', OLD);

    await redis.stop();
    const check = await client.request({ method: 'GET', url: '/web/v1/access/login_check' });
    expectJson(check, 5004, 503);
    expectPage(await new Client(shared).request({ method: 'GET', url: '/cas/login' }), 5004, 503);
  } finally {
    await shared.close();
    connection.disconnect();
    await redis.close();
  }
});

test('every code of the table was reached (reserved codes excepted)', () => {
  const expected = resultCodeRows()
    .filter(([, info]) => info.reserved !== true)
    .map(([, info]) => info.code);
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    expected.sort((a, b) => a - b),
  );
});
