/**
 * The service over the real Kerberos backend and a throwaway MIT realm on 127.0.0.1: no mock
 * of the KDC anywhere. Variants of the backend reach the same real KDC with a dead password
 * server, a dead KDC address or a skewed clock, to provoke the failures a test needs.
 */

import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config, parseKrb5Conf } from '../../../src/krb5/config/index.js';
import type { PasswordBackend } from '../../../src/service/backend.js';
import { createKerberosBackend } from '../../../src/service/kerberos-backend.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

export interface RealKdc {
  readonly realm: TestRealm;
  readonly backend: PasswordBackend;
  /** A backend of the same realm whose settings are changed as given. */
  variant(options: VariantOptions): PasswordBackend;
  /** A TCP server on 127.0.0.1 that accepts and reads but never answers. */
  blackHole(): Promise<number>;
  /**
   * A TCP and UDP server on 127.0.0.1 that answers every request with random bytes: framed
   * (a 4-byte length, then that many random bytes) or raw (random bytes, then hang up).
   */
  noise(mode: 'framed' | 'raw'): Promise<number>;
  /** A port on 127.0.0.1 where nothing listens. */
  closedPort(): Promise<number>;
  stop(): Promise<void>;
}

export interface VariantOptions {
  readonly kdcPort?: number;
  readonly kpasswdPort?: number;
  readonly clockOffsetMs?: number;
  readonly timeoutMs?: number;
}

export async function startRealKdc(): Promise<RealKdc> {
  const realm = await startRealm();
  const servers: Server[] = [];
  const datagrams: UdpSocket[] = [];
  const sockets = new Set<Socket>();
  const config = await loadKrb5Config({ ...process.env, ...realm.env });
  const backend = createKerberosBackend(new KerberosClient({ config, timeoutMs: 2000 }));

  const variant = (options: VariantOptions): PasswordBackend => {
    const text = [
      '[libdefaults]',
      `  default_realm = ${realm.realm}`,
      '[realms]',
      `  ${realm.realm} = {`,
      `    kdc = 127.0.0.1:${options.kdcPort ?? realm.kdcPort}`,
      `    kpasswd_server = 127.0.0.1:${options.kpasswdPort ?? realm.kpasswdPort}`,
      '  }',
      '',
    ].join('\n');
    const offset = options.clockOffsetMs ?? 0;
    const client = new KerberosClient({
      config: parseKrb5Conf(text),
      timeoutMs: options.timeoutMs ?? 1000,
      ...(offset !== 0 && { now: () => new Date(Date.now() + offset) }),
    });
    return createKerberosBackend(client);
  };

  const listen = async (server: Server): Promise<number> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };

  return {
    realm,
    backend,
    variant,
    blackHole: async () => {
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('data', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      });
      servers.push(server);
      return listen(server);
    },
    noise: async (mode) => {
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        socket.once('data', () => {
          const body = randomBytes(64);
          if (mode === 'raw') {
            socket.end(body);
            return;
          }
          const length = Buffer.alloc(4);
          length.writeUInt32BE(body.length);
          socket.write(Buffer.concat([length, body]));
        });
      });
      servers.push(server);
      const port = await listen(server);
      const udp = createSocket('udp4');
      udp.on('message', (_message, from) => udp.send(randomBytes(64), from.port, from.address));
      await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
      datagrams.push(udp);
      return port;
    },
    closedPort: async () => {
      const server = createServer();
      const port = await listen(server);
      await new Promise((resolve) => server.close(resolve));
      return port;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      for (const server of servers) server.close();
      for (const udp of datagrams) udp.close();
      await realm.stop();
    },
  };
}
