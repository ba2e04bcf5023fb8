/**
 * GETs with effects refuse a browser's cross-site navigation: logout_action ends nothing, and
 * the security check does not swap a logged-in user's session for someone else's ticket
 * (login CSRF). Same-origin and curl-style requests keep working.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client } from './helpers/client.js';
import { testApp } from './helpers/app.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const PASSWORD = 'Old pass1!';
const CROSS_SITE = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };

async function setup() {
  const backend = new MemoryBackend()
    .add('alice', { password: PASSWORD })
    .add('dave', { password: PASSWORD });
  const { app } = await testApp({ backend });
  return app;
}

async function whoAmI(client: Client): Promise<number | string> {
  const check = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
  return check.statusCode === 200 ? String(check.json().principal) : check.statusCode;
}

test('a cross-site navigation to logout_action is refused and ends nothing', async () => {
  const app = await setup();
  const alice = new Client(app);
  await alice.logIn('alice', PASSWORD);

  const forged = await alice.request({
    method: 'GET',
    url: '/web/v1/logout_action?is_timeout_logout=false',
    headers: CROSS_SITE,
  });
  assert.equal(forged.statusCode, 403);
  assert.equal(forged.json().int_result_code, 1007);
  assert.equal(await whoAmI(alice), 'alice@EXAMPLE.TEST');

  const own = await alice.request({ method: 'GET', url: '/web/v1/logout_action' });
  assert.equal(own.statusCode, 200);
  assert.equal(await whoAmI(alice), 401);
});

test("a cross-site navigation cannot swap a session for an attacker's ticket", async () => {
  const app = await setup();
  const alice = new Client(app);
  await alice.logIn('alice', PASSWORD);

  const attacker = new Client(app);
  const login = await attacker.postLogin('dave', PASSWORD, await attacker.loginTicket());
  const location = String(login.headers.location);
  const path = location.slice(location.indexOf('/web/'));

  const swapped = await alice.request({ method: 'GET', url: path, headers: CROSS_SITE });
  assert.equal(swapped.statusCode, 403);
  assert.equal(await whoAmI(alice), 'alice@EXAMPLE.TEST', 'still alice');

  const fresh = new Client(app);
  const replay = await fresh.request({ method: 'GET', url: path });
  assert.equal(replay.statusCode, 401, 'the refused ticket was used up, nobody can replay it');
});
