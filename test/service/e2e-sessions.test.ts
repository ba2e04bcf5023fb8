/**
 * End to end against a real MIT KDC: must-change and expired passwords, the expiry reminder,
 * and what a password change does to the user's other sessions.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { testApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';
const DAY = 86_400_000;

let kdc: RealKdc;
let app: FastifyInstance;

before(async () => {
  kdc = await startRealKdc();
  ({ app } = await testApp({ backend: kdc.backend, fakeClock: false, config: { remindDays: 7 } }));
});

after(async () => {
  await app.close();
  await kdc.stop();
});

const change = { old_password: OLD, new_password: NEW, confirm_password: NEW };

for (const [label, options] of [
  ['flagged must-change (+needchange)', { needChange: true }],
  ['expired (-pwexpire now)', { pwExpireNow: true }],
] as const) {
  test(`a ${label} user logs in, can do nothing but change, changes, continues`, async () => {
    const user = options.needChange ? 'must' : 'expired';
    await kdc.realm.addPrincipal(user, OLD, options);
    const client = new Client(app);
    const check = await client.logIn(user, OLD);
    assert.equal(check['modify_pwd'], true);
    assert.equal(check['remind_pwd'], false);

    const blocked = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().int_result_code, 1002);

    const changed = await client.changePassword(change, 'json');
    assert.equal(changed.statusCode, 200, changed.body);

    const after = await client.loginCheck();
    assert.equal(after['modify_pwd'], false);
    const allowed = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
    assert.equal(allowed.statusCode, 200);
    assert.equal(allowed.json().principal, `${user}@${kdc.realm.realm}`);

    const fresh = await new Client(app).logIn(user, NEW);
    assert.equal(fresh['modify_pwd'], false, 'the KDC no longer asks for a change');
  });
}

test('the expiry reminder: a password expiring in 3 days', async () => {
  await kdc.realm.addPrincipal('soon', OLD);
  await kdc.realm.kadmin(['modprinc -pwexpire "now + 3 days" soon']);
  const check = await new Client(app).logIn('soon', OLD);
  assert.equal(check['remind_pwd'], true);
  assert.equal(check['modify_pwd'], false);
  assert.equal(check['password_days_left'], 3);
  const expires = Date.parse(String(check['password_expires']));
  assert.ok(Math.abs(expires - (Date.now() + 3 * DAY)) < 60_000, String(check['password_expires']));

  await kdc.realm.addPrincipal('never', OLD);
  const plain = await new Client(app).logIn('never', OLD);
  assert.equal(plain['remind_pwd'], false);
  assert.equal(plain['password_expires'], null);
  assert.equal(plain['password_days_left'], null);

  await kdc.realm.addPrincipal('later', OLD);
  await kdc.realm.kadmin(['modprinc -pwexpire "now + 30 days" later']);
  const later = await new Client(app).logIn('later', OLD);
  assert.equal(later['remind_pwd'], false);
  assert.equal(later['password_days_left'], 30);
});

test(
  'a change ends the other sessions and ' + 'CASTGCs of the user; the changer continues',
  async () => {
    await kdc.realm.addPrincipal('twice', OLD);
    const first = new Client(app);
    const second = new Client(app);
    await first.logIn('twice', OLD);
    await second.logIn('twice', OLD);
    const secondSession = second.jar.get('JSESSIONID');
    const secondTgc = second.jar.get('CASTGC');
    const firstSession = first.jar.get('JSESSIONID');

    const changed = await first.changePassword(change, 'form');
    assert.equal(changed.statusCode, 200, changed.body);

    const probe = (cookie: string) =>
      app.inject({ method: 'GET', url: '/web/v1/access/login_check', headers: { cookie } });
    assert.equal((await probe(`JSESSIONID=${secondSession}`)).statusCode, 401);
    assert.equal((await probe(`CASTGC=${secondTgc}`)).statusCode, 401);
    assert.equal((await probe(`JSESSIONID=${firstSession}`)).statusCode, 401, 'the old id rotated');

    const current = await first.loginCheck();
    assert.equal(current['modify_pwd'], false);
    const again = await first.changePassword(
      { old_password: NEW, new_password: `${NEW}3`, confirm_password: `${NEW}3` },
      'json',
    );
    assert.equal(again.statusCode, 200, 'the changer can go on working');
    assert.equal(await kdc.realm.kinit('twice', `${NEW}3`), true);
  },
);
