/** Picking free loopback ports for a realm's servers. */

import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

import { TestRealmError } from './errors.js';

const LOOPBACK = '127.0.0.1';

/**
 * `count` distinct ports on 127.0.0.1, each free for TCP and, where `udp[i]` is true, for
 * UDP too. They are held until all are found, then released for the servers to take (a
 * small race remains; the realm retries with new ports if a server cannot bind).
 */
export async function freePorts(udp: readonly boolean[]): Promise<number[]> {
  const held: Array<() => Promise<void>> = [];
  const ports: number[] = [];
  try {
    for (const needsUdp of udp) {
      const { port, release } = await holdPort(needsUdp);
      held.push(release);
      ports.push(port);
    }
    return ports;
  } finally {
    for (const release of held) await release();
  }
}

async function holdPort(
  needsUdp: boolean,
): Promise<{ port: number; release: () => Promise<void> }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const tcp = createServer();
    tcp.listen(0, LOOPBACK);
    await once(tcp, 'listening');
    const port = (tcp.address() as { port: number }).port;
    if (!needsUdp) return { port, release: () => closeServer(tcp) };

    const udp = createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, LOOPBACK, () => resolve(true));
    });
    if (bound) {
      return {
        port,
        release: async () => {
          await closeServer(tcp);
          await new Promise<void>((r) => udp.close(() => r()));
        },
      };
    }
    try {
      udp.close();
    } catch {
      // Already closed by the failed bind.
    }
    await closeServer(tcp);
  }
  throw new TestRealmError('no free loopback port for both TCP and UDP');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
