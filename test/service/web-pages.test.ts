/**
 * The translated pages through app.inject(): the language choice, the two message tables,
 * the change page's rules and script settings taken from the configured policy, the
 * served assets, and where a browser is sent (login, change page, home).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { activeRules } from '../../src/service/assets/password-rules.js';
import { fromAcceptLanguage } from '../../src/service/html/i18n.js';
import { EN } from '../../src/service/html/messages/en.js';
import { ZH_CN } from '../../src/service/html/messages/zh-cn.js';
import { testApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const OLD = 'Old pass1!';

test('Accept-Language picks the best supported language by weight', () => {
  assert.equal(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
  assert.equal(fromAcceptLanguage('fr, zh-Hans;q=0.5, en;q=0.4'), 'zh-CN');
  assert.equal(fromAcceptLanguage('en-GB,zh;q=0.9'), 'en');
  assert.equal(fromAcceptLanguage('zh;q=0, en;q=0.1'), 'en');
  assert.equal(fromAcceptLanguage('de, fr'), undefined);
  assert.equal(fromAcceptLanguage(undefined), undefined);
  assert.equal(fromAcceptLanguage('zh;q=abc'), undefined);
});

test('the two message tables have the same keys and the same placeholders', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(ZH_CN).sort(), Object.keys(EN).sort());
  for (const [key, english] of Object.entries(EN)) {
    const chinese = ZH_CN[key as keyof typeof EN];
    assert.ok(chinese.length > 0, key);
    assert.deepEqual(placeholders(chinese), placeholders(english), key);
  }
});

async function loggedIn(config: Record<string, unknown>, user = 'alice', mustChange = false) {
  const backend = new MemoryBackend().add(user, { password: OLD, mustChange });
  const { app } = await testApp({ backend, config });
  const client = new Client(app);
  await client.logIn(user, OLD);
  return { app, client };
}

test(
  'the change page lists the configured rules ' + 'and hands the same policy to its script',
  async () => {
    const policy = { minLength: 12, minKinds: 3, forbidOldPassword: false };
    const { app, client } = await loggedIn({ policy });
    const page = await client.request({ method: 'GET', url: '/web/change-password' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /be 12 to 64 characters long/);
    assert.match(page.body, /contain at least 3 of these 5 kinds/);

    const json = /<script type="application\/json" id="kerbside-config">(.*?)<\/script>/s.exec(
      page.body,
    )?.[1];
    assert.ok(json);
    const config = JSON.parse(json) as { policy: Record<string, unknown>; user: string };
    assert.equal(config.user, 'alice');
    assert.equal(config.policy['minLength'], 12);
    assert.equal(config.policy['forbidOldPassword'], false);

    const shown = [...page.body.matchAll(/data-rule="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(shown, activeRules(config.policy as never));
    assert.ok(!shown.includes('old_password'));
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    await app.close();
  },
);

test('the settings block cannot be closed by a user name', async () => {
  const { app, client } = await loggedIn({}, 'a</script><b');
  const page = await client.request({ method: 'GET', url: '/web/change-password' });
  assert.equal(page.statusCode, 200);
  assert.equal(page.body.split('</script>').length, 3, 'only the two real script ends');
  await app.close();
});

test('a must-change user is sent from home to the change page; others see home', async () => {
  const forced = await loggedIn({}, 'must', true);
  const home = await forced.client.request({ method: 'GET', url: '/web/' });
  assert.equal(home.statusCode, 302);
  assert.equal(home.headers['location'], '/web/change-password');
  await forced.app.close();

  const plain = await loggedIn({});
  const page = await plain.client.request({ method: 'GET', url: '/web/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Logged in as alice@EXAMPLE\.TEST/);
  await plain.app.close();
});

test('without a session the change page sends the browser to log in', async () => {
  const { app } = await testApp();
  const response = await app.inject({ method: 'GET', url: '/web/change-password' });
  assert.equal(response.statusCode, 302);
  assert.match(String(response.headers['location']), /^\/cas\/login\?service=/);
  await app.close();
});

test('the language comes from ?lang (remembered), the cookie, then Accept-Language', async () => {
  const { app } = await testApp();
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  const asked = await get('/cas/login?lang=zh-CN');
  assert.match(asked.body, /<html lang="zh-CN">/);
  assert.match(String(asked.headers['set-cookie']), /lang=zh-CN; Max-Age=\d+; Path=\//);
  assert.match((await get('/cas/login', { cookie: 'lang=zh-CN' })).body, /<html lang="zh-CN">/);
  const byHeader = await get('/cas/login', { 'accept-language': 'zh-TW,zh;q=0.8' });
  assert.match(byHeader.body, /用户名/);
  assert.match((await get('/cas/login', { cookie: 'lang=xx' })).body, /<html lang="en">/);
  assert.match((await get('/web/logged-out?lang=zh-CN')).body, /您已退出登录/);
  await app.close();
});

test('the assets are served with their types, and nothing else is', async () => {
  const { app } = await testApp();
  const css = await app.inject({ method: 'GET', url: '/assets/kerbside.css' });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  const js = await app.inject({ method: 'GET', url: '/assets/change-password.js' });
  assert.match(String(js.headers['content-type']), /^text\/javascript/);
  assert.match(js.body, /modify_self_password/);
  for (const url of ['/assets/password-rules.d.ts', '/assets/../app.ts', '/assets/%2e%2e/app.ts']) {
    assert.notEqual((await app.inject({ method: 'GET', url })).statusCode, 200, url);
  }
  await app.close();
});
