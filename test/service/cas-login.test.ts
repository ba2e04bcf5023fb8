/**
 * CAS login through the real app (in-memory backend): the form and its login ticket, the
 * uniform failure, service URLs, service tickets, login_check, logout.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, ltOf, pageCodeOf, setCookiesOf } from './helpers/client.js';
import { testApp } from './helpers/app.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const PASSWORD = 'Old pass1!';

async function setup(config: Record<string, unknown> = {}) {
  const backend = new MemoryBackend()
    .add('alice', { password: PASSWORD })
    .add('locked', { password: PASSWORD, locked: true });
  const t = await testApp({ backend, config });
  return { ...t, backend, client: new Client(t.app) };
}

test(
  'GET /cas/login: a form with a login ticket ' + 'and an HttpOnly, SameSite=Lax CAS cookie',
  async () => {
    const { client } = await setup();
    const response = await client.request({ method: 'GET', url: '/cas/login' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.doesNotMatch(response.body, /<script|https?:\/\//);
    for (const field of ['username', 'password', 'lt', '_eventId', 'submit']) {
      assert.match(response.body, new RegExp(`name="${field}"`));
    }
    assert.match(ltOf(response.body), /^LT-[A-Za-z0-9_-]{43}$/);
    const [cookie] = setCookiesOf(response);
    assert.match(
      String(cookie),
      /^CASSESSION=[A-Za-z0-9_-]{43}; Path=\/cas; HttpOnly; SameSite=Lax$/,
    );
  },
);

test(
  'the documented flow: login, CASTGC, ' + 'redirect with a service ticket, login_check',
  async () => {
    const { client } = await setup();
    const lt = await client.loginTicket();
    const login = await client.postLogin('alice', PASSWORD, lt);
    assert.equal(login.statusCode, 302);
    assert.match(
      String(login.headers.location),
      /^http:\/\/localhost\/web\/cas_security_check\.htm\?ticket=ST-[A-Za-z0-9_-]{43}$/,
    );
    const tgc = setCookiesOf(login).find((c) => c.startsWith('CASTGC='));
    assert.match(String(tgc), /^CASTGC=TGT-[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);

    const check = await client.request({ method: 'GET', url: '/web/v1/access/login_check' });
    assert.equal(check.statusCode, 200);
    const session = setCookiesOf(check).find((c) => c.startsWith('JSESSIONID='));
    assert.match(
      String(session),
      /^JSESSIONID=[A-Za-z0-9_-]{43}; Path=\/web; HttpOnly; SameSite=Lax$/,
    );
    const body = check.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'error_code',
      'error_description',
      'exist_cluster',
      'id',
      'modify_pwd',
      'password_days_left',
      'password_expires',
      'ref_URL',
      'remind_pwd',
      'state',
      'token',
      'total_progress',
    ]);
    assert.equal(body.id, -1);
    assert.equal(body.modify_pwd, false);
    assert.equal(body.remind_pwd, false);
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);

    // A second login_check with the web session answers for the same session.
    const again = await client.loginCheck();
    assert.equal(again['token'], body.token);
  },
);

test('user@REALM and the default realm name the same principal', async () => {
  const { client, backend } = await setup();
  const login = await client.postLogin('alice@EXAMPLE.TEST', PASSWORD, await client.loginTicket());
  assert.equal(login.statusCode, 302);
  assert.deepEqual(backend.calls, ['login alice@EXAMPLE.TEST']);
});

test('wrong password, unknown user, locked account: one answer, distinct audit lines', async () => {
  const { client, log } = await setup();
  const answers = [];
  for (const [user, password] of [
    ['alice', 'wrong'],
    ['nobody', PASSWORD],
    ['locked', PASSWORD],
  ] as const) {
    const response = await client.postLogin(user, password, await client.loginTicket());
    answers.push({
      status: response.statusCode,
      body: response.body.replace(/LT-[A-Za-z0-9_-]{43}/, 'LT'),
      cookies: setCookiesOf(response),
      lt: ltOf(response.body),
    });
  }
  assert.equal(answers[0]?.status, 401);
  assert.equal(pageCodeOf(answers[0]?.body ?? ''), 1003);
  assert.deepEqual(answers[1], { ...answers[0], lt: answers[1]?.lt });
  assert.deepEqual(answers[2], { ...answers[0], lt: answers[2]?.lt });
  assert.notEqual(answers[0]?.lt, answers[1]?.lt);

  const kinds = log
    .entries()
    .filter((e) => e['event'] === 'login')
    .map((e) => [e['user'], e['outcome'], e['kind']]);
  assert.deepEqual(kinds, [
    ['alice', 'failure', 'wrong_password'],
    ['nobody', 'failure', 'unknown_user'],
    ['locked', 'failure', 'locked'],
  ]);
});

test(
  'a user name with an empty part, or @ or ' + '\\ in the user, fails like a wrong password',
  async () => {
    const { client, backend, log } = await setup();
    const wrong = await client.postLogin('alice', 'wrong', await client.loginTicket());
    for (const name of ['@', 'alice@', '@EXAMPLE.TEST', 'a@b@EXAMPLE.TEST', 'a\\b']) {
      const response = await client.postLogin(name, PASSWORD, await client.loginTicket());
      assert.equal(response.statusCode, wrong.statusCode);
      const strip = (html: string) => html.replace(/LT-[A-Za-z0-9_-]{43}/, 'LT');
      assert.equal(strip(response.body), strip(wrong.body));
    }
    assert.deepEqual(backend.calls, ['login alice@EXAMPLE.TEST']);
    const kinds = log
      .entries()
      .filter((e) => e['event'] === 'login')
      .map((e) => e['kind']);
    assert.deepEqual(kinds, ['wrong_password', ...Array(5).fill('invalid_user_name')]);
  },
);

test('a login ticket works once, only with its CAS session, and expires', async () => {
  const { client, app, advance } = await setup();
  const lt = await client.loginTicket();
  const failed = await client.postLogin('alice', 'wrong', lt);
  assert.equal(failed.statusCode, 401);

  // The same lt again, even with the right password: consumed by the failure.
  const reused = await client.postLogin('alice', PASSWORD, lt);
  assert.equal(reused.statusCode, 400);
  assert.equal(pageCodeOf(reused.body), 1004);

  // Another client's lt, or an lt without the CAS cookie.
  const other = new Client(app);
  const foreign = await client.postLogin('alice', PASSWORD, await other.loginTicket());
  assert.equal(pageCodeOf(foreign.body), 1004);
  const cookieless = new Client(app);
  const orphan = await cookieless.loginTicket();
  cookieless.jar.clear();
  assert.equal(pageCodeOf((await cookieless.postLogin('alice', PASSWORD, orphan)).body), 1004);
  assert.equal(pageCodeOf((await client.postLogin('alice', PASSWORD, 'LT-unknown')).body), 1004);

  // Expired after loginTicketSeconds (600 s by default).
  const late = await client.loginTicket();
  advance(601_000);
  assert.equal(pageCodeOf((await client.postLogin('alice', PASSWORD, late)).body), 1004);

  // A fresh one works.
  assert.equal(
    (await client.postLogin('alice', PASSWORD, await client.loginTicket())).statusCode,
    302,
  );
});

test('a repeated lt is consumed and refused', async () => {
  const { client } = await setup();
  const lt = await client.loginTicket();
  const response = await client.request({
    method: 'POST',
    url: '/cas/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `username=alice&password=${encodeURIComponent(PASSWORD)}&lt=${lt}&lt=${lt}`,
  });
  assert.equal(pageCodeOf(response.body), 1004);
  assert.equal(pageCodeOf((await client.postLogin('alice', PASSWORD, lt)).body), 1004);
});

test('a service URL the configuration does not allow is refused, before any login', async () => {
  const { client, backend } = await setup();
  for (const service of [
    'https://evil.example/web/cas_security_check.htm',
    '//evil.example/web/cas_security_check.htm',
    'http://localhost/web/other',
    'http://user:pw@localhost/web/cas_security_check.htm',
    'javascript:alert(1)',
  ]) {
    const get = await client.request({
      method: 'GET',
      url: `/cas/login?service=${encodeURIComponent(service)}`,
    });
    assert.equal(get.statusCode, 403, service);
    assert.equal(pageCodeOf(get.body), 1005);
    const post = await client.postLogin('alice', PASSWORD, await client.loginTicket(), service);
    assert.equal(post.statusCode, 403, service);
    assert.equal(pageCodeOf(post.body), 1005);
  }
  assert.deepEqual(backend.calls, []);
});

test('configured services are allowed, with their query kept', async () => {
  const allowed = 'https://app.example:8443/web/cas_security_check.htm';
  const { client } = await setup({ allowedServices: [allowed] });
  const form = await client.request({ method: 'GET', url: '/cas/login' });
  // Browsers apply form-action to the redirect that follows the post.
  assert.match(
    String(form.headers['content-security-policy']),
    /form-action 'self' https:\/\/app\.example:8443;/,
  );
  const login = await client.postLogin(
    'alice',
    PASSWORD,
    await client.loginTicket(),
    `${allowed}?lang=en`,
  );
  assert.equal(login.statusCode, 302);
  assert.match(
    String(login.headers.location),
    /^https:\/\/app\.example:8443\/web\/cas_security_check\.htm\?lang=en&ticket=ST-/,
  );
});

test('service tickets: single use, short-lived, bound to this service', async () => {
  const allowed = 'https://app.example/web/cas_security_check.htm';
  const { client, advance } = await setup({ allowedServices: [allowed] });

  const login = await client.postLogin('alice', PASSWORD, await client.loginTicket());
  const location = new URL(String(login.headers.location));
  const url = `${location.pathname}${location.search}`;
  const first = await client.request({ method: 'GET', url });
  assert.equal(first.statusCode, 302);
  assert.equal(first.headers.location, '/web/');
  assert.ok(setCookiesOf(first).some((c) => c.startsWith('JSESSIONID=')));
  const second = await client.request({ method: 'GET', url });
  assert.equal(second.statusCode, 401);
  assert.equal(second.json().int_result_code, 1006);

  // A ticket issued for another (allowed) service cannot open a session here.
  const sso = await client.request({
    method: 'GET',
    url: `/cas/login?service=${encodeURIComponent(allowed)}`,
  });
  assert.equal(sso.statusCode, 302, 'a live CASTGC gives a ticket without the form');
  const foreign = new URL(String(sso.headers.location)).search;
  const refused = await client.request({
    method: 'GET',
    url: `/web/cas_security_check.htm${foreign}`,
  });
  assert.equal(refused.json().int_result_code, 1006);

  // Expired after serviceTicketSeconds (60 s by default).
  const again = await client.request({
    method: 'GET',
    url: '/cas/login?service=%2Fweb%2Fcas_security_check.htm',
  });
  const late = new URL(String(again.headers.location));
  advance(61_000);
  const expired = await client.request({ method: 'GET', url: `${late.pathname}${late.search}` });
  assert.equal(expired.json().int_result_code, 1006);
});

test('the browser path: ticket check, then the web home', async () => {
  const { client } = await setup();
  const home = await client.request({ method: 'GET', url: '/web/' });
  assert.equal(home.statusCode, 302);
  assert.match(String(home.headers.location), /^\/cas\/login\?service=/);

  const login = await client.postLogin('alice', PASSWORD, await client.loginTicket());
  const location = new URL(String(login.headers.location));
  await client.request({ method: 'GET', url: `${location.pathname}${location.search}` });
  const page = await client.request({ method: 'GET', url: '/web/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /alice@EXAMPLE\.TEST/);
});

test('login_check without a session or CASTGC: 401 in the result shape', async () => {
  const { client } = await setup();
  const response = await client.request({ method: 'GET', url: '/web/v1/access/login_check' });
  assert.equal(response.statusCode, 401);
  assert.deepEqual(response.json(), {
    int_result_code: 1001,
    result_desc: 'No valid session: not logged in, logged out, or the session expired.',
    reason: 'not_logged_in',
  });
});

test('web sessions end after the idle time and after the maximum age', async () => {
  const { client, advance } = await setup({
    webSessionIdleSeconds: 600,
    webSessionMaxSeconds: 1000,
  });
  await client.logIn('alice', PASSWORD);
  client.jar.delete('CASTGC');
  advance(500_000);
  await client.loginCheck();
  advance(500_000);
  const old = await client.request({ method: 'GET', url: '/web/v1/access/login_check' });
  assert.equal(old.statusCode, 401, 'past the maximum age');

  const fresh = await setup({ webSessionIdleSeconds: 600 });
  await fresh.client.logIn('alice', PASSWORD);
  fresh.client.jar.delete('CASTGC');
  fresh.advance(601_000);
  const idle = await fresh.client.request({ method: 'GET', url: '/web/v1/access/login_check' });
  assert.equal(idle.statusCode, 401, 'past the idle time');
});

test('the password expiry reminder and must-change flags', async () => {
  const day = 86_400_000;
  const backend = new MemoryBackend()
    .add('soon', { password: PASSWORD, passwordExpires: new Date(Date.now() + 3 * day - 1000) })
    .add('later', { password: PASSWORD, passwordExpires: new Date(Date.now() + 30 * day) })
    .add('must', { password: PASSWORD, mustChange: true });
  const { app } = await testApp({ backend, config: { remindDays: 7 } });

  const soon = await new Client(app).logIn('soon', PASSWORD);
  assert.equal(soon['remind_pwd'], true);
  assert.equal(soon['modify_pwd'], false);
  assert.equal(soon['password_days_left'], 3);
  assert.match(String(soon['password_expires']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const later = await new Client(app).logIn('later', PASSWORD);
  assert.equal(later['remind_pwd'], false);
  assert.equal(later['password_days_left'], 30);

  const must = await new Client(app).logIn('must', PASSWORD);
  assert.equal(must['modify_pwd'], true);
  assert.equal(must['remind_pwd'], false);
});

test('logout_action ends the web session and names the CAS logout', async () => {
  const { client, log } = await setup();
  await client.logIn('alice', PASSWORD);
  const session = client.jar.get('JSESSIONID');
  client.jar.delete('CASTGC');
  const head = await client.request({ method: 'HEAD', url: '/web/v1/logout_action' });
  assert.equal(head.statusCode, 405, 'HEAD has no effect');
  const still = await client.request({ method: 'GET', url: '/web/v1/access/login_check' });
  assert.equal(still.statusCode, 200, 'the session survived the HEAD');
  const out = await client.request({
    method: 'GET',
    url: '/web/v1/logout_action?is_timeout_logout=true',
  });
  assert.equal(out.statusCode, 200);
  assert.deepEqual(out.json(), {
    int_result_code: 0,
    result_desc: 'Logged out.',
    reason: 'success',
    logout_url: '/cas/logout',
  });
  const after = await client.request({
    method: 'GET',
    url: '/web/v1/access/login_check',
    headers: { cookie: `JSESSIONID=${session}` },
  });
  assert.equal(after.statusCode, 401);

  const other = new Client(client.app);
  await other.logIn('alice', PASSWORD);
  await other.request({ method: 'GET', url: '/web/v1/logout_action?is_timeout_logout=false' });
  const causes = log
    .entries()
    .filter((e) => e['event'] === 'logout')
    .map((e) => e['cause']);
  assert.deepEqual(causes, ['timeout', 'manual']);
});

test('POST /cas/logout ends the CASTGC and the web sessions created from it', async () => {
  const { app } = await setup();
  const browser = new Client(app);
  await browser.logIn('alice', PASSWORD);
  const tgc = browser.jar.get('CASTGC');

  // A second web session from the same CASTGC, and one from another login.
  const sibling = new Client(app);
  sibling.jar.set('CASTGC', String(tgc));
  await sibling.loginCheck();
  sibling.jar.delete('CASTGC');
  const elsewhere = new Client(app);
  await elsewhere.logIn('alice', PASSWORD);
  elsewhere.jar.delete('CASTGC');

  const out = await browser.request({ method: 'POST', url: '/cas/logout' });
  assert.equal(out.statusCode, 200);
  assert.ok(setCookiesOf(out).some((c) => /^CASTGC=;.*Max-Age=0/.test(c)));

  const checks = await Promise.all(
    [browser, sibling, elsewhere].map((c) =>
      c.request({ method: 'GET', url: '/web/v1/access/login_check' }),
    ),
  );
  assert.deepEqual(
    checks.map((r) => r.statusCode),
    [401, 401, 200],
  );
  const replay = await app.inject({
    method: 'GET',
    url: '/web/v1/access/login_check',
    headers: { cookie: `CASTGC=${tgc}` },
  });
  assert.equal(replay.statusCode, 401);

  const page = await browser.request({ method: 'GET', url: '/cas/logout' });
  assert.match(page.body, /<form method="post" action="\/cas\/logout">/);
});

test('ids rotate at login: a CASTGC sent with the login is replaced and ended', async () => {
  const { client, app } = await setup();
  await client.logIn('alice', PASSWORD);
  const before = client.jar.get('CASTGC');
  await client.postLogin('alice', PASSWORD, await client.loginTicket());
  const after = client.jar.get('CASTGC');
  assert.notEqual(after, before);
  const old = await app.inject({
    method: 'GET',
    url: '/web/v1/access/login_check',
    headers: { cookie: `CASTGC=${before}` },
  });
  assert.equal(old.statusCode, 401);
});

test('cookies are Secure when the request came over TLS (behind a trusted proxy)', async () => {
  const { client } = await setup({ trustProxy: true });
  const response = await client.request({
    method: 'GET',
    url: '/cas/login',
    headers: { 'x-forwarded-proto': 'https' },
  });
  assert.match(String(setCookiesOf(response)[0]), /; Secure/);
  const plain = await (await setup()).client.request({ method: 'GET', url: '/cas/login' });
  assert.doesNotMatch(String(setCookiesOf(plain)[0]), /Secure/);
});

test('a KDC outage at login is told apart (it reveals nothing about the account)', async () => {
  const { client, backend, log } = await setup();
  backend.loginFailure = 'kdc_unavailable';
  const down = await client.postLogin('alice', PASSWORD, await client.loginTicket());
  assert.equal(down.statusCode, 503);
  assert.equal(pageCodeOf(down.body), 5001);
  const warned = log.entries().find((e) => e['event'] === 'kdc_trouble');
  assert.equal(warned?.['kind'], 'kdc_unavailable', 'the operator is told at warn level');
  assert.equal(warned?.['level'], 40);
  backend.loginFailure = 'clock_skew';
  const skew = await client.postLogin('alice', PASSWORD, await client.loginTicket());
  assert.equal(skew.statusCode, 502);
  assert.equal(pageCodeOf(skew.body), 5003);
});

test('login form problems: missing fields, JSON instead of a form, bad encoding', async () => {
  const { client } = await setup();
  const missing = await client.request({
    method: 'POST',
    url: '/cas/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `username=alice&lt=${await client.loginTicket()}`,
  });
  assert.equal(missing.statusCode, 400);
  assert.equal(pageCodeOf(missing.body), 2001);
  const json = await client.request({
    method: 'POST',
    url: '/cas/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"username":"alice"}',
  });
  assert.equal(json.statusCode, 415);
  assert.equal(pageCodeOf(json.body), 2007);
  const bad = await client.request({
    method: 'POST',
    url: '/cas/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'username=%E4&password=x&lt=y',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(pageCodeOf(bad.body), 2005);
});

test('GET /healthz', async () => {
  const { app } = await setup();
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { status: 'ok' });
});
