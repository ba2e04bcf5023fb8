/** Small stand-in servers on 127.0.0.1 for the transport tests. */

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A TCP server; `onConnection` decides what each connection does. */
export async function tcpServer(
  onConnection: (socket: Socket) => void,
  port = 0,
): Promise<{ server: Server; port: number; close: () => Promise<void>; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  server.listen(port, LOOPBACK);
  await once(server, 'listening');
  const close = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { server, port: (server.address() as { port: number }).port, close, sockets };
}

/** Reads one length-prefixed request from a TCP connection. */
export function readFramedRequest(socket: Socket): Promise<Uint8Array> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) return;
      socket.off('data', onData);
      resolve(new Uint8Array(buffered.subarray(4, 4 + length)));
    };
    socket.on('data', onData);
  });
}

export function frame(message: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + message.length);
  out.writeUInt32BE(message.length, 0);
  out.set(message, 4);
  return out;
}

/** A UDP server; `onMessage` decides what to do with each datagram. */
export async function udpServer(
  onMessage: (msg: Buffer, rinfo: RemoteInfo, socket: UdpSocket) => void,
  port = 0,
): Promise<{ socket: UdpSocket; port: number; close: () => Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => onMessage(msg, rinfo, socket));
  socket.bind(port, LOOPBACK);
  await once(socket, 'listening');
  const close = (): Promise<void> => new Promise((resolve) => socket.close(() => resolve()));
  return { socket, port: socket.address().port, close };
}

/** A port with nothing listening on it, over TCP or UDP (free at the time of the call). */
export async function closedPort(): Promise<number> {
  const { port, close } = await tcpServer(() => {});
  await close();
  return port;
}

/** A port free for both TCP and UDP, for servers that answer on both. */
export async function portFreeForBoth(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await closedPort();
    try {
      const udp = await udpServer(() => {}, port);
      await udp.close();
      return port;
    } catch {
      continue;
    }
  }
  throw new Error('no port free for both TCP and UDP');
}

/**
 * A listening port whose accept queue is full, so a new connection never completes: a
 * separate Node process listens with a backlog of 1 and then blocks its event loop, and
 * filler connections take the queue.
 */
export async function unacceptingPort(): Promise<{ port: number; close: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(s.address().port + '\\n');
         setImmediate(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000));
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [data] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(String(data).trim());
  await new Promise((r) => setTimeout(r, 100));

  const fillers: Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const filler = connect(port, LOOPBACK);
    filler.on('error', () => {});
    fillers.push(filler);
    const connected = await Promise.race([
      once(filler, 'connect').then(() => true),
      new Promise((r) => setTimeout(() => r(false), 150)),
    ]);
    if (!connected) break;
  }
  const close = (): void => {
    for (const f of fillers) f.destroy();
    child.kill('SIGKILL');
  };
  return { port, close };
}
