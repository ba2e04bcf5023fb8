import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { describe, it } from 'node:test';

import { TransportTimeoutError, TransportUnreachableError } from '../../../src/krb5/errors.js';
import { exchangeUdp } from '../../../src/krb5/transport/index.js';
import { LOOPBACK, closedPort, udpServer } from './stand-ins.js';

const REQUEST = Uint8Array.from([0x6a, 0x03, 0x01, 0x02, 0x03]);
const REPLY = Uint8Array.from([0x6b, 0x02, 0x09, 0x08]);

describe('exchangeUdp', () => {
  it('sends one datagram and returns the reply', async () => {
    const received: Uint8Array[] = [];
    const srv = await udpServer((msg, rinfo, socket) => {
      received.push(new Uint8Array(msg));
      socket.send(REPLY, rinfo.port, rinfo.address);
    });
    try {
      const reply = await exchangeUdp({ host: LOOPBACK, port: srv.port }, REQUEST, {
        timeoutMs: 2000,
      });
      assert.deepEqual(reply, REPLY);
      assert.deepEqual(received, [REQUEST]);
    } finally {
      await srv.close();
    }
  });

  it('ignores a datagram from another address and takes the real reply', async () => {
    const impostor = createSocket('udp4');
    await new Promise<void>((resolve) => impostor.bind(0, LOOPBACK, resolve));
    const srv = await udpServer((_msg, rinfo, socket) => {
      impostor.send(Uint8Array.of(0xee), rinfo.port, rinfo.address);
      setTimeout(() => socket.send(REPLY, rinfo.port, rinfo.address), 50);
    });
    try {
      const reply = await exchangeUdp({ host: LOOPBACK, port: srv.port }, REQUEST, {
        timeoutMs: 2000,
      });
      assert.deepEqual(reply, REPLY);
    } finally {
      impostor.close();
      await srv.close();
    }
  });

  it('reports a closed port as unreachable, request not received', async () => {
    const port = await closedPort();
    await assert.rejects(
      exchangeUdp({ host: LOOPBACK, port }, REQUEST, { timeoutMs: 2000 }),
      (err: unknown) =>
        err instanceof TransportUnreachableError &&
        err.requestSent === false &&
        err.message.includes(`127.0.0.1:${port}`),
    );
  });

  it('times out with requestSent true when nobody answers', async () => {
    let got = 0;
    const srv = await udpServer(() => got++);
    try {
      await assert.rejects(
        exchangeUdp({ host: LOOPBACK, port: srv.port }, REQUEST, { timeoutMs: 250 }),
        (err: unknown) => err instanceof TransportTimeoutError && err.requestSent === true,
      );
      assert.equal(got, 1, 'exactly one datagram, no retransmission');
    } finally {
      await srv.close();
    }
  });

  it('gives the request builder the local address', async () => {
    const srv = await udpServer((msg, rinfo, socket) =>
      socket.send(msg, rinfo.port, rinfo.address),
    );
    try {
      const reply = await exchangeUdp(
        { host: LOOPBACK, port: srv.port },
        (local) => new TextEncoder().encode(local),
        { timeoutMs: 2000 },
      );
      assert.equal(new TextDecoder().decode(reply), '127.0.0.1');
    } finally {
      await srv.close();
    }
  });
});
