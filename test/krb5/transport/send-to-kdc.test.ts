import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { HostPort } from '../../../src/krb5/config/index.js';
import {
  ConfigError,
  TransportTimeoutError,
  TransportUnreachableError,
} from '../../../src/krb5/errors.js';
import { sendToKdc } from '../../../src/krb5/transport/index.js';
import {
  LOOPBACK,
  frame,
  portFreeForBoth,
  readFramedRequest,
  tcpServer,
  udpServer,
} from './stand-ins.js';

const REQUEST = Uint8Array.from([0x6a, 0x01, 0x00]);
const TOO_BIG = Uint8Array.from([0x7e, 0x00, 0x34]);
const isResponseTooBig = (reply: Uint8Array): boolean =>
  reply.length === TOO_BIG.length && reply.every((b, i) => b === TOO_BIG[i]);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const at = (port: number, transport?: 'tcp' | 'udp'): HostPort =>
  transport === undefined ? { host: LOOPBACK, port } : { host: LOOPBACK, port, transport };

describe('sendToKdc', () => {
  it('tries the addresses in order until one answers', async () => {
    const log: string[] = [];
    const dead = await portFreeForBoth();
    const silent = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      log.push('silent tcp');
    });
    const good = await tcpServer(async (socket) => {
      await readFramedRequest(socket);
      log.push('good tcp');
      socket.write(frame(text('reply from good')));
    });
    try {
      const reply = await sendToKdc([at(dead), at(silent.port), at(good.port)], REQUEST, {
        timeoutMs: 300,
      });
      assert.equal(new TextDecoder().decode(reply), 'reply from good');
      // The silent KDC took the request over TCP: no UDP attempt to it, straight to the next.
      assert.deepEqual(log, ['silent tcp', 'good tcp']);
    } finally {
      await silent.close();
      await good.close();
    }
  });

  it('falls back to UDP when TCP cannot connect', async () => {
    const udp = await udpServer((_m, rinfo, socket) =>
      socket.send(text('over udp'), rinfo.port, rinfo.address),
    );
    try {
      const reply = await sendToKdc([at(udp.port)], REQUEST, { timeoutMs: 1000 });
      assert.equal(new TextDecoder().decode(reply), 'over udp');
    } finally {
      await udp.close();
    }
  });

  it('retries over TCP when the UDP reply says the response is too big', async () => {
    const port = await portFreeForBoth();
    const closers: Array<() => Promise<void>> = [];
    // TCP is refused at first; the UDP server opens the TCP port before answering TOO_BIG.
    const udp = await udpServer(async (_m, rinfo, socket) => {
      const tcp = await tcpServer(async (conn) => {
        await readFramedRequest(conn);
        conn.write(frame(text('the big reply')));
      }, port);
      closers.push(tcp.close);
      socket.send(TOO_BIG, rinfo.port, rinfo.address);
    }, port);
    closers.push(udp.close);
    try {
      const reply = await sendToKdc([at(port)], REQUEST, { timeoutMs: 1000, isResponseTooBig });
      assert.equal(new TextDecoder().decode(reply), 'the big reply');
    } finally {
      for (const close of closers) await close();
    }
  });

  it('returns a TOO_BIG reply untouched when no predicate is given', async () => {
    const udp = await udpServer((_m, rinfo, socket) =>
      socket.send(TOO_BIG, rinfo.port, rinfo.address),
    );
    try {
      assert.deepEqual(await sendToKdc([at(udp.port)], REQUEST, { timeoutMs: 1000 }), TOO_BIG);
    } finally {
      await udp.close();
    }
  });

  it('honours tcp/ and udp/ entries', async () => {
    let udpHits = 0;
    const udp = await udpServer((_m, rinfo, socket) => {
      udpHits++;
      socket.send(TOO_BIG, rinfo.port, rinfo.address);
    });
    try {
      await assert.rejects(
        sendToKdc([at(udp.port, 'tcp')], REQUEST, { timeoutMs: 500 }),
        (err) => err instanceof TransportUnreachableError && err.requestSent === false,
      );
      assert.equal(udpHits, 0, 'a tcp/ entry is never tried over UDP');
      await assert.rejects(
        sendToKdc([at(udp.port, 'udp')], REQUEST, { timeoutMs: 500, isResponseTooBig }),
        /configured for UDP only/,
      );
      assert.equal(udpHits, 1);
    } finally {
      await udp.close();
    }
  });

  it('throws UnreachableError naming every address when none can be reached', async () => {
    const a = await portFreeForBoth();
    const b = await portFreeForBoth();
    await assert.rejects(
      sendToKdc([at(a), at(b)], REQUEST, { timeoutMs: 500 }),
      (err: unknown) =>
        err instanceof TransportUnreachableError &&
        err.requestSent === false &&
        err.message.includes(`127.0.0.1:${a}, 127.0.0.1:${b}`) &&
        (err.message.match(/ECONNREFUSED/g) ?? []).length === 4,
    );
  });

  it('throws TimeoutError when some KDC took the request and never answered', async () => {
    const dead = await portFreeForBoth();
    const silent = await udpServer(() => {});
    try {
      await assert.rejects(
        sendToKdc([at(silent.port), at(dead)], REQUEST, { timeoutMs: 200 }),
        (err: unknown) =>
          err instanceof TransportTimeoutError &&
          err.requestSent === true &&
          err.message.includes(`127.0.0.1:${silent.port}`) &&
          err.message.includes(`127.0.0.1:${dead}`),
      );
    } finally {
      await silent.close();
    }
  });

  it('needs at least one address', async () => {
    await assert.rejects(sendToKdc([], REQUEST, { timeoutMs: 100 }), ConfigError);
  });
});
