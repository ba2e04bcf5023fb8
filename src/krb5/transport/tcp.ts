/** One request, one reply, over TCP (RFC 4120 section 7.2.2; RFC 3244 section 2). */

import { connect, type Socket } from 'node:net';

import { formatHostPort, type HostPort } from '../config/host-port.js';
import { TransportTimeoutError, TransportUnreachableError } from '../errors.js';
import type { EarlyConnection } from './early-connection.js';
import { buildRequest, checkOptions, type ExchangeOptions, type RequestSource } from './options.js';
import { TcpReplyReader, frameTcpRequest } from './tcp-framing.js';

/**
 * Sends one request to `addr` over a new TCP connection and returns the reply, without its
 * length prefix. The socket is closed on every path.
 *
 * Errors carry `requestSent` (see RequestSentInfo in ../errors.ts):
 * - TransportUnreachableError, requestSent false: refused, no route, reset before sending;
 * - TransportTimeoutError, requestSent false: the connection was not made in time;
 * - TransportTimeoutError, requestSent true: sent, no complete reply in time;
 * - TransportUnreachableError, requestSent true: the peer closed or reset after the request;
 * - TransportDecodeError (always sent): bad length prefix (high bit, over the limit, zero).
 * An error thrown by a request builder is passed through as is; nothing was sent then.
 *
 * `early`, a connection opened to `addr` ahead of the request, is used when it is still good;
 * otherwise a new one is made. Either way the timeout runs from this call.
 */
export async function exchangeTcp(
  addr: HostPort,
  request: RequestSource,
  opts: ExchangeOptions,
  early?: EarlyConnection,
): Promise<Uint8Array> {
  const { timeoutMs, maxReplyBytes } = checkOptions(opts);
  const where = formatHostPort(addr);

  return new Promise((resolve, reject) => {
    const reader = new TcpReplyReader(maxReplyBytes);
    const socket: Socket = early?.take(addr) ?? connect({ host: addr.host, port: addr.port });
    let connected = false;
    let sent = false;
    let settled = false;

    const finish = (err: unknown, reply?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (reply !== undefined) resolve(reply);
      else reject(err);
    };

    const timer = setTimeout(() => {
      const what = connected ? 'no reply from' : 'could not connect to';
      finish(new TransportTimeoutError(`${what} ${where} over TCP within ${timeoutMs} ms`, sent));
    }, timeoutMs);

    const onConnect = (): void => {
      connected = true;
      let framed: Uint8Array;
      try {
        framed = frameTcpRequest(buildRequest(request, socket.localAddress ?? ''));
      } catch (err) {
        finish(err);
        return;
      }
      sent = true;
      socket.write(framed);
    };

    socket.on('data', (chunk: Buffer) => {
      try {
        const reply = reader.push(chunk);
        if (reply !== undefined) finish(undefined, reply);
      } catch (err) {
        finish(err);
      }
    });

    socket.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'error';
      const message = sent
        ? `TCP connection to ${where} failed after the request was sent (${code})`
        : `cannot connect to ${where} over TCP (${code})`;
      finish(new TransportUnreachableError(message, sent, { cause: err }));
    });

    const closed = (): void => {
      // Also the echo of this side's own destroy() once settled: build no error for that.
      if (settled) return;
      const what = `${where} closed the TCP connection before a complete reply`;
      finish(new TransportUnreachableError(what, sent));
    };
    socket.once('end', closed);
    socket.once('close', closed);

    if (socket.connecting) socket.once('connect', onConnect);
    else onConnect();
  });
}
