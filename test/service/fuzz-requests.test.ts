/**
 * Thousands of malformed requests to every route, with and without a session: random
 * methods, paths, query strings, bodies, content types, cookies and the browser headers the
 * forgery checks read. None may get a 5xx, every /web answer keeps the result shape, and
 * the server still serves a normal login afterwards, over a real socket too.
 */

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';

import fc from 'fast-check';

import { testApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const OLD = 'Old pass1!';

const PATHS = [
  '/',
  '/healthz',
  '/cas/login',
  '/cas/logout',
  '/web/',
  '/web/cas_security_check.htm',
  '/web/v1/access/login_check',
  '/web/v1/access/modify_self_password',
  '/web/v1/access/current_user',
  '/web/v1/logout_action',
  '/web/v1/nothing',
  '/cas/%zz',
  '/web/%E0%A4%A',
];

const piece = fc.constantFrom(
  ...['old_password', 'new_password', 'confirm_password', 'username', 'password', 'lt', 'ticket'],
  ...['service', 'renew', 'is_timeout_logout', '=', '&', '+', '%', '%2B', '%C3%A9', '%C3'],
  ...['%FF', '%zz', '%ED%A0%80', 'true', 'http://evil.example/', 'LT-x', 'ST-x', '{', '"'],
);
const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

const headerValue = fc.oneof(
  fc.constantFrom('', 'null', 'same-origin', 'cross-site', 'same-site', 'none', 'http://localhost'),
  fc.constantFrom('https://evil.example', 'http://localhost:80', '\u00e9', 'x'.repeat(300)),
  fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);

const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'text/plain',
      'multipart/form-data; boundary=x',
    ),
    origin: headerValue,
    'sec-fetch-site': headerValue,
    'sec-fetch-mode': headerValue,
    'x-kerbside-token': headerValue,
    cookie: fc.constantFrom('JSESSIONID=x', 'CASTGC=TGT-x', 'CASSESSION=', 'a=b; c', '=;=;'),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  text.map((t) => Buffer.from(t)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
);

test('3000 malformed requests: never a 5xx, always an answer in the right shape', async () => {
  const backend = new MemoryBackend().add('alice', { password: OLD });
  const { app } = await testApp({ backend, config: { throttleAddressFailures: 100_000 } });
  const client = new Client(app);
  await client.logIn('alice', OLD);
  const session = client.cookieHeader();

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
      fc.constantFrom(...PATHS),
      text,
      headers,
      body,
      fc.boolean(),
      async (method, path, query, extra, payload, loggedIn) => {
        const sent: Record<string, string> = { ...extra };
        if (loggedIn && sent['cookie'] === undefined) sent['cookie'] = session;
        const response = await app.inject({
          method: method as 'GET',
          url: query === '' ? path : `${path}?${query}`,
          headers: sent,
          ...(method === 'GET' || method === 'HEAD' ? {} : { payload }),
        });
        assert.ok(response.statusCode < 500, `${method} ${path} -> ${response.statusCode}`);
        if (path.startsWith('/web/v1') && method !== 'HEAD') {
          const json = response.json();
          const loginCheckOk = path.endsWith('login_check') && response.statusCode === 200;
          const shape = loginCheckOk ? typeof json.token : typeof json.int_result_code;
          assert.equal(shape, loginCheckOk ? 'string' : 'number', response.body);
        }
      },
    ),
    { numRuns: 3000 },
  );

  const fresh = new Client(app);
  const check = await fresh.logIn('alice', OLD);
  assert.equal(check['modify_pwd'], false, 'the service still works');
  await app.close();
});

test(
  'random bytes on a real socket: the server ' + 'answers or hangs up, and keeps serving',
  async () => {
    const backend = new MemoryBackend().add('alice', { password: OLD });
    const { app } = await testApp({ backend, fakeClock: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    const port = address.port;

    const send = (bytes: Buffer): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
        socket.on('error', () => resolve('error'));
        socket.setTimeout(5000, () => socket.destroy());
      });

    const requestLine = fc
      .tuple(fc.constantFrom('GET', 'POST', 'XYZ', ''), fc.constantFrom(...PATHS), text)
      .map(([m, p, q]) => Buffer.from(`${m} ${p}?${q} HTTP/1.1\r\nHost: x\r\n\r\n`));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          requestLine,
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
        ),
        async (bytes) => {
          const status = await send(bytes);
          assert.doesNotMatch(status, /^HTTP\/1\.1 5/, status);
        },
      ),
      { numRuns: 300 },
    );

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    await app.close();
  },
);
