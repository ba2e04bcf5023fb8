/**
 * Behind a TLS proxy (trustProxy), the client address is the one the proxy saw: the last
 * X-Forwarded-For hop. Whatever a client writes into the header itself must not give it a
 * fresh address, or the per-address throttle would be worthless.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, pageCodeOf } from './helpers/client.js';
import { testApp } from './helpers/app.js';

/** A wrong password through the proxy, with a client-chosen first X-Forwarded-For entry. */
async function guess(client: Client, user: string, spoofed: string, proxySaw: string) {
  const form = await client.request({ method: 'GET', url: '/cas/login' });
  const lt = /name="lt" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return client.request({
    method: 'POST',
    url: '/cas/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': `${spoofed}, ${proxySaw}`,
    },
    payload: new URLSearchParams({ username: user, password: 'Wrong pass 1!', lt }).toString(),
  });
}

test('a forged X-Forwarded-For entry does not escape the per-address throttle', async () => {
  const { app } = await testApp({
    config: { trustProxy: true, throttleAddressFailures: 3, throttleUserFailures: 10 },
  });
  const client = new Client(app);

  for (let i = 0; i < 3; i++) {
    const response = await guess(client, `user${i}`, `10.0.0.${i}`, '203.0.113.7');
    assert.equal(response.statusCode, 401);
  }
  const fourth = await guess(client, 'user9', '10.0.0.99', '203.0.113.7');
  assert.equal(fourth.statusCode, 429, 'the address the proxy saw is throttled');
  assert.equal(pageCodeOf(fourth.body), 1008);

  const other = await guess(client, 'user9', '10.0.0.99', '203.0.113.8');
  assert.equal(other.statusCode, 401, 'another real client address is not held back');
  await app.close();
});
