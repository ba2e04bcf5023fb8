/**
 * Session life, end to end against a real MIT KDC, with the service's clock injected: ids
 * from the CSPRNG, new ids at login (a planted id is never adopted), idle and absolute
 * timeouts (audited as such), logout ending sessions on the server so a replayed JSESSIONID
 * or CASTGC gets 401, and two simultaneous changes of one user serialised.
 */

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { looksLikeId } from '../../src/service/ids.js';
import { testApp, type TestApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';
import { WatchedBackend } from './helpers/watched-backend.js';

const OLD = 'Old pass1!';
const MINUTE = 60_000;

let kdc: RealKdc;
let backend: WatchedBackend;
let dir: string;
let auditFile: string;
let main: TestApp;
let app: FastifyInstance;

before(async () => {
  kdc = await startRealKdc();
  backend = new WatchedBackend(kdc.backend);
  dir = await mkdtemp(join(tmpdir(), 'kerbside-sessions-'));
  auditFile = join(dir, 'audit.jsonl');
  main = await testApp({
    backend,
    config: { auditFile, webSessionIdleSeconds: 1800, webSessionMaxSeconds: 43200 },
  });
  app = main.app;
});

after(async () => {
  await app.close();
  await kdc.stop();
  await rm(dir, { recursive: true, force: true });
});

async function auditRecords(): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(auditFile, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A request carrying only the given cookie, as a replaying attacker would send it. */
function replay(url: string, cookie: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

const CURRENT = '/web/v1/access/current_user';
const CHECK = '/web/v1/access/login_check';

test('ids are 256-bit CSPRNG values; login never adopts an id the client brought', async () => {
  await kdc.realm.addPrincipal('life-ids', OLD);
  const client = new Client(app);
  client.jar.set('CASTGC', 'TGT-planted-by-an-attacker');
  client.jar.set('JSESSIONID', 'planted-session');
  const lt = await client.loginTicket();
  const preLogin = client.jar.get('CASSESSION') ?? '';
  const login = await client.postLogin('life-ids', OLD, lt);
  assert.equal(login.statusCode, 302);
  const location = new URL(String(login.headers.location));
  await client.request({ method: 'GET', url: `${location.pathname}${location.search}` });

  const tgc = client.jar.get('CASTGC') ?? '';
  const session = client.jar.get('JSESSIONID') ?? '';
  assert.ok(looksLikeId(tgc, 'TGT'), tgc);
  assert.ok(looksLikeId(session), session);
  assert.ok(looksLikeId(preLogin), preLogin);
  assert.notEqual(tgc, 'TGT-planted-by-an-attacker');
  assert.notEqual(session, 'planted-session');
  assert.equal((await replay(CHECK, `CASSESSION=${preLogin}`)).statusCode, 401);
  assert.equal((await replay(CURRENT, 'JSESSIONID=planted-session')).statusCode, 401);
  assert.equal((await replay(CURRENT, `JSESSIONID=${session}`)).statusCode, 200);

  const ids = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const other = new Client(app);
    await other.loginTicket();
    ids.add(other.jar.get('CASSESSION') ?? '');
  }
  assert.equal(ids.size, 50);
});

test(
  'idle timeout: use keeps a session alive; ' + '30 idle minutes end it, audited as a timeout',
  async () => {
    await kdc.realm.addPrincipal('life-idle', OLD);
    const client = new Client(app);
    await client.logIn('life-idle', OLD);
    const cookie = `JSESSIONID=${client.jar.get('JSESSIONID')}`;

    for (let i = 0; i < 3; i++) {
      main.advance(29 * MINUTE);
      assert.equal(
        (await replay(CURRENT, cookie)).statusCode,
        200,
        `still alive after ${i + 1} uses`,
      );
    }
    main.advance(30 * MINUTE);
    const expired = await replay(CURRENT, cookie);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().int_result_code, 1001);
    assert.equal((await replay(CURRENT, cookie)).statusCode, 401, 'and stays ended');

    const timeouts = (await auditRecords()).filter(
      (r) => r['event'] === 'logout' && r['principal'] === `life-idle@${kdc.realm.realm}`,
    );
    assert.equal(timeouts.length, 1);
    assert.equal(timeouts[0]?.['cause'], 'idle_timeout');
    assert.equal(timeouts[0]?.['address'], '127.0.0.1');
  },
);

test('absolute timeout: a session in constant use ends after 12 hours', async () => {
  await kdc.realm.addPrincipal('life-max', OLD);
  const client = new Client(app);
  await client.logIn('life-max', OLD);
  const cookie = `JSESSIONID=${client.jar.get('JSESSIONID')}`;
  for (let elapsed = 0; elapsed + 25 * MINUTE < 12 * 60 * MINUTE; elapsed += 25 * MINUTE) {
    main.advance(25 * MINUTE);
    assert.equal((await replay(CURRENT, cookie)).statusCode, 200);
  }
  main.advance(25 * MINUTE);
  assert.equal((await replay(CURRENT, cookie)).statusCode, 401);
  const records = await auditRecords();
  const ended = records.find(
    (r) => r['principal'] === `life-max@${kdc.realm.realm}` && r['event'] === 'logout',
  );
  assert.equal(ended?.['cause'], 'max_age');
});

test(
  'a session left idle past its maximum age ' + 'is recorded as idle, with its real end',
  async () => {
    await kdc.realm.addPrincipal('life-left', OLD);
    const client = new Client(app);
    await client.logIn('life-left', OLD);
    const cookie = `JSESSIONID=${client.jar.get('JSESSIONID')}`;
    const lastUse = main.now();
    main.advance(12 * 60 * MINUTE + 10 * MINUTE);
    assert.equal((await replay(CURRENT, cookie)).statusCode, 401);

    const records = await auditRecords();
    const ended = records.find(
      (r) => r['principal'] === `life-left@${kdc.realm.realm}` && r['event'] === 'logout',
    );
    assert.equal(ended?.['cause'], 'idle_timeout', 'idle came first, after 30 minutes');
    const end = Date.parse(String(ended?.['ended']));
    const early = lastUse + 30 * MINUTE - end;
    assert.ok(
      early >= 0 && early < 1000,
      `ended 30 minutes after the last use, not ${early} ms off`,
    );
  },
);

test('logout ends both sessions on the server: replayed cookies get 401', async () => {
  await kdc.realm.addPrincipal('life-out', OLD);
  const client = new Client(app);
  await client.logIn('life-out', OLD);
  const tgc = `CASTGC=${client.jar.get('CASTGC')}`;
  const session = `JSESSIONID=${client.jar.get('JSESSIONID')}`;

  const out = await client.request({ method: 'POST', url: '/cas/logout' });
  assert.equal(out.statusCode, 200);
  assert.equal((await replay(CHECK, tgc)).statusCode, 401, 'CASTGC replayed');
  assert.equal((await replay(CURRENT, session)).statusCode, 401, 'JSESSIONID replayed');
  const st = await replay('/cas/login?service=%2Fweb%2Fcas_security_check.htm', tgc);
  assert.equal(st.statusCode, 200, 'a replayed CASTGC gets the login form, not a ticket');

  const second = new Client(app);
  await second.logIn('life-out', OLD);
  const web = `JSESSIONID=${second.jar.get('JSESSIONID')}`;
  await second.request({ method: 'GET', url: '/web/v1/logout_action?is_timeout_logout=false' });
  assert.equal((await replay(CURRENT, web)).statusCode, 401);

  const records = (await auditRecords()).filter(
    (r) => r['principal'] === `life-out@${kdc.realm.realm}`,
  );
  const logouts = records
    .filter((r) => r['event'] === 'logout')
    .map((r) => [r['scope'], r['cause']]);
  assert.deepEqual(logouts, [
    ['sso', 'manual'],
    ['web', 'manual'],
  ]);
});

test('two simultaneous changes of one user: serialised, exactly one succeeds', async () => {
  await kdc.realm.addPrincipal('life-race', OLD);
  const first = new Client(app);
  const second = new Client(app);
  await first.logIn('life-race', OLD);
  await second.logIn('life-race', OLD);
  const fields = (next: string) => ({
    old_password: OLD,
    new_password: next,
    confirm_password: next,
  });

  const [a, b] = await Promise.all([
    first.changePassword(fields('First pw1!'), 'json'),
    second.changePassword(fields('Second pw2!'), 'json'),
  ]);
  const results = [a, b].map((r) => [r.statusCode, r.json().int_result_code]);
  const winners = results.filter(([status]) => status === 200);
  assert.equal(winners.length, 1, JSON.stringify(results));
  const loser = results.find(([status]) => status !== 200);
  assert.deepEqual(loser, [401, 1001], 'the change ended the other session while it waited');
  assert.equal(backend.maxConcurrentChanges, 1, 'never two changes in flight');

  const winner = a.statusCode === 200 ? 'First pw1!' : 'Second pw2!';
  const other = a.statusCode === 200 ? 'Second pw2!' : 'First pw1!';
  assert.equal(await kdc.realm.kinit('life-race', winner), true);
  assert.equal(await kdc.realm.kinit('life-race', other), false);

  // The same session submitting twice at once: one answer each, one change.
  const again = await Promise.all([
    first.changePassword(
      { old_password: winner, new_password: 'Third pw3#', confirm_password: 'Third pw3#' },
      'json',
    ),
    first.changePassword(
      { old_password: winner, new_password: 'Fourth pw4$', confirm_password: 'Fourth pw4$' },
      'json',
    ),
  ]);
  const statuses = again.map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [200, 401]);
  assert.equal(backend.maxConcurrentChanges, 1);
});
