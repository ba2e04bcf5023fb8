/**
 * End to end against a real MIT KDC: the documented non-browser flow, then a password change
 * with the fields in the query string, a JSON body and a form body; the new password logs in
 * and the old one does not. A password full of characters that encodings mangle (`+`, `&`,
 * `=`, `%`, spaces, non-ASCII letters) must arrive at the KDC exactly, which MIT's own kinit
 * then proves. One run goes through a real socket on 127.0.0.1 with fetch.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { testApp } from './helpers/app.js';
import { Client, type Encoding } from './helpers/client.js';
import { HttpClient } from './helpers/http-client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';

const OLD = 'Old pass1!';
const ENCODINGS: readonly Encoding[] = ['query', 'json', 'form'];

/** Four kinds (upper, lower, digit, space), every troublesome character, outer spaces. */
const TRICKY = ' Aa1 +&=%2B%zz 中文 Ünïcødé + ';

let kdc: RealKdc;
let app: FastifyInstance;

before(async () => {
  kdc = await startRealKdc();
  ({ app } = await testApp({ backend: kdc.backend, fakeClock: false }));
});

after(async () => {
  await app.close();
  await kdc.stop();
});

async function loginWorks(user: string, password: string): Promise<boolean> {
  return (await kdc.backend.login(user, kdc.realm.realm, password)).ok;
}

for (const encoding of ENCODINGS) {
  test(`documented flow, then a change with the fields in the ${encoding}`, async () => {
    const user = `flow-${encoding}`;
    await kdc.realm.addPrincipal(user, OLD);
    const client = new Client(app);
    const check = await client.logIn(user, OLD);
    assert.equal(check['modify_pwd'], false);

    const next = `New pass2@ ${encoding}`;
    const fields = { old_password: OLD, new_password: next, confirm_password: next };
    const response = await client.changePassword(fields, encoding);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().int_result_code, 0);

    assert.equal(await loginWorks(user, next), true, 'the new password works');
    const old = await kdc.backend.login(user, kdc.realm.realm, OLD);
    assert.equal(old.ok, false, 'the old password no longer works');
    assert.equal(old.ok ? '' : old.kind, 'wrong_password');
  });
}

for (const encoding of ENCODINGS) {
  test(
    `a password with + & = % spaces and non-ASCII ` + `letters round-trips in the ${encoding}`,
    async () => {
      const user = `tricky-${encoding}`;
      await kdc.realm.addPrincipal(user, OLD);
      const client = new Client(app);
      await client.logIn(user, OLD);

      const fields = { old_password: OLD, new_password: TRICKY, confirm_password: TRICKY };
      const response = await client.changePassword(fields, encoding);
      assert.equal(response.statusCode, 200, response.body);

      // Through the service's own login form (a form body again) and through MIT's kinit.
      const check = await new Client(app).logIn(user, TRICKY);
      assert.equal(check['modify_pwd'], false);
      assert.equal(await kdc.realm.kinit(user, TRICKY), true, 'MIT kinit accepts the exact bytes');
      assert.equal(await loginWorks(user, TRICKY.trim()), false, 'nothing was trimmed');
      assert.equal(await loginWorks(user, TRICKY.replaceAll('+', ' ')), false);

      // And back the other way, changing from the tricky password.
      const back = {
        old_password: TRICKY,
        new_password: `${TRICKY}!`,
        confirm_password: `${TRICKY}!`,
      };
      const again = await new Client(app);
      await again.logIn(user, TRICKY);
      assert.equal((await again.changePassword(back, encoding)).statusCode, 200);
      assert.equal(await kdc.realm.kinit(user, `${TRICKY}!`), true);
    },
  );
}

test(
  'the documented flow over a real socket ' + 'on 127.0.0.1, fields in the query string',
  async () => {
    const { app: listening } = await testApp({ backend: kdc.backend, fakeClock: false });
    await listening.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = listening.server.address();
      assert.ok(address && typeof address === 'object');
      const client = new HttpClient(`http://127.0.0.1:${address.port}`);
      await kdc.realm.addPrincipal('socket', OLD);
      const check = await client.logIn('socket', OLD);
      assert.equal(check['modify_pwd'], false);

      const query = new URLSearchParams({
        old_password: OLD,
        new_password: TRICKY,
        confirm_password: TRICKY,
      });
      const response = await client.fetch(`/web/v1/access/modify_self_password?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as Record<string, unknown>)['int_result_code'], 0);
      assert.equal(await kdc.realm.kinit('socket', TRICKY), true);
      assert.equal(await loginWorks('socket', OLD), false);
    } finally {
      await listening.close();
    }
  },
);
