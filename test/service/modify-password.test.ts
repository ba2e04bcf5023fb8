/**
 * modify_self_password through the real app with the in-memory backend: the three
 * encodings, the order of checks, every refusal, and what happens to sessions.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, type Encoding, type PasswordChange } from './helpers/client.js';
import { testApp } from './helpers/app.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const PATH = '/web/v1/access/modify_self_password';
const OLD = 'Old pass1!';
const NEW = 'New pass2@';
const ENCODINGS: readonly Encoding[] = ['query', 'json', 'form'];

async function loggedIn(user: { mustChange?: boolean } = {}) {
  const backend = new MemoryBackend().add('alice', { password: OLD, ...user });
  const t = await testApp({ backend });
  const client = new Client(t.app);
  await client.logIn('alice', OLD);
  return { ...t, backend, client };
}

const change = (
  oldPassword: string,
  newPassword: string,
  confirm = newPassword,
): PasswordChange => ({
  old_password: oldPassword,
  new_password: newPassword,
  confirm_password: confirm,
});

async function expectCode(
  response: { statusCode: number; json: () => Record<string, unknown> },
  code: number,
  status: number,
): Promise<Record<string, unknown>> {
  const body = response.json();
  assert.equal(body['int_result_code'], code, JSON.stringify(body));
  assert.equal(response.statusCode, status);
  assert.equal(typeof body['result_desc'], 'string');
  return body;
}

for (const encoding of ENCODINGS) {
  test(
    `a change with the fields in the ` + `${encoding}: new password works, old does not`,
    async () => {
      const { client, backend } = await loggedIn();
      const response = await client.changePassword(change(OLD, NEW), encoding);
      const body = await expectCode(response, 0, 200);
      assert.equal(body['reason'], 'success');
      assert.equal((await backend.login('alice', 'EXAMPLE.TEST', NEW)).ok, true);
      assert.equal((await backend.login('alice', 'EXAMPLE.TEST', OLD)).ok, false);
    },
  );
}

for (const encoding of ENCODINGS) {
  test(
    `a password with + & = % spaces and ` + `non-ASCII letters survives the ${encoding}`,
    async () => {
      const tricky = ' a+b&c=d%2B%e 中文 Ünï +';
      const { client, backend } = await loggedIn();
      const response = await client.changePassword(change(OLD, `Aa1${tricky}`), encoding);
      await expectCode(response, 0, 200);
      assert.equal((await backend.login('alice', 'EXAMPLE.TEST', `Aa1${tricky}`)).ok, true);
    },
  );
}

test('no session: 401 not_logged_in, checked before the body', async () => {
  const { app } = await testApp();
  const anonymous = new Client(app);
  await expectCode(await anonymous.changePassword(change(OLD, NEW), 'json'), 1001, 401);
  const malformed = await anonymous.request({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/json' },
    payload: '{"old_password":',
  });
  await expectCode(malformed, 1001, 401);
});

test('field problems: missing, wrong type, too long, ambiguous', async () => {
  const { client } = await loggedIn();
  const post = (url: string, type?: string, payload?: string) =>
    client.request({
      method: 'POST',
      url,
      ...(type === undefined ? {} : { headers: { 'content-type': type } }),
      ...(payload === undefined ? {} : { payload }),
    });

  const missing = await expectCode(await post(`${PATH}?old_password=x`), 2001, 400);
  assert.deepEqual(missing['fields'], ['new_password', 'confirm_password']);

  const typed = await post(
    PATH,
    'application/json',
    JSON.stringify({ ...change(OLD, NEW), old_password: 7 }),
  );
  assert.deepEqual((await expectCode(typed, 2002, 400))['fields'], ['old_password']);

  const long = 'x'.repeat(1024);
  const tooLong = await client.changePassword(change(OLD, long), 'form');
  const body = await expectCode(tooLong, 2003, 400);
  assert.equal(body['max_bytes'], 1023);

  const q = new URLSearchParams({ ...change(OLD, NEW) }).toString();
  await expectCode(await post(`${PATH}?${q}&new_password=a`), 2004, 400);
  await expectCode(
    await post(
      `${PATH}?old_password=x`,
      'application/json',
      JSON.stringify({ new_password: NEW, confirm_password: NEW }),
    ),
    2004,
    400,
  );
  await expectCode(
    await post(
      PATH,
      'application/json',
      JSON.stringify({ ...change(OLD, NEW), new_password: [NEW] }),
    ),
    2004,
    400,
  );
  await expectCode(
    await post(
      PATH,
      'application/json',
      `{"old_password":"${OLD}","new_password":"a",` +
        `"new_password":"${NEW}","confirm_password":"${NEW}"}`,
    ),
    2004,
    400,
  );
  await expectCode(
    await post(
      `${PATH}?old_password=x`,
      'application/x-www-form-urlencoded',
      `new_password=${NEW}&confirm_password=${NEW}`,
    ),
    2004,
    400,
  );
});

test('encoding problems: bad escapes, invalid UTF-8, lone surrogates, charset', async () => {
  const { client } = await loggedIn();
  const form = 'application/x-www-form-urlencoded';
  const json = 'application/json';
  const cases: Array<[string, string | undefined, string | Buffer | undefined, number, number]> = [
    [`${PATH}?old_password=%G1&new_password=a&confirm_password=a`, undefined, undefined, 2005, 400],
    [PATH, form, 'old_password=%FF%FE&new_password=a&confirm_password=a', 2005, 400],
    [PATH, json, Buffer.from([0x7b, 0x22, 0xc3, 0x22, 0x3a, 0x31, 0x7d]), 2005, 400],
    [PATH, json, '{"old_password":"\\ud800","new_password":"a","confirm_password":"a"}', 2005, 400],
    [PATH, `${form}; charset=iso-8859-1`, 'old_password=a', 2007, 415],
  ];
  for (const [url, type, payload, code, status] of cases) {
    const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
    const request = { method: 'POST' as const, url, headers, ...(payload && { payload }) };
    await expectCode(await client.request(request), code, status);
  }
});

test('body problems: malformed JSON, non-object JSON, unknown type, too large', async () => {
  const { client } = await loggedIn();
  const post = (type: string, payload: string) =>
    client.request({ method: 'POST', url: PATH, headers: { 'content-type': type }, payload });
  await expectCode(await post('application/json', '{"old_password": "x'), 2006, 400);
  await expectCode(await post('application/json', '["x"]'), 2006, 400);
  await expectCode(await post('text/plain', 'old_password=x'), 2007, 415);
  await expectCode(await post('multipart/form-data; boundary=x', '--x--'), 2007, 415);
  await expectCode(
    await post('application/json', `{"old_password":"${'x'.repeat(20_000)}"}`),
    2008,
    413,
  );
});

test('GET (and other methods) on the path: 405 with an Allow header', async () => {
  const { client } = await loggedIn();
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
    const response = await client.request({ method, url: PATH });
    await expectCode(response, 2009, 405);
    assert.equal(response.headers.allow, 'POST');
  }
  const head = await client.request({ method: 'HEAD', url: PATH });
  assert.equal(head.statusCode, 405);
});

test('confirm mismatch, new equals old, local policy with every failing rule', async () => {
  const { client, backend } = await loggedIn();
  await expectCode(await client.changePassword(change(OLD, NEW, `${NEW}x`), 'json'), 3001, 422);
  await expectCode(await client.changePassword(change(OLD, OLD), 'json'), 3002, 422);
  const policy = await expectCode(
    await client.changePassword(change(OLD, 'ecila'), 'json'),
    3003,
    422,
  );
  assert.deepEqual(policy['violations'], [
    { reason: 'too_short', min_length: 8 },
    {
      reason: 'too_few_kinds',
      min_kinds: 4,
      missing_kinds: ['upper', 'digit', 'space', 'special'],
    },
    { reason: 'is_reversed_user_name' },
  ]);
  assert.deepEqual(
    backend.calls.filter((c) => c.startsWith('change')),
    [],
    'nothing reached the KDC',
  );
});

test('KDC answers: wrong old password, policy with reasons, locked, denied, outages', async () => {
  const { client, backend } = await loggedIn();
  await expectCode(await client.changePassword(change('Wrong pw1!', NEW), 'json'), 3004, 403);

  backend.kdcMinLength = 12;
  const policy = await expectCode(await client.changePassword(change(OLD, NEW), 'json'), 3005, 422);
  assert.deepEqual(policy['violations'], [{ reason: 'too_short', min_length: 12 }]);
  backend.kdcMinLength = 0;

  const forced: Array<[Parameters<typeof setFailure>[1], number, number]> = [
    ['locked', 3006, 423],
    ['access_denied', 3007, 403],
    ['unknown_user', 3007, 403],
    ['kdc_unavailable', 5001, 503],
    ['outcome_unknown', 5002, 502],
    ['kdc_error', 5003, 502],
  ];
  for (const [kind, code, status] of forced) {
    setFailure(backend, kind);
    await expectCode(await client.changePassword(change(OLD, NEW), 'json'), code, status);
  }
  backend.changeFailure = undefined;
  backend.changeThrows = true;
  const crash = await expectCode(await client.changePassword(change(OLD, NEW), 'json'), 5000, 500);
  assert.doesNotMatch(String(crash['result_desc']), /exploded/);
});

function setFailure(
  backend: MemoryBackend,
  kind:
    | 'locked'
    | 'access_denied'
    | 'unknown_user'
    | 'kdc_unavailable'
    | 'outcome_unknown'
    | 'kdc_error',
): void {
  backend.changeFailure = { kind };
}

test('a must-change session can only change the password, then continues', async () => {
  const { client } = await loggedIn({ mustChange: true });
  const check = await client.loginCheck();
  assert.equal(check['modify_pwd'], true);
  const blocked = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
  await expectCode(blocked, 1002, 403);

  await expectCode(await client.changePassword(change(OLD, NEW), 'json'), 0, 200);
  const after = await client.loginCheck();
  assert.equal(after['modify_pwd'], false);
  const allowed = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
  const body = await expectCode(allowed, 0, 200);
  assert.equal(body['principal'], 'alice@EXAMPLE.TEST');
});

test(
  'a change ends every other session and CASTGC ' + 'of the user; this one moves to a new id',
  async () => {
    const { client, app } = await loggedIn();
    const other = new Client(app);
    await other.logIn('alice', OLD);
    const otherTgc = other.jar.get('CASTGC');
    const before = client.jar.get('JSESSIONID');
    const tokenBefore = (await client.loginCheck())['token'];

    const response = await client.changePassword(change(OLD, NEW), 'json');
    await expectCode(response, 0, 200);
    const after = client.jar.get('JSESSIONID');
    assert.ok(after && after !== before, 'the session id rotated');

    assert.equal((await client.loginCheck())['token'] !== tokenBefore, true, 'the token rotated');
    const stale = await app.inject({
      method: 'GET',
      url: '/web/v1/access/login_check',
      headers: { cookie: `JSESSIONID=${before}` },
    });
    assert.equal(stale.statusCode, 401);
    other.jar.delete('CASTGC');
    const otherCheck = await other.request({ method: 'GET', url: '/web/v1/access/login_check' });
    assert.equal(otherCheck.statusCode, 401);
    const tgc = await app.inject({
      method: 'GET',
      url: '/web/v1/access/login_check',
      headers: { cookie: `CASTGC=${otherTgc}` },
    });
    assert.equal(tgc.statusCode, 401);
  },
);
