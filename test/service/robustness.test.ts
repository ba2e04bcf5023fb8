/**
 * Bad input never gives a 500: random query strings, bodies and content types sent to the
 * API and the login form always get a 4xx answer in the result shape (or a page for /cas).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { testApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

/** Pieces of query strings, valid and not: names, separators, good and broken escapes. */
const queryPiece = fc.constantFrom(
  ...['old_password', 'new_password', 'confirm_password', 'a', '=', '&', '+', '%'],
  ...['%2B', '%C3%A9', '%C3', '%FF', '%zz', '%2', '%ED%A0%80', 'x'],
);

test('random requests to modify_self_password: never a 5xx, always the result shape', async () => {
  const backend = new MemoryBackend().add('alice', { password: 'Old pass1!' });
  const { app } = await testApp({ backend });
  const client = new Client(app);
  await client.logIn('alice', 'Old pass1!');

  await fc.assert(
    fc.asyncProperty(
      fc.array(queryPiece, { maxLength: 20 }).map((pieces) => pieces.join('')),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(...CONTENT_TYPES),
      async (query, body, type) => {
        const response = await client.request({
          method: 'POST',
          url: `/web/v1/access/modify_self_password?${query}`,
          headers: type === '' ? {} : { 'content-type': type },
          payload: Buffer.from(body),
        });
        assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
        const json = response.json();
        assert.equal(typeof json.int_result_code, 'number');
        assert.equal(typeof json.result_desc, 'string');
      },
    ),
    { numRuns: 300 },
  );
});

test('random JSON values as the body: never a 5xx', async () => {
  const backend = new MemoryBackend().add('alice', { password: 'Old pass1!' });
  const { app } = await testApp({ backend });
  const client = new Client(app);
  await client.logIn('alice', 'Old pass1!');

  const fieldValue = fc.oneof(fc.string(), fc.jsonValue());
  const bodies = fc.oneof(
    fc.jsonValue(),
    fc.record(
      { old_password: fieldValue, new_password: fieldValue, confirm_password: fieldValue },
      { requiredKeys: [] },
    ),
  );
  await fc.assert(
    fc.asyncProperty(bodies, async (value) => {
      const response = await client.request({
        method: 'POST',
        url: '/web/v1/access/modify_self_password',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(value) ?? 'null',
      });
      assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
    }),
    { numRuns: 300 },
  );
});

test('random form bodies to the login form: never a 5xx', async () => {
  const { app } = await testApp();
  const client = new Client(app);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (body) => {
      const response = await client.request({
        method: 'POST',
        url: '/cas/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: Buffer.from(body),
      });
      assert.ok(response.statusCode < 500, `${response.statusCode}`);
    }),
    { numRuns: 200 },
  );
});
