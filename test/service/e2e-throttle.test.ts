/**
 * Throttling, end to end against a real MIT KDC whose policy locks a principal after 5
 * failures: the service's limit of 3 wrong passwords per user engages first, so the 4th
 * attempt never reaches the KDC and the principal is never locked. A KDC that cannot be
 * reached does not count; the per-address limit stops guessing across many users.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { testApp, type TestApp } from './helpers/app.js';
import { Client, pageCodeOf } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';
import { WatchedBackend } from './helpers/watched-backend.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';
const WINDOW_MS = 15 * 60 * 1000;

let kdc: RealKdc;
let backend: WatchedBackend;
let store: MemorySessionStore;
let main: TestApp;
let app: FastifyInstance;
const extraApps: FastifyInstance[] = [];

before(async () => {
  kdc = await startRealKdc();
  await kdc.realm.addPolicy('lockout5', {
    maxFailure: 5,
    failureCountInterval: '15m',
    lockoutDuration: '15m',
  });
  backend = new WatchedBackend(kdc.backend);
  let offset = 0;
  store = new MemorySessionStore(() => Date.now() + offset);
  main = await testApp({ backend, store, config: { throttleUserFailures: 3 } });
  const advance = main.advance;
  main = { ...main, advance: (ms) => ((offset += ms), advance(ms)) };
  app = main.app;
});

after(async () => {
  await Promise.all(extraApps.map((extra) => extra.close()));
  await app.close();
  await kdc.stop();
});

function expectThrottledPage(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 429, response.body);
  assert.equal(pageCodeOf(response.body), 1008);
  const wait = Number(response.headers['retry-after']);
  assert.ok(wait > 0 && wait <= WINDOW_MS / 1000, `Retry-After ${wait}`);
}

async function failLogin(client: Client, user: string, password: string): Promise<number> {
  const response = await client.postLogin(user, password, await client.loginTicket());
  return response.statusCode;
}

test(
  'wrong logins: the 4th attempt is throttled ' +
    'before the KDC locks the principal (maxfailure 5)',
  async () => {
    await kdc.realm.addPrincipal('guard-login', OLD, { policy: 'lockout5' });
    const attacker = new Client(app);
    for (let i = 0; i < 3; i++)
      assert.equal(await failLogin(attacker, 'guard-login', `Guess ${i}!`), 401);

    for (let i = 3; i < 10; i++) {
      expectThrottledPage(
        await attacker.postLogin('guard-login', `Guess ${i}!`, await attacker.loginTicket()),
      );
    }
    // Even the right password waits: the service cannot tell who is typing.
    expectThrottledPage(await attacker.postLogin('GUARD-LOGIN', OLD, await attacker.loginTicket()));
    assert.equal(backend.logins.get('guard-login'), 3, 'only 3 attempts reached the KDC');

    assert.equal(
      await kdc.realm.kinit('guard-login', OLD),
      true,
      'the KDC did not lock the principal',
    );
    const status = await kdc.realm.kadmin(['getprinc guard-login']);
    assert.doesNotMatch(status, /Failed password attempts: [5-9]/);

    main.advance(WINDOW_MS + 1000);
    assert.equal((await new Client(app).logIn('guard-login', OLD))['modify_pwd'], false);
  },
);

test('wrong old passwords count too; a throttled change makes no KDC call', async () => {
  await kdc.realm.addPrincipal('guard-change', OLD, { policy: 'lockout5' });
  const user = new Client(app);
  await user.logIn('guard-change', OLD);
  const change = (old: string) => ({ old_password: old, new_password: NEW, confirm_password: NEW });
  for (let i = 0; i < 3; i++) {
    const wrong = await user.changePassword(change(`Wrong pw${i}!`), 'json');
    assert.equal(wrong.json().int_result_code, 3004, wrong.body);
  }
  const throttled = await user.changePassword(change(OLD), 'json');
  assert.equal(throttled.statusCode, 429);
  const body = throttled.json();
  assert.equal(body.int_result_code, 1008);
  assert.equal(body.reason, 'throttled');
  assert.equal(body.retry_after, Number(throttled.headers['retry-after']));
  assert.ok(body.retry_after > 0 && body.retry_after <= 900);
  assert.equal(backend.changes.get('guard-change'), 3);

  // Logins of the same user are held back by the same count.
  const other = new Client(app);
  expectThrottledPage(await other.postLogin('guard-change', OLD, await other.loginTicket()));
  assert.equal(await kdc.realm.kinit('guard-change', OLD), true, 'not locked');

  main.advance(WINDOW_MS + 1000);
  const later = await user.changePassword(change(OLD), 'json');
  assert.equal(later.statusCode, 200, later.body);
  assert.equal(await kdc.realm.kinit('guard-change', NEW), true);
});

test('parallel guesses cannot slip past the limit', async () => {
  await kdc.realm.addPrincipal('guard-burst', OLD, { policy: 'lockout5' });
  const clients = await Promise.all(
    Array.from({ length: 12 }, async () => {
      const client = new Client(app);
      return { client, lt: await client.loginTicket() };
    }),
  );
  const answers = await Promise.all(
    clients.map(({ client, lt }, i) => client.postLogin('guard-burst', `Burst ${i}!`, lt)),
  );
  const statuses = answers.map((a) => a.statusCode).sort();
  assert.deepEqual(statuses, [...Array(3).fill(401), ...Array(9).fill(429)]);
  assert.equal(backend.logins.get('guard-burst'), 3);
  assert.equal(await kdc.realm.kinit('guard-burst', OLD), true);
});

test('a KDC that cannot be reached does not count toward the throttle', async () => {
  await kdc.realm.addPrincipal('guard-outage', OLD, { policy: 'lockout5' });
  const down = (await testApp({ backend: kdc.variant({ kdcPort: await kdc.closedPort() }), store }))
    .app;
  extraApps.push(down);
  const client = new Client(down);
  for (let i = 0; i < 6; i++) {
    const response = await client.postLogin(
      'guard-outage',
      `Guess ${i}!`,
      await client.loginTicket(),
    );
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(pageCodeOf(response.body), 5001);
  }
  const user = new Client(app);
  for (let i = 0; i < 3; i++)
    assert.equal(await failLogin(user, 'guard-outage', `Guess ${i}!`), 401);
  expectThrottledPage(await user.postLogin('guard-outage', OLD, await user.loginTicket()));
});

test(
  'a right password clears the count; a ' + 'per-address limit stops guessing across users',
  async () => {
    await kdc.realm.addPrincipal('guard-reset', OLD, { policy: 'lockout5' });
    const user = new Client(app);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++)
        assert.equal(await failLogin(user, 'guard-reset', `Typo ${i}!`), 401);
      const ok = await user.postLogin('guard-reset', OLD, await user.loginTicket());
      assert.equal(ok.statusCode, 302, 'the count was cleared by the right password');
    }

    const guarded = await testApp({
      backend,
      config: { throttleAddressFailures: 4, throttleUserFailures: 3 },
    });
    extraApps.push(guarded.app);
    const sprayer = new Client(guarded.app);
    const names = ['spray-a', 'spray-b', 'spray-c', 'spray-d', 'spray-e'];
    for (const name of names) await kdc.realm.addPrincipal(name, OLD);
    for (const name of names.slice(0, 4))
      assert.equal(await failLogin(sprayer, name, 'Spring2026!'), 401);
    const fifth = await sprayer.postLogin('spray-e', 'Spring2026!', await sprayer.loginTicket());
    expectThrottledPage(fifth);
    assert.equal(backend.logins.get('spray-e') ?? 0, 0, 'the KDC was not asked');

    const elsewhere = await sprayer.request({
      method: 'GET',
      url: '/cas/login',
      remoteAddress: '127.0.0.2',
    });
    const lt = /name="lt" value="([^"]+)"/.exec(elsewhere.body)?.[1] ?? '';
    const fromAnother = await sprayer.request({
      method: 'POST',
      url: '/cas/login',
      remoteAddress: '127.0.0.2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'spray-e', password: OLD, lt }).toString(),
    });
    assert.equal(fromAnother.statusCode, 302, 'another address is not held back');
  },
);
