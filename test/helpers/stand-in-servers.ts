/**
 * Stand-in servers on 127.0.0.1 for the Kerberos client's integration tests: a server that
 * takes requests and never answers, a TCP proxy to a real server that can drop its replies,
 * and a UDP-only relay. Each counts what it sees, so a test can prove how often a request
 * was sent and over which transport.
 */

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** What a stand-in has seen so far. */
export interface Counts {
  /** TCP connections accepted. */
  connections: number;
  /** Bytes received from clients over TCP. */
  tcpBytes: number;
  /** Complete requests received over TCP (RFC 4120 7.2.2 framing: a 4-byte length first). */
  tcpRequests: number;
  /** Datagrams received from clients over UDP. */
  datagrams: number;
  /** Replies from the real server that were not passed on. */
  droppedReplies: number;
  /** Replies from the real server that were passed on. */
  forwardedReplies: number;
}

export interface StandIn {
  readonly port: number;
  readonly counts: Counts;
  close(): Promise<void>;
}

function newCounts(): Counts {
  return {
    connections: 0,
    tcpBytes: 0,
    tcpRequests: 0,
    datagrams: 0,
    droppedReplies: 0,
    forwardedReplies: 0,
  };
}

/**
 * Accepts TCP connections and reads what comes, never answering; a UDP socket on the same
 * port counts datagrams and never answers either (so a UDP retry would be seen, not refused).
 */
export async function silentServer(): Promise<StandIn> {
  const counts = newCounts();
  return listenBoth(counts, (socket) => {
    counts.connections++;
    socket.on('data', countRequests(counts));
  });
}

/** What the proxy does with the real server's reply. */
export type ProxyMode = 'forward' | 'drop-silently' | 'drop-and-hang-up';

/**
 * A TCP proxy to `targetPort` on 127.0.0.1. Requests always go through; replies are passed
 * on, swallowed while the client waits, or swallowed and the client's connection closed.
 * A UDP socket on the same port counts datagrams and never answers.
 */
export async function tcpProxy(targetPort: number, mode: ProxyMode): Promise<StandIn> {
  const counts = newCounts();
  return listenBoth(counts, (client, track) => {
    counts.connections++;
    const upstream = track(connect(targetPort, LOOPBACK));
    const count = countRequests(counts);
    client.on('data', (chunk) => {
      count(chunk);
      upstream.write(chunk);
    });
    upstream.once('data', () => {
      if (mode !== 'forward') counts.droppedReplies++;
      else counts.forwardedReplies++;
      if (mode === 'drop-and-hang-up') client.destroy();
    });
    upstream.on('data', (chunk) => {
      if (mode === 'forward') client.write(chunk);
    });
    upstream.on('end', () => {
      if (mode === 'forward') client.end();
    });
  });
}

/**
 * Relays each datagram to `targetPort` on 127.0.0.1 over UDP and the reply back. Nothing
 * listens for TCP on its port, so a TCP connection there is refused.
 */
export async function udpOnlyRelay(targetPort: number): Promise<StandIn> {
  const counts = newCounts();
  const sockets = new Set<UdpSocket>();
  const front = await bindUdp(0, (message, from, socket) => {
    counts.datagrams++;
    const back = createSocket('udp4');
    sockets.add(back);
    back.on('message', (reply, sender) => {
      // Only the server's answer: a stray datagram to this ephemeral port (a late reply to a
      // socket that had it before) must not be passed off as one.
      if (sender.address !== LOOPBACK || sender.port !== targetPort) return;
      counts.forwardedReplies++;
      socket.send(reply, from.port, from.address);
      back.close();
      sockets.delete(back);
    });
    back.send(message, targetPort, LOOPBACK);
  });
  const closeBacks = async (): Promise<void> => {
    for (const s of sockets) s.close();
  };
  return standIn(front.port, counts, [front.close, closeBacks]);
}

/** A TCP port on 127.0.0.1 with nothing listening (free when this returns). */
export async function deadPort(): Promise<number> {
  const tcp = await listenTcp(() => {});
  await tcp.close();
  return tcp.port;
}

/** Whether a TCP connection to `port` on 127.0.0.1 is accepted. */
export function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Counts the bytes and the complete length-prefixed requests of one TCP connection. */
function countRequests(counts: Counts): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    counts.tcpBytes += chunk.length;
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
      counts.tcpRequests++;
      pending = pending.subarray(4 + pending.readUInt32BE(0));
    }
  };
}

type Track = <T extends Socket>(socket: T) => T;

/** A TCP listener, and a UDP socket on the same port that only counts datagrams. */
async function listenBoth(
  counts: Counts,
  onConnection: (socket: Socket, track: Track) => void,
): Promise<StandIn> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tcp = await listenTcp(onConnection);
    try {
      const udp = await bindUdp(tcp.port, () => counts.datagrams++);
      return standIn(tcp.port, counts, [tcp.close, udp.close]);
    } catch {
      // The UDP side of this port is taken by someone else: try another port.
      await tcp.close();
    }
  }
  throw new Error('no loopback port free for both TCP and UDP');
}

async function listenTcp(
  onConnection: (socket: Socket, track: Track) => void,
): Promise<{ port: number; close: () => Promise<void> }> {
  const open = new Set<Socket>();
  const track: Track = (socket) => {
    open.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => open.delete(socket));
    return socket;
  };
  const server: Server = createServer((socket) => onConnection(track(socket), track));
  server.listen(0, LOOPBACK);
  await once(server, 'listening');
  const close = async (): Promise<void> => {
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port: (server.address() as { port: number }).port, close };
}

async function bindUdp(
  port: number,
  onMessage: (message: Buffer, from: { address: string; port: number }, s: UdpSocket) => void,
): Promise<{ port: number; close: () => Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (message, from) => onMessage(message, from, socket));
  socket.bind(port, LOOPBACK);
  try {
    // once() rejects when 'error' comes first, as it does for a port already taken.
    await once(socket, 'listening');
  } catch (err) {
    socket.close();
    throw err;
  }
  const close = (): Promise<void> => new Promise((resolve) => socket.close(() => resolve()));
  return { port: socket.address().port, close };
}

function standIn(
  port: number,
  counts: Counts,
  closers: ReadonlyArray<() => Promise<void>>,
): StandIn {
  return {
    port,
    counts,
    close: async () => {
      for (const close of closers) await close();
    },
  };
}
