/**
 * A private CA and a server certificate for 127.0.0.1, made with openssl in a temporary
 * folder, plus an unrelated CA: for the TLS tests.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  /** The CA that issued the server certificate (PEM). */
  readonly caFile: string;
  /** Another CA, which issued nothing the server uses. */
  readonly otherCaFile: string;
  readonly keyFile: string;
  readonly certFile: string;
  remove(): Promise<void>;
}

/** A CA, a certificate for IP 127.0.0.1 issued by it, and an unrelated CA. */
export async function makeCertificates(): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), 'kerbside-tls-'));
  const file = (name: string) => join(dir, name);
  await makeCa(file('ca'), 'kerbside test CA');
  await makeCa(file('other-ca'), 'kerbside unrelated CA');

  await writeFile(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await openssl(['req', '-new', ...newKey(file('server.key')), '-subj', '/CN=127.0.0.1'], {
    out: file('server.csr'),
  });
  await openssl(
    ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')],
    { out: file('server.pem'), extra: ['-days', '1', '-extfile', file('server.ext')] },
  );

  return {
    caFile: file('ca.pem'),
    otherCaFile: file('other-ca.pem'),
    keyFile: file('server.key'),
    certFile: file('server.pem'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function makeCa(base: string, name: string): Promise<void> {
  await openssl(['req', '-x509', ...newKey(`${base}.key`), '-subj', `/CN=${name}`, '-days', '1'], {
    out: `${base}.pem`,
    extra: [
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
  });
}

function newKey(keyFile: string): string[] {
  return [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
  ];
}

async function openssl(
  args: readonly string[],
  options: { out: string; extra?: readonly string[] },
): Promise<void> {
  await run('openssl', [...args, ...(options.extra ?? []), '-out', options.out]);
}
