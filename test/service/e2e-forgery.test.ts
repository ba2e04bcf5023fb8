/**
 * Cross-site request forgery, end to end against a real MIT KDC: a page of another site can
 * neither log a victim in nor change a password nor log them out, whatever cookies the
 * browser attaches; a same-origin browser must send login_check's token; the documented
 * curl-style flow (no Origin, no Sec-Fetch-*) works unchanged.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { testApp } from './helpers/app.js';
import { Client, pageCodeOf, setCookiesOf } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';
import { WatchedBackend } from './helpers/watched-backend.js';

const PATH = '/web/v1/access/modify_self_password';
const OLD = 'Old pass1!';
const NEW = 'New pass2@';
/** What app.inject's requests are addressed to (Host: localhost:80). */
const SELF = 'http://localhost';
const EVIL = 'https://evil.example';

/** What a browser adds to a form post or fetch from a page of another site. */
const CROSS_SITE_FORM = {
  origin: EVIL,
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
};
const CROSS_SITE_FETCH = { origin: EVIL, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' };
const SAME_ORIGIN_FETCH = {
  origin: SELF,
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'cors',
};

let kdc: RealKdc;
let backend: WatchedBackend;
let app: FastifyInstance;

before(async () => {
  kdc = await startRealKdc();
  backend = new WatchedBackend(kdc.backend);
  ({ app } = await testApp({ backend, fakeClock: false }));
});

after(async () => {
  await app.close();
  await kdc.stop();
});

const change = { old_password: OLD, new_password: NEW, confirm_password: NEW };

function post(client: Client, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return client.request({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(change),
  });
}

function expect1007(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 403, response.body);
  const code = response.body.startsWith('{')
    ? response.json().int_result_code
    : pageCodeOf(response.body);
  assert.equal(code, 1007, response.body);
}

test('a cross-site form post cannot log anyone in, even with the cookies attached', async () => {
  await kdc.realm.addPrincipal('forge-login', OLD);
  const victim = new Client(app);
  const attempts: Array<Record<string, string>> = [
    CROSS_SITE_FORM,
    { origin: EVIL },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' },
  ];
  for (const headers of attempts) {
    const lt = await victim.loginTicket();
    const response = await victim.postLogin('forge-login', OLD, lt, undefined, headers);
    expect1007(response);
    assert.equal(victim.jar.has('CASTGC'), false, 'no single sign-on session was started');
  }
  assert.equal(backend.logins.get('forge-login') ?? 0, 0, 'the KDC was never asked');

  const sameOrigin = { origin: SELF, 'sec-fetch-site': 'same-origin' };
  const browser = await victim.postLogin(
    'forge-login',
    OLD,
    await victim.loginTicket(),
    undefined,
    sameOrigin,
  );
  assert.equal(browser.statusCode, 302, 'a same-origin form post logs in');
  // Chromium under Referrer-Policy no-referrer: "Origin: null" on its own form post.
  const privacy = { origin: 'null', 'sec-fetch-site': 'same-origin' };
  const lt = await victim.loginTicket();
  const nullOrigin = await victim.postLogin('forge-login', OLD, lt, undefined, privacy);
  assert.equal(nullOrigin.statusCode, 302, 'Origin null with Sec-Fetch-Site same-origin');
  const curl = new Client(app);
  assert.equal((await curl.logIn('forge-login', OLD))['modify_pwd'], false, 'curl-style too');
});

test('a cross-site fetch cannot change the password of a logged-in victim', async () => {
  await kdc.realm.addPrincipal('forge-change', OLD);
  const victim = new Client(app);
  const { token } = await victim.logIn('forge-change', OLD);

  // The attacker cannot read the token; sending it anyway changes nothing.
  expect1007(await post(victim, CROSS_SITE_FETCH));
  expect1007(await post(victim, { ...CROSS_SITE_FETCH, 'x-kerbside-token': String(token) }));
  expect1007(await post(victim, { origin: EVIL }));
  expect1007(await post(victim, { 'sec-fetch-site': 'same-site' }));
  const form = await victim.request({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...CROSS_SITE_FORM },
    payload: new URLSearchParams(change).toString(),
  });
  expect1007(form);

  assert.equal(backend.changes.get('forge-change') ?? 0, 0, 'the KDC was never asked');
  assert.equal(await kdc.realm.kinit('forge-change', OLD), true, 'the password is unchanged');
});

test('a same-origin browser must send the token; with it the change goes through', async () => {
  await kdc.realm.addPrincipal('forge-token', OLD);
  const user = new Client(app);
  const { token } = await user.logIn('forge-token', OLD);
  assert.match(String(token), /^[A-Za-z0-9_-]{43}$/);

  expect1007(await post(user, SAME_ORIGIN_FETCH));
  expect1007(await post(user, { ...SAME_ORIGIN_FETCH, 'x-kerbside-token': 'guess' }));
  expect1007(await post(user, { origin: SELF }));
  expect1007(await post(user, { 'sec-fetch-site': 'none', 'x-kerbside-token': 'x'.repeat(5000) }));
  assert.equal(backend.changes.get('forge-token') ?? 0, 0);

  const ok = await post(user, { ...SAME_ORIGIN_FETCH, 'x-kerbside-token': String(token) });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(await kdc.realm.kinit('forge-token', NEW), true);

  const next = await user.loginCheck();
  assert.notEqual(next['token'], token, 'the token rotates with the session after a change');
});

test(
  'curl-style requests (no Origin, no ' + 'Sec-Fetch-*) change the password without a token',
  async () => {
    await kdc.realm.addPrincipal('forge-curl', OLD);
    const curl = new Client(app);
    await curl.logIn('forge-curl', OLD);
    const response = await post(curl, {});
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(await kdc.realm.kinit('forge-curl', NEW), true);

    // Node's fetch sends Sec-Fetch-Mode alone; it is a script, not a browser.
    await kdc.realm.addPrincipal('forge-node', OLD);
    const node = new Client(app);
    await node.logIn('forge-node', OLD);
    const fetchLike = await post(node, { 'sec-fetch-mode': 'cors' });
    assert.equal(fetchLike.statusCode, 200, fetchLike.body);
  },
);

test('a cross-site post cannot log a victim out; SameSite and HttpOnly are set', async () => {
  await kdc.realm.addPrincipal('forge-logout', OLD);
  const victim = new Client(app);
  await victim.logIn('forge-logout', OLD);
  expect1007(
    await victim.request({ method: 'POST', url: '/cas/logout', headers: CROSS_SITE_FORM }),
  );
  const still = await victim.request({ method: 'GET', url: '/web/v1/access/current_user' });
  assert.equal(still.statusCode, 200, 'the session is alive');

  const out = await victim.request({
    method: 'POST',
    url: '/cas/logout',
    headers: { origin: SELF, 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(out.statusCode, 200);

  const fresh = new Client(app);
  await fresh.loginTicket();
  const login = await fresh.postLogin('forge-logout', OLD, await fresh.loginTicket());
  const cookies = [...setCookiesOf(login)];
  assert.ok(cookies.length > 0);
  for (const cookie of cookies) {
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
  }
});
