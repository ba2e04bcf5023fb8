/**
 * The change-password page in a real browser against a real MIT KDC: log in, watch the rules
 * tick off while typing, change the password, and the refusals a user meets (a mismatch
 * shown at once, the local rules, a wrong current password, the KDC's own stricter policy
 * and its "too soon" date), logout, and the whole change done with the keyboard alone.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { Page } from 'playwright-core';

import {
  fillChange,
  logIn,
  ruleStates,
  screenshot,
  startStand,
  type BrowserPage,
  type Stand,
} from './helpers/stand.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';

let stand: Stand;

before(async () => {
  stand = await startStand();
  await stand.kdc.realm.addPolicy('long', { minLength: 20 });
  await stand.kdc.realm.addPolicy('slow', { minLife: '2 days' });
});

after(async () => {
  await stand.stop();
});

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const opened: BrowserPage = await stand.newPage();
  try {
    await run(opened.page);
    assert.deepEqual(opened.errors, [], 'no script error and no CSP refusal');
  } finally {
    await opened.close();
  }
}

async function openChangePage(page: Page, user: string): Promise<void> {
  await logIn(page, user, OLD);
  await page.getByRole('link', { name: 'Change your password' }).click();
  await page.waitForURL(/\/web\/change-password$/);
}

async function resultOf(page: Page): Promise<{ code: string; text: string }> {
  const result = page.locator('#result');
  await result.locator('p').first().waitFor();
  return {
    code: (await result.getAttribute('data-result-code')) ?? '',
    text: await result.innerText(),
  };
}

test('log in, watch the rules tick off, change the password, land on the home page', async () => {
  await stand.kdc.realm.addPrincipal('alice', OLD);
  await withPage(async (page) => {
    await page.goto('/cas/login');
    await screenshot(page, 'login');
    await logIn(page, 'alice', OLD);
    assert.match(await page.locator('main').innerText(), /Logged in as alice@KERBSIDE\.TEST/);
    await screenshot(page, 'home');

    await page.getByRole('link', { name: 'Change your password' }).click();
    await page.waitForURL(/\/web\/change-password$/);
    assert.deepEqual(Object.values(await ruleStates(page)), ['', '', '', '', '']);
    await screenshot(page, 'change-empty');

    await page.locator('#old-password').fill(OLD);
    await page.locator('#new-password').pressSequentially('new');
    const partial = await ruleStates(page);
    assert.equal(partial['length'], 'unmet');
    assert.equal(partial['kinds'], 'unmet');
    assert.equal(partial['user_name'], 'met');
    assert.equal(await page.locator('[data-kind=lower]').getAttribute('data-state'), 'met');
    assert.equal(await page.locator('[data-kind=upper]').getAttribute('data-state'), 'unmet');
    assert.match(await page.locator('#rule-length .rule-state').innerText(), /not met/);

    await page.locator('#new-password').fill('');
    await page.locator('#new-password').pressSequentially(NEW);
    assert.deepEqual(new Set(Object.values(await ruleStates(page))), new Set(['met']));
    await page.locator('#confirm-password').fill(NEW);
    await screenshot(page, 'change-filled');
    const sent = page.waitForRequest(/modify_self_password/);

    await Promise.all([
      page.waitForURL(/\/web\/\?changed=1$/),
      page.getByRole('button', { name: 'Change password' }).click(),
    ]);
    assert.match(await page.getByRole('status').first().innerText(), /password was changed/);
    await screenshot(page, 'home-changed');

    const request = await sent;
    assert.equal(request.headers()['content-type'], 'application/json');
    assert.match(request.headers()['x-kerbside-token'] ?? '', /^[\w-]{20,}$/, 'the token header');
    assert.deepEqual(Object.keys(request.postDataJSON() as object).sort(), [
      'confirm_password',
      'new_password',
      'old_password',
    ]);
  });
  assert.equal(await stand.kdc.realm.kinit('alice', NEW), true, 'MIT kinit accepts the new one');
});

test('a confirmation mismatch shows at once, and the submit is refused', async () => {
  await stand.kdc.realm.addPrincipal('mismatch', OLD);
  await withPage(async (page) => {
    await openChangePage(page, 'mismatch');
    await page.locator('#old-password').fill(OLD);
    await page.locator('#new-password').fill(NEW);
    await page.locator('#confirm-password').pressSequentially('New pass3');

    const confirm = page.locator('#confirm-password');
    assert.equal(await confirm.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#confirm-password-error').innerText(), /do not match/);
    assert.match((await confirm.getAttribute('aria-describedby')) ?? '', /confirm-password-error/);
    assert.equal(await page.locator('#confirm-password-error').getAttribute('aria-live'), 'polite');
    await screenshot(page, 'change-mismatch');

    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match((await resultOf(page)).text, /do not match/);
    assert.equal(await focusedId(page), 'confirm-password');
  });
  assert.equal(await stand.kdc.realm.kinit('mismatch', OLD), true, 'nothing changed');
});

test('the local rules refuse a weak password before anything is sent', async () => {
  await stand.kdc.realm.addPrincipal('weak', OLD);
  await withPage(async (page) => {
    await openChangePage(page, 'weak');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('modify_self_password')) sent.push(request.url());
    });
    await fillChange(page, OLD, 'short1');
    await page.getByRole('button', { name: 'Change password' }).click();

    const { text } = await resultOf(page);
    assert.match(text, /does not meet every rule/);
    assert.match(text, /at least 8 characters long/);
    assert.match(
      text,
      /at least 4 kinds of characters \(missing: upper case letter, space, special/,
    );
    assert.equal(await page.locator('#new-password').getAttribute('aria-invalid'), 'true');
    assert.equal(await focusedId(page), 'new-password');
    assert.equal(await page.locator('#result').getAttribute('role'), 'alert');
    assert.deepEqual(sent, [], 'no request reached the service');
    await screenshot(page, 'change-local-rules');

    await page.locator('#new-password').fill('weak');
    await page.locator('#new-password').pressSequentially(' ');
    assert.equal((await ruleStates(page))['user_name'], 'met', 'a space breaks the match');
    await page.locator('#new-password').fill('kaew');
    assert.equal((await ruleStates(page))['user_name'], 'unmet', 'the user name reversed');
  });
});

test('a wrong current password is flagged on its field', async () => {
  await stand.kdc.realm.addPrincipal('forgot', OLD);
  await withPage(async (page) => {
    await openChangePage(page, 'forgot');
    await fillChange(page, 'Not the pass1!', NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    const { code, text } = await resultOf(page);
    assert.equal(code, '3004');
    assert.match(text, /current password is wrong/);
    assert.equal(await page.locator('#old-password').getAttribute('aria-invalid'), 'true');
    assert.equal(await focusedId(page), 'old-password');
  });
});

test('the KDC refuses a password its stricter policy does not allow, with the reason', async () => {
  await stand.kdc.realm.addPrincipal('strict', OLD);
  await stand.kdc.realm.kadmin(['modprinc -policy long strict']);
  await withPage(async (page) => {
    await openChangePage(page, 'strict');
    await fillChange(page, OLD, NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    const { code, text } = await resultOf(page);
    assert.equal(code, '3005');
    assert.match(text, /Kerberos server refused the new password/);
    assert.match(text, /at least 20 characters long/);
    await screenshot(page, 'change-kdc-policy');
  });
  assert.equal(await stand.kdc.realm.kinit('strict', OLD), true, 'nothing changed');
});

test('the KDC refuses a change too soon after the last, saying until when', async () => {
  await stand.kdc.realm.addPrincipal('recent', OLD, { policy: 'slow' });
  await withPage(async (page) => {
    await openChangePage(page, 'recent');
    await fillChange(page, OLD, NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    const { code, text } = await resultOf(page);
    assert.equal(code, '3005');
    const soon = new Date(Date.now() + 2 * 86_400_000);
    const day = soon.toLocaleString('en', { dateStyle: 'long', timeZone: 'UTC' });
    assert.match(text, new RegExp(`cannot be changed again before ${day}`), text);
    await screenshot(page, 'change-kdc-too-soon');
  });
});

test('logout ends the web and single sign-on sessions', async () => {
  await stand.kdc.realm.addPrincipal('leaver', OLD);
  await withPage(async (page) => {
    await logIn(page, 'leaver', OLD);
    await Promise.all([
      page.waitForURL(/\/web\/logged-out$/),
      page.getByRole('button', { name: 'Log out' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /You are logged out/);
    await screenshot(page, 'logged-out');

    await page.goto('/web/');
    assert.match(page.url(), /\/cas\/login\?service=/, 'no web session any more');
    assert.equal(await page.locator('#username').count(), 1, 'no single sign-on either');

    // The plain page's button (no script) logs out too: its POST is not taken for cross-site.
    await logIn(page, 'leaver', OLD);
    await page.goto('/cas/logout');
    await page.getByRole('button', { name: 'Log out' }).click();
    assert.match(await page.locator('main').innerText(), /You are logged out/);
    await page.goto('/web/');
    assert.match(page.url(), /\/cas\/login\?service=/);
  });
});

test('a keyboard-only change: Tab, typing and Enter', async () => {
  await stand.kdc.realm.addPrincipal('keys', OLD);
  await withPage(async (page) => {
    await page.goto('/cas/login');
    await tabTo(page, 'username');
    await page.keyboard.type('keys');
    await tabTo(page, 'password');
    await page.keyboard.type(OLD);
    await Promise.all([page.waitForURL(/\/web\/$/), page.keyboard.press('Enter')]);

    await tabTo(page, 'change-link');
    const outline = await page.evaluate<string>(
      'const s = getComputedStyle(document.activeElement); `${s.outlineStyle} ${s.outlineWidth}`',
    );
    assert.equal(outline, 'solid 3px', 'the focused link shows a visible outline');
    await Promise.all([page.waitForURL(/change-password$/), page.keyboard.press('Enter')]);

    await tabTo(page, 'old-password');
    await page.keyboard.type(OLD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(NEW);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'confirm-password', 'the rules hold no tab stop');
    await page.keyboard.type(NEW);
    await Promise.all([page.waitForURL(/\?changed=1$/), page.keyboard.press('Enter')]);
  });
  assert.equal(await stand.kdc.realm.kinit('keys', NEW), true);
});

async function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>("document.activeElement?.id ?? ''");
}

/** Press Tab until the element with `id` (or the change link) has focus. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string>(
      "document.activeElement?.getAttribute('href') === '/web/change-password' " +
        "? 'change-link' : (document.activeElement?.id ?? '')",
    );
    if (focused === id) return;
  }
  assert.fail(`Tab never reached #${id}`);
}
