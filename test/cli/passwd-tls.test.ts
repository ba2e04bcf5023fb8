/**
 * `kerbside passwd` over HTTPS (the service's own TLS) with a certificate from a private CA:
 * trusted with --ca, refused without it (whatever NODE_TLS_REJECT_UNAUTHORIZED says) or
 * with another CA.
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { makeCertificates, type Certificates } from './helpers/certificates.js';
import { runKerbside, stopAll } from './helpers/run.js';
import { startStand, type Stand } from './helpers/stand.js';

const OLD = 'Old pass1!';
const NEW = 'New pass2@';
const INPUT = `${OLD}\n${NEW}\n${NEW}\n`;

let certificates: Certificates;
let stand: Stand;
let url: string;

before(async () => {
  certificates = await makeCertificates();
  stand = await startStand({
    KERBSIDE_TLS_CERT: certificates.certFile,
    KERBSIDE_TLS_KEY: certificates.keyFile,
  });
  url = stand.service.url;
  assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
  await stand.realm.addPrincipal('alice', OLD);
});

after(async () => {
  stopAll();
  await stand?.stop();
  await certificates?.remove();
});

const passwd = (...extra: string[]) => ['passwd', '--url', url, '--user', 'alice', ...extra];

test('without --ca the private CA is not trusted: exit 1, says so and names --ca', async () => {
  const result = await runKerbside(passwd(), INPUT);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /the TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
  assert.match(result.stderr, /--ca FILE/);
  assert.equal(await stand.logsIn('alice', OLD), true);
});

test('NODE_TLS_REJECT_UNAUTHORIZED=0 does not turn verification off', async () => {
  const env = { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' };
  const result = await runKerbside(passwd(), INPUT, env);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /is not trusted/);
});

test('--ca with an unrelated CA: exit 1', async () => {
  const result = await runKerbside(passwd('--ca', certificates.otherCaFile), INPUT);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /is not trusted/);
});

test('an http:// URL for the HTTPS server: exit 1, says to use https://', async () => {
  const plain = url.replace('https:', 'http:');
  const result = await runKerbside(['passwd', '--url', plain, '--user', 'alice'], INPUT);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /; if it serves HTTPS, use an https:\/\/ URL$/m);
});

test('--ca with the CA that issued the certificate: the password is changed', async () => {
  const result = await runKerbside(passwd('--ca', certificates.caFile), INPUT);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /The password of alice was changed\./);
  assert.equal(await stand.logsIn('alice', NEW), true);
});
