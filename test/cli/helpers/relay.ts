/**
 * A TCP relay on 127.0.0.1 that records what clients send before passing it on: to see the
 * requests on the wire exactly as the command wrote them.
 */

import { connect, createServer, type Socket } from 'node:net';

export interface Relay {
  readonly port: number;
  /** Every byte clients sent, in order of arrival. */
  readonly received: Buffer[];
  close(): Promise<void>;
}

/** Starts a relay to 127.0.0.1:`target`. */
export async function startRelay(target: number): Promise<Relay> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('data', (chunk: Buffer) => received.push(chunk));
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();

  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
