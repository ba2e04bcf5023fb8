import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';

import {
  DecodeError,
  TimeoutError,
  TransportDecodeError,
  TransportTimeoutError,
  TransportUnreachableError,
  UnreachableError,
} from '../../../src/krb5/errors.js';
import { exchangeTcp } from '../../../src/krb5/transport/index.js';
import {
  LOOPBACK,
  closedPort,
  frame,
  readFramedRequest,
  tcpServer,
  unacceptingPort,
} from './stand-ins.js';

const REQUEST = Uint8Array.from([0x6a, 0x81, 0x01, 0x02, 0x03]);
const REPLY = Uint8Array.from([0x6b, 0x05, 0x04, 0x03, 0x02, 0x01]);

describe('exchangeTcp', () => {
  it('sends a length-prefixed request and returns the reply without its prefix', async () => {
    let received: Uint8Array | undefined;
    const srv = await tcpServer(async (socket) => {
      received = await readFramedRequest(socket);
      socket.write(frame(REPLY));
    });
    try {
      const reply = await exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, {
        timeoutMs: 2000,
      });
      assert.deepEqual(reply, REPLY);
      assert.deepEqual(received, REQUEST);
    } finally {
      await srv.close();
    }
  });

  it('reassembles a reply sent one byte at a time, length prefix included', async () => {
    const big = new Uint8Array(300).map((_, i) => i & 0xff);
    const srv = await tcpServer(async (socket) => {
      socket.setNoDelay(true);
      await readFramedRequest(socket);
      for (const byte of frame(big)) {
        socket.write(Uint8Array.of(byte));
        await new Promise((r) => setImmediate(r));
      }
    });
    try {
      const reply = await exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, {
        timeoutMs: 5000,
      });
      assert.deepEqual(reply, big);
    } finally {
      await srv.close();
    }
  });

  it('reports a refused connection as unreachable, request not sent', async () => {
    const port = await closedPort();
    await assert.rejects(
      exchangeTcp({ host: LOOPBACK, port }, REQUEST, { timeoutMs: 2000 }),
      (err: unknown) =>
        err instanceof TransportUnreachableError &&
        err instanceof UnreachableError &&
        err.code === 'ERR_UNREACHABLE' &&
        err.requestSent === false &&
        err.message.includes(`127.0.0.1:${port}`) &&
        err.message.includes('ECONNREFUSED'),
    );
  });

  it('times out, requestSent true, when the server takes the request and is silent', async () => {
    let requestArrived = false;
    const srv = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      requestArrived = true;
    });
    try {
      const started = Date.now();
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, { timeoutMs: 300 }),
        (err: unknown) =>
          err instanceof TransportTimeoutError &&
          err instanceof TimeoutError &&
          err.code === 'ERR_TIMEOUT' &&
          err.requestSent === true,
      );
      assert.ok(Date.now() - started >= 290);
      assert.ok(requestArrived);
      // The client closed its socket: the server's side sees the end of the connection.
      const [socket] = [...srv.sockets];
      if (socket !== undefined) await once(socket, 'close');
      assert.equal(srv.sockets.size, 0);
    } finally {
      await srv.close();
    }
  });

  it('times out with requestSent false when the connection cannot be made in time', async () => {
    const stalled = await unacceptingPort();
    try {
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: stalled.port }, REQUEST, { timeoutMs: 300 }),
        (err: unknown) =>
          err instanceof TransportTimeoutError &&
          err.requestSent === false &&
          /could not connect/.test(err.message),
      );
    } finally {
      stalled.close();
    }
  });

  it('refuses a reply length with the high bit set', async () => {
    const srv = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      socket.write(Buffer.from([0x80, 0x00, 0x00, 0x10]));
    });
    try {
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, { timeoutMs: 2000 }),
        (err: unknown) =>
          err instanceof TransportDecodeError &&
          err instanceof DecodeError &&
          err.requestSent === true &&
          /high bit/.test(err.message),
      );
    } finally {
      await srv.close();
    }
  });

  it('refuses an announced length over the limit without waiting for the bytes', async () => {
    const srv = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      socket.write(Buffer.from([0x7f, 0xff, 0xff, 0xff]));
    });
    try {
      const started = Date.now();
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, { timeoutMs: 5000 }),
        (err: unknown) =>
          err instanceof TransportDecodeError && /exceeds the limit/.test(err.message),
      );
      assert.ok(Date.now() - started < 2000);
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, {
          timeoutMs: 5000,
          maxReplyBytes: 16,
        }),
        TransportDecodeError,
      );
    } finally {
      await srv.close();
    }
  });

  it('reports a connection closed after the request as unreachable, request sent', async () => {
    const srv = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      socket.end(Buffer.from([0x00, 0x00])); // half a length prefix, then goodbye
    });
    try {
      await assert.rejects(
        exchangeTcp({ host: LOOPBACK, port: srv.port }, REQUEST, { timeoutMs: 2000 }),
        (err: unknown) =>
          err instanceof TransportUnreachableError &&
          err.requestSent === true &&
          /closed the TCP connection/.test(err.message),
      );
    } finally {
      await srv.close();
    }
  });

  it('builds the request from the local address once connected', async () => {
    const srv = await tcpServer(async (socket) => {
      const request = await readFramedRequest(socket);
      socket.write(frame(request));
    });
    try {
      let seen: string | undefined;
      const reply = await exchangeTcp(
        { host: LOOPBACK, port: srv.port },
        (local) => {
          seen = local;
          return new TextEncoder().encode(`from ${local}`);
        },
        { timeoutMs: 2000 },
      );
      assert.equal(seen, '127.0.0.1');
      assert.equal(new TextDecoder().decode(reply), 'from 127.0.0.1');
    } finally {
      await srv.close();
    }
  });

  it("passes a builder's error through and sends nothing", async () => {
    let gotData = false;
    const srv = await tcpServer((socket) => socket.on('data', () => (gotData = true)));
    try {
      const boom = new Error('cannot build');
      await assert.rejects(
        exchangeTcp(
          { host: LOOPBACK, port: srv.port },
          () => {
            throw boom;
          },
          { timeoutMs: 2000 },
        ),
        (err: unknown) => err === boom,
      );
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(gotData, false);
    } finally {
      await srv.close();
    }
  });

  it('rejects a nonsensical timeout', async () => {
    await assert.rejects(
      exchangeTcp({ host: LOOPBACK, port: 1 }, REQUEST, { timeoutMs: 0 }),
      /timeoutMs/,
    );
  });
});
