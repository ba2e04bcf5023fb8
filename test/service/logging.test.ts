/**
 * What reaches the log: request lines with safe fields only, audit lines with user and kind,
 * and never a password, ticket, cookie or query string (canaries prove it).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client } from './helpers/client.js';
import { testApp } from './helpers/app.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const OLD = 'Canary-old-7f3a9 !';
const NEW = 'Canary-new-b81c2 !';

test('no password, ticket, cookie value or query string in any log line', async () => {
  const backend = new MemoryBackend().add('alice', { password: OLD });
  const { app, log } = await testApp({ backend });
  const client = new Client(app);

  const lt = await client.loginTicket('?service=%2Fweb%2Fcas_security_check.htm');
  await client.postLogin('alice', 'Canary-wrong-55d1 !', await client.loginTicket());
  await client.postLogin('nobody', 'Canary-unknown-91e0 !', await client.loginTicket());
  const login = await client.postLogin('alice', OLD, lt);
  const ticket = new URL(String(login.headers.location)).searchParams.get('ticket') ?? '';
  await client.request({ method: 'GET', url: `/web/cas_security_check.htm?ticket=${ticket}` });
  await client.loginCheck();

  for (const encoding of ['query', 'json', 'form'] as const) {
    await client.changePassword(
      { old_password: 'Canary-bad-0a1b !', new_password: NEW, confirm_password: NEW },
      encoding,
    );
  }
  await client.request({
    method: 'POST',
    url: '/web/v1/access/modify_self_password',
    headers: { 'content-type': 'application/json' },
    payload: `{"old_password": "${OLD}", "new_password": `,
  });
  await client.request({ method: 'GET', url: `/nowhere?secret=${encodeURIComponent(OLD)}` });
  await client.changePassword(
    { old_password: OLD, new_password: NEW, confirm_password: NEW },
    'query',
  );
  await client.request({ method: 'GET', url: '/web/v1/logout_action?is_timeout_logout=false' });

  const text = log.text();
  assert.ok(log.lines.length > 20, 'something was logged');
  for (const secret of ['Canary', ticket, lt, ...client.jar.values()]) {
    assert.equal(text.includes(secret), false, `the log contains ${secret.slice(0, 12)}...`);
  }
  for (const cookie of ['CASTGC', 'JSESSIONID', 'CASSESSION', 'ticket=', 'secret=']) {
    assert.equal(text.includes(cookie), false, `the log contains ${cookie}`);
  }
  assert.equal(text.includes('?'), false, 'no query string in the log');
});

test(
  'request lines: method, path, status, time, ' + 'request id; audit lines: user and kind',
  async () => {
    const backend = new MemoryBackend().add('alice', { password: OLD });
    const { app, log } = await testApp({ backend });
    const client = new Client(app);
    await client.postLogin('alice', 'wrong', await client.loginTicket());

    const completed = log.entries().filter((e) => e['msg'] === 'request completed');
    const post = completed.find((e) => (e['request'] as { method: string }).method === 'POST');
    assert.ok(post);
    assert.deepEqual(Object.keys(post['request'] as object).sort(), ['id', 'method', 'path']);
    assert.equal((post['request'] as { path: string }).path, '/cas/login');
    assert.deepEqual(post['response'], { statusCode: 401 });
    assert.equal(typeof post['responseTime'], 'number');
    assert.equal(post['reqId'], (post['request'] as { id: string }).id);

    const audit = log.entries().find((e) => e['event'] === 'login');
    assert.deepEqual(
      { user: audit?.['user'], outcome: audit?.['outcome'], kind: audit?.['kind'] },
      { user: 'alice', outcome: 'failure', kind: 'wrong_password' },
    );
  },
);

test('the logger redacts password fields if code ever logs them by mistake', async () => {
  const { app, log } = await testApp();
  app.log.info({
    password: 'Canary-x',
    body: { new_password: 'Canary-y' },
    headers: { cookie: 'c' },
  });
  assert.equal(log.text().includes('Canary'), false);
  assert.equal(log.text().includes('"cookie"'), false);
});
