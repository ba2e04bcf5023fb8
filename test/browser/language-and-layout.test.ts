/**
 * In a real browser against a real MIT KDC: the pages in Simplified Chinese, chosen from
 * Accept-Language or with the switch (remembered in the `lang` cookie); the
 * Content-Security-Policy allowing only this server; a phone-sized screen.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fillChange, logIn, screenshot, startStand, type Stand } from './helpers/stand.js';

const OLD = 'Old pass1!';

let stand: Stand;

before(async () => {
  stand = await startStand();
  await stand.kdc.realm.addPrincipal('lin', OLD);
});

after(async () => {
  await stand.stop();
});

test('Accept-Language zh-CN gives the Chinese pages, messages included', async () => {
  const { page, errors, close } = await stand.newPage({ locale: 'zh-CN' });
  try {
    await page.goto('/cas/login');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('label[for=username]').innerText(), '用户名');
    await screenshot(page, 'login-zh');

    await page.locator('#username').fill('lin');
    await page.locator('#password').fill('wrong');
    await page.getByRole('button', { name: '登录' }).click();
    assert.match(await page.getByRole('alert').innerText(), /用户名或密码错误/);

    await logIn(page, 'lin', OLD);
    assert.match(await page.locator('main').innerText(), /当前登录用户：lin@KERBSIDE\.TEST/);
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.waitForURL(/change-password$/);
    assert.match(await page.locator('#rule-length').innerText(), /长度为 8 到 64 个字符/);

    await fillChange(page, OLD, 'abc', 'abd');
    assert.match(
      await page.locator('#confirm-password-error').innerText(),
      /两次输入的新密码不一致/,
    );
    assert.match(await page.locator('#rule-length .rule-state').innerText(), /未满足/);
    await page.getByRole('button', { name: '修改密码' }).click();
    assert.match(await page.locator('#result').innerText(), /长度至少为 8 个字符/);
    await screenshot(page, 'change-zh');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the language switch changes the page and is remembered', async () => {
  const { page, errors, close } = await stand.newPage();
  try {
    await page.goto('/cas/login');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh-CN/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(page.url(), /\/cas\/login\?lang=zh-CN$/);

    await logIn(page, 'lin', OLD);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the cookie remembers it');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en$/);
    assert.match(await page.locator('h1').innerText(), /Your account/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('pages load nothing from elsewhere and run no inline script', async () => {
  const { page, errors, close } = await stand.newPage();
  try {
    const response = await page.goto('/cas/login');
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|\*/);

    await logIn(page, 'lin', OLD);
    const change = await page.goto('/web/change-password');
    assert.equal(change?.headers()['content-security-policy'], csp);
    const inline = await page.$$eval('script:not([src])', (s) => s.map((e) => e.type));
    assert.deepEqual(inline, ['application/json'], 'only the settings block, never executed');
    const config = JSON.parse(
      (await page.locator('#kerbside-config').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    assert.equal((config['policy'] as Record<string, unknown>)['minLength'], 8);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('on a phone-sized screen the change page fits the width', async () => {
  const { page, errors, close } = await stand.newPage({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    await logIn(page, 'lin', OLD);
    await page.goto('/web/change-password');
    await page.locator('#new-password').pressSequentially('Abc 1');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 360, `no horizontal scrolling (${width}px)`);
    await screenshot(page, 'change-phone');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
