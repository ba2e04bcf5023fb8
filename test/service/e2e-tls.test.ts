/**
 * HTTPS: with tlsCert and tlsKey configured, `kerbside serve` (startService) answers over TLS
 * with a certificate made by openssl in a temporary folder; the documented flow works
 * against a real MIT KDC and every cookie is Secure. Plain HTTP on that port gets nothing.
 * Non-loopback listening needs TLS or a TLS proxy in front.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import {
  checkListenAddress,
  startService,
  type RunningService,
} from '../../src/cli/start-service.js';
import { buildApp } from '../../src/service/app.js';
import { ServiceConfigError, resolveServiceConfig } from '../../src/service/config.js';
import { startRealKdc, type RealKdc } from './helpers/real-kdc.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';

let kdc: RealKdc;
let dir: string;
let certFile: string;
let keyFile: string;
let ca: Buffer;
let service: RunningService;

before(async () => {
  kdc = await startRealKdc();
  dir = await mkdtemp(join(tmpdir(), 'kerbside-tls-'));
  certFile = join(dir, 'cert.pem');
  keyFile = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  ca = await readFile(certFile);
  service = await startService({
    listen: { host: '127.0.0.1', port: 0 },
    env: {
      ...process.env,
      ...kdc.realm.env,
      KERBSIDE_TLS_CERT: certFile,
      KERBSIDE_TLS_KEY: keyFile,
      KERBSIDE_LOG_LEVEL: 'silent',
    },
  });
});

after(async () => {
  await service.close();
  await kdc.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** An HTTPS client that trusts only the test certificate and keeps cookies. */
class TlsClient {
  readonly jar = new Map<string, string>();
  readonly setCookies: string[] = [];

  send(method: string, path: string, type?: string, body?: string): Promise<Answer> {
    const url = new URL(path, service.url);
    const headers: Record<string, string> = {};
    if (this.jar.size > 0)
      headers['cookie'] = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (type !== undefined) headers['content-type'] = type;
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          for (const cookie of res.headers['set-cookie'] ?? []) this.#keep(cookie);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  #keep(cookie: string): void {
    this.setCookies.push(cookie);
    const [pair = ''] = cookie.split(';');
    const eq = pair.indexOf('=');
    const value = pair.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(cookie)) this.jar.delete(pair.slice(0, eq));
    else this.jar.set(pair.slice(0, eq), value);
  }
}

test('startService serves HTTPS with the configured certificate', () => {
  assert.match(service.url, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test('the documented flow over TLS against a real KDC; every cookie is Secure', async () => {
  await kdc.realm.addPrincipal('tls-user', OLD);
  const client = new TlsClient();
  const form = await client.send('GET', '/cas/login');
  assert.equal(form.status, 200);
  assert.equal(form.headers['strict-transport-security'], 'max-age=31536000');
  const lt = /name="lt" value="([^"]+)"/.exec(form.body)?.[1] ?? '';

  const target = encodeURIComponent(new URL('/web/cas_security_check.htm', service.url).href);
  const fields = new URLSearchParams({ username: 'tls-user', password: OLD, lt });
  const login = await client.send(
    'POST',
    `/cas/login?service=${target}`,
    'application/x-www-form-urlencoded',
    fields.toString(),
  );
  assert.equal(login.status, 302, login.body);
  const location = new URL(String(login.headers['location']));
  assert.equal(location.protocol, 'https:');
  assert.equal((await client.send('GET', `${location.pathname}${location.search}`)).status, 302);

  const check = await client.send('GET', '/web/v1/access/login_check');
  assert.equal(check.status, 200, check.body);
  const change = JSON.stringify({ old_password: OLD, new_password: NEW, confirm_password: NEW });
  const changed = await client.send(
    'POST',
    '/web/v1/access/modify_self_password',
    'application/json',
    change,
  );
  assert.equal(changed.status, 200, changed.body);
  assert.equal(await kdc.realm.kinit('tls-user', NEW), true);

  const names = client.setCookies.map((c) => c.split('=')[0]);
  for (const name of ['CASSESSION', 'CASTGC', 'JSESSIONID']) assert.ok(names.includes(name), name);
  for (const cookie of client.setCookies) assert.match(cookie, /; Secure/i, cookie);
});

test('plain HTTP on the TLS port gets no answer', async () => {
  const port = new URL(service.url).port;
  const outcome = await new Promise<string>((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/cas/login' }, (res) =>
      resolve(`status ${res.statusCode}`),
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code}`));
    req.setTimeout(3000, () => req.destroy(new Error('timeout')));
    req.end();
  });
  assert.doesNotMatch(outcome, /status 200/);
});

test('non-loopback addresses need TLS or a TLS proxy; TLS files are checked at start', async () => {
  const plain = resolveServiceConfig({});
  assert.throws(() => checkListenAddress('192.0.2.10', plain), /refusing to serve plain HTTP/);
  assert.doesNotThrow(() => checkListenAddress('127.0.0.1', plain));
  const tls = resolveServiceConfig({ tlsCert: certFile, tlsKey: keyFile });
  assert.doesNotThrow(() => checkListenAddress('192.0.2.10', tls));
  assert.doesNotThrow(() =>
    checkListenAddress('0.0.0.0', resolveServiceConfig({ trustProxy: true })),
  );

  assert.throws(() => resolveServiceConfig({ tlsCert: certFile }), ServiceConfigError);
  const missing = resolveServiceConfig({ tlsCert: join(dir, 'nope.pem'), tlsKey: keyFile });
  await assert.rejects(buildApp({ backend: kdc.backend, config: missing }), /ENOENT/);
});
