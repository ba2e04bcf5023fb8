/**
 * The app on a real listening socket (127.0.0.1), spoken to with fetch and raw TCP.
 */

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { testApp, type LogCapture } from './helpers/app.js';
import { HttpClient } from './helpers/http-client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const OLD = 'Old pass1!';
let app: FastifyInstance;
let log: LogCapture;
let base: string;
let backend: MemoryBackend;

before(async () => {
  backend = new MemoryBackend().add('alice', { password: OLD });
  ({ app, log } = await testApp({ backend, fakeClock: false }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});

after(() => app.close());

test('the documented flow and a change with the fields in the query string, over TCP', async () => {
  const client = new HttpClient(base);
  const check = await client.logIn('alice', OLD);
  assert.equal(check['modify_pwd'], false);
  const next = 'Nouveau mot 2+&=%é';
  const query = new URLSearchParams({
    old_password: OLD,
    new_password: next,
    confirm_password: next,
  });
  const response = await client.fetch(`/web/v1/access/modify_self_password?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
  assert.equal(response.status, 200);
  assert.deepEqual(((await response.json()) as Record<string, unknown>)['int_result_code'], 0);
  assert.equal((await backend.login('alice', 'EXAMPLE.TEST', next)).ok, true);
});

/** Send raw bytes and return the status line. */
function raw(request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const port = Number(new URL(base).port);
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

test('raw non-ASCII in the request line is refused with 400, and not logged', async () => {
  const line = Buffer.concat([
    Buffer.from('POST /web/v1/access/modify_self_password?old_password='),
    Buffer.from('Canary-é', 'utf8'),
    Buffer.from(
      ' HTTP/1.1\r\nHost: x\r\nCookie: JSESSIONID=Canary-cookie\r\nConnection: close\r\n\r\n',
    ),
  ]);
  assert.match(await raw(line), /^HTTP\/1\.1 400/);
  assert.equal(log.text().includes('Canary'), false);
});

test('a malformed percent-escape in the path answers in the result shape', async () => {
  const response = await fetch(`${base}/web/v1/access/%E0%A4%A`);
  assert.ok(response.status === 400 || response.status === 404);
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(typeof body['int_result_code'], 'number');
});
