/**
 * In a real browser against a real MIT KDC: a user whose password must be changed (flagged
 * +needchange, or expired) goes from the login form straight to the change page and, once
 * it is changed, on to the home page; a password expiring soon shows the reminder banner.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fillChange, logIn, screenshot, startStand, type Stand } from './helpers/stand.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';

let stand: Stand;

before(async () => {
  stand = await startStand({ remindDays: 7 });
});

after(async () => {
  await stand.stop();
});

for (const [user, label, options] of [
  ['forced', 'a must-change', { needChange: true }],
  ['expired', 'an expired', { pwExpireNow: true }],
] as const) {
  test(`${label} password: from login straight to the change page, then home`, async () => {
    await stand.kdc.realm.addPrincipal(user, OLD, options);
    const { page, errors, close } = await stand.newPage();
    try {
      await logIn(page, user, OLD);
      assert.match(page.url(), /\/web\/change-password$/);
      assert.match(await page.locator('#forced').innerText(), /must be changed/);
      assert.equal(await page.getByRole('link', { name: 'Back to your account' }).count(), 0);
      if (user === 'forced') await screenshot(page, 'change-forced');

      await page.goto('/web/');
      assert.match(page.url(), /\/web\/change-password$/, 'home is not reachable yet');

      await fillChange(page, OLD, NEW);
      await Promise.all([
        page.waitForURL(/\/web\/\?changed=1$/),
        page.getByRole('button', { name: 'Change password' }).click(),
      ]);
      assert.match(await page.locator('main').innerText(), /Logged in as/);
      assert.match(await page.getByRole('status').first().innerText(), /password was changed/);
      await page.goto('/web/');
      assert.match(page.url(), /\/web\/$/, 'home stays reachable');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
    assert.equal(await stand.kdc.realm.kinit(user, NEW), true);
  });
}

test(
  'a password expiring in 3 days shows the ' + 'reminder banner with a link to change it',
  async () => {
    await stand.kdc.realm.addPrincipal('soon', OLD);
    await stand.kdc.realm.kadmin(['modprinc -pwexpire "now + 3 days" soon']);
    await stand.kdc.realm.addPrincipal('later', OLD);
    const { page, errors, close } = await stand.newPage();
    try {
      await logIn(page, 'soon', OLD);
      const reminder = page.locator('#reminder');
      assert.equal(await reminder.getAttribute('data-days-left'), '3');
      assert.match(await reminder.innerText(), /expires in 3 day\(s\)/);
      await screenshot(page, 'home-reminder');
      await reminder.getByRole('link', { name: 'Change it now' }).click();
      await page.waitForURL(/\/web\/change-password$/);
      assert.equal(await page.locator('#forced').count(), 0, 'a reminder is not a forced change');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/logged-out$/);
      await logIn(page, 'later', OLD);
      assert.equal(await page.locator('#reminder').count(), 0, 'no banner without an expiry');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  },
);
