/**
 * Connections opened before their request exists (src/krb5/transport/early-connection.ts):
 * used when still good, replaced when the server dropped them, and never carrying anything
 * when the request is never made. Stand-in servers on 127.0.0.1.
 */

import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';

import { EarlyConnection } from '../../../src/krb5/transport/early-connection.js';
import { exchangeTcp, sendToKdc } from '../../../src/krb5/transport/index.js';
import { LOOPBACK, frame, readFramedRequest, tcpServer } from './stand-ins.js';

const REQUEST = Uint8Array.from([0x6a, 0x81, 0x01, 0x02, 0x03]);
const REPLY = Uint8Array.from([0x6b, 0x05, 0x04, 0x03, 0x02, 0x01]);

/** A server answering every framed request with REPLY, keeping count of what it saw. */
async function countingServer(onConnection?: (socket: Socket) => void) {
  const seen = { connections: 0, requests: 0, bytes: 0 };
  const srv = await tcpServer((socket) => {
    seen.connections += 1;
    socket.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
    onConnection?.(socket);
    void readFramedRequest(socket).then(() => {
      seen.requests += 1;
      socket.write(frame(REPLY));
    });
  });
  return { ...srv, seen, addr: { host: LOOPBACK, port: srv.port } };
}

const ticks = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EarlyConnection', () => {
  it('carries the request on the connection opened before it', async () => {
    const srv = await countingServer();
    try {
      const early = EarlyConnection.open(srv.addr, 2000);
      await ticks(20);
      assert.equal(srv.seen.connections, 1, 'connected before the request existed');
      const reply = await exchangeTcp(srv.addr, REQUEST, { timeoutMs: 2000 }, early);
      assert.deepEqual(reply, REPLY);
      assert.equal(srv.seen.connections, 1, 'no second connection');
      assert.equal(srv.seen.requests, 1);
    } finally {
      await srv.close();
    }
  });

  it('is replaced by a new connection when the server closed it meanwhile', async () => {
    let first = true;
    const srv = await countingServer((socket) => {
      if (first) socket.end();
      first = false;
    });
    try {
      const early = EarlyConnection.open(srv.addr, 2000);
      await ticks(50);
      const reply = await exchangeTcp(srv.addr, REQUEST, { timeoutMs: 2000 }, early);
      assert.deepEqual(reply, REPLY);
      assert.equal(srv.seen.connections, 2);
    } finally {
      await srv.close();
    }
  });

  it('is not used for another address', async () => {
    const a = await countingServer();
    const b = await countingServer();
    try {
      const early = EarlyConnection.open(a.addr, 2000);
      await ticks(20);
      assert.deepEqual(await exchangeTcp(b.addr, REQUEST, { timeoutMs: 2000 }, early), REPLY);
      assert.equal(b.seen.requests, 1);
      assert.equal(a.seen.requests, 0);
      await ticks(20);
      assert.equal(a.sockets.size, 0, 'the unused connection was closed');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('is closed when nobody takes it in time, and the exchange then connects anew', async () => {
    const srv = await countingServer();
    try {
      const early = EarlyConnection.open(srv.addr, 30);
      await ticks(20);
      assert.equal(srv.sockets.size, 1);
      await ticks(60);
      assert.equal(srv.sockets.size, 0, 'closed after its idle time');
      assert.deepEqual(await exchangeTcp(srv.addr, REQUEST, { timeoutMs: 2000 }, early), REPLY);
      assert.equal(srv.seen.connections, 2);
    } finally {
      await srv.close();
    }
  });

  it('an address net.connect refuses outright is not thrown at open', async () => {
    const addr = { host: LOOPBACK, port: 70_000 };
    const early = EarlyConnection.open(addr, 1000);
    assert.equal(early.take(addr), undefined);
    await assert.rejects(sendToKdc([addr], Promise.resolve(REQUEST), { timeoutMs: 500 }));
  });

  it('sendToKdc connects while the request is being made, then sends it', async () => {
    const srv = await countingServer();
    try {
      let ready!: (bytes: Uint8Array) => void;
      const request = new Promise<Uint8Array>((resolve) => (ready = resolve));
      const reply = sendToKdc([srv.addr], request, { timeoutMs: 2000 });
      await ticks(20);
      assert.equal(srv.seen.connections, 1);
      assert.equal(srv.seen.bytes, 0, 'nothing sent before the request is ready');
      ready(REQUEST);
      assert.deepEqual(await reply, REPLY);
      assert.equal(srv.seen.connections, 1);
    } finally {
      await srv.close();
    }
  });

  it('a request that is never made sends nothing and rejects with its own error', async () => {
    const srv = await countingServer();
    try {
      let fail!: (err: Error) => void;
      const request = new Promise<Uint8Array>((_, reject) => (fail = reject));
      const reply = sendToKdc([srv.addr], request, { timeoutMs: 2000 });
      await ticks(20);
      const reason = new Error('the change was refused');
      fail(reason);
      await assert.rejects(reply, (err: unknown) => err === reason);
      const [socket] = srv.sockets;
      if (socket !== undefined) await once(socket, 'close');
      assert.equal(srv.seen.bytes, 0);
      assert.equal(srv.sockets.size, 0, 'the connection was closed');
    } finally {
      await srv.close();
    }
  });
});
