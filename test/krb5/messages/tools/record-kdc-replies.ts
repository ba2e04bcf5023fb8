/**
 * Records real MIT KDC replies to AS-REQs built by this library, as test vectors.
 *
 * Run: `node --import tsx test/krb5/messages/tools/record-kdc-replies.ts`. It creates a
 * throwaway realm in a temporary folder (loopback only), starts krb5kdc, sends three AS-REQs
 * over UDP (a principal that requires pre-authentication, an unknown principal, and a
 * principal without pre-authentication), writes test/vectors/recorded-*.json and stops the KDC.
 * The AS-REP's enc-part is also decrypted (src/krb5/crypto, key usage 3) and stored as hex.
 */

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';

import { decrypt, stringToKey } from '../../../../src/krb5/crypto/index.js';
import { decodeAsRep, encodeAsReq } from '../../../../src/krb5/messages/index.js';
import { NT_PRINCIPAL, NT_SRV_INST } from '../../../../src/krb5/iana/name-types.js';
import {
  KDC_OPT_CANONICALIZE,
  KDC_OPT_FORWARDABLE,
  KDC_OPT_RENEWABLE_OK,
  kerberosFlags,
} from '../../../../src/krb5/iana/kdc-options.js';

const REALM = 'KERBSIDE.TEST';
const VECTORS = new URL('../../../vectors/', import.meta.url);
/** Throwaway realm secrets, fed to the tools on stdin only. */
const MASTER_PASSWORD = 'recorder-master-0';
const NO_PREAUTH_PASSWORD = 'recorder-Passw0rd';

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

function writeConfig(dir: string, port: number): NodeJS.ProcessEnv {
  writeFileSync(
    join(dir, 'kdc.conf'),
    [
      '[kdcdefaults]',
      ` kdc_listen = 127.0.0.1:${port}`,
      ` kdc_tcp_listen = 127.0.0.1:${port}`,
      '[realms]',
      ` ${REALM} = {`,
      `  database_name = ${join(dir, 'principal')}`,
      `  key_stash_file = ${join(dir, 'stash')}`,
      `  acl_file = ${join(dir, 'kadm5.acl')}`,
      '  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal',
      '  default_principal_flags = +preauth',
      ' }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'krb5.conf'),
    `[libdefaults]\n default_realm = ${REALM}\n[realms]\n ` +
      `${REALM} = {\n  kdc = 127.0.0.1:${port}\n }\n`,
  );
  return {
    ...process.env,
    KRB5_CONFIG: join(dir, 'krb5.conf'),
    KRB5_KDC_PROFILE: join(dir, 'kdc.conf'),
  };
}

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { input, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
}

function createRealm(env: NodeJS.ProcessEnv): void {
  run('kdb5_util', ['create', '-s', '-r', REALM], `${MASTER_PASSWORD}\n${MASTER_PASSWORD}\n`, env);
  const commands = [
    'addprinc -randkey alice',
    `addprinc -requires_preauth -pwexpire "2030-01-02 03:04:05 UTC" -pw ${NO_PREAUTH_PASSWORD} bob`,
    '',
  ].join('\n');
  run('kadmin.local', ['-r', REALM], commands, env);
}

async function startKdc(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const kdc = spawn('krb5kdc', ['-n', '-r', REALM], { env, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (kdc.exitCode !== null) throw new Error('krb5kdc exited early');
  return kdc;
}

async function stopKdc(kdc: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => kdc.once('exit', resolve));
  kdc.kill('SIGTERM');
  await exited;
}

function asReqFor(user: string): Uint8Array {
  const now = Date.now();
  return encodeAsReq({
    reqBody: {
      kdcOptions: kerberosFlags(KDC_OPT_FORWARDABLE, KDC_OPT_CANONICALIZE, KDC_OPT_RENEWABLE_OK),
      cname: { nameType: NT_PRINCIPAL, nameString: [user] },
      realm: REALM,
      sname: { nameType: NT_SRV_INST, nameString: ['krbtgt', REALM] },
      till: new Date(now + 24 * 3600 * 1000),
      nonce: randomInt(1, 0x7fffffff),
      etype: [18, 17],
    },
  });
}

async function exchange(port: number, request: Uint8Array): Promise<Uint8Array> {
  const socket = createSocket('udp4');
  try {
    const reply = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply from the KDC')), 3000);
      socket.once('message', (message) => {
        clearTimeout(timer);
        resolve(new Uint8Array(message));
      });
    });
    socket.send(request, port, '127.0.0.1');
    return await reply;
  } finally {
    socket.close();
  }
}

/** KDC-REP enc-part key usage (RFC 4120 section 7.5.1). */
const KU_AS_REP_ENC_PART = 3;

async function decryptedPart(reply: Uint8Array): Promise<Record<string, string>> {
  const encPart = decodeAsRep(reply).encPart;
  const key = await stringToKey(encPart.etype, NO_PREAUTH_PASSWORD, `${REALM}bob`);
  const plain = decrypt(key, KU_AS_REP_ENC_PART, encPart.cipher);
  return { password: NO_PREAUTH_PASSWORD, encPartPlaintext: Buffer.from(plain).toString('hex') };
}

function kdcVersion(): string {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'krb5-kdc'], { encoding: 'utf8' });
  return result.stdout.trim() || 'unknown';
}

function save(name: string, vector: Record<string, unknown>): void {
  writeFileSync(new URL(name, VECTORS), `${JSON.stringify(vector, null, 2)}\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kerbside-record-'));
  const port = await freeUdpPort();
  const env = writeConfig(dir, port);
  createRealm(env);
  const kdc = await startKdc(env);
  try {
    const source =
      `Recorded from MIT krb5kdc (Debian package krb5-kdc ${kdcVersion()}) on 127.0.0.1 by ` +
      'test/krb5/messages/tools/record-kdc-replies.ts: the request was encoded by encodeAsReq ' +
      'and sent over UDP; the reply is the datagram the KDC sent back.';
    const recordedAt = new Date().toISOString();
    const cases = [
      ['recorded-preauth-required.json', 'alice', 'principal requiring pre-authentication'],
      ['recorded-c-principal-unknown.json', 'nobody', 'principal not in the database'],
      ['recorded-as-rep.json', 'bob', 'principal without pre-authentication'],
    ] as const;
    for (const [file, user, situation] of cases) {
      const request = asReqFor(user);
      const reply = await exchange(port, request);
      const extra = user === 'bob' ? await decryptedPart(reply) : {};
      save(file, {
        source,
        recordedAt,
        realm: REALM,
        client: user,
        situation,
        ...extra,
        request: Buffer.from(request).toString('hex'),
        reply: Buffer.from(reply).toString('hex'),
      });
    }
  } finally {
    await stopKdc(kdc);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
