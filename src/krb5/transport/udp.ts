/** One request, one reply, over UDP (RFC 4120 section 7.2.1; RFC 3244 section 2). */

import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { formatHostPort, type HostPort } from '../config/host-port.js';
import { TransportTimeoutError, TransportUnreachableError } from '../errors.js';
import { buildRequest, checkOptions, type ExchangeOptions, type RequestSource } from './options.js';

/** The largest UDP payload over IPv4. */
const MAX_DATAGRAM = 65507;

/**
 * Sends one datagram to `addr` and returns the first reply from that same address and port.
 * The socket is connected to the server, so the kernel drops datagrams from anyone else and
 * reports an ICMP "port unreachable" as a refusal. The socket is closed on every path.
 *
 * Errors carry `requestSent` (see RequestSentInfo in ../errors.ts):
 * - TransportUnreachableError, requestSent false: name not resolved, no route, refused;
 * - TransportTimeoutError, requestSent true: sent, no reply in time (requestSent false only
 *   if the time ran out before sending, e.g. in a slow name lookup).
 * A reply longer than `maxReplyBytes` is ignored like a stray datagram.
 */
export async function exchangeUdp(
  addr: HostPort,
  request: RequestSource,
  opts: ExchangeOptions,
): Promise<Uint8Array> {
  const { timeoutMs, maxReplyBytes } = checkOptions(opts);
  const where = formatHostPort(addr);
  const started = Date.now();
  const target = await resolve(addr, where, timeoutMs);
  const remaining = Math.max(1, timeoutMs - (Date.now() - started));

  return new Promise((resolvePromise, reject) => {
    const socket: Socket = createSocket(target.family === 6 ? 'udp6' : 'udp4');
    let sent = false;
    let settled = false;

    const finish = (err: unknown, reply?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        socket.close();
      } catch {
        // Already closed by a failed bind or connect.
      }
      if (reply !== undefined) resolvePromise(reply);
      else reject(err);
    };

    const timer = setTimeout(() => {
      finish(
        new TransportTimeoutError(`no reply from ${where} over UDP within ${timeoutMs} ms`, sent),
      );
    }, remaining);

    // Only a failed send or an ICMP error ends up here: either way no server took the datagram.
    socket.on('error', (err) => finish(unreachable(where, err)));

    socket.on('message', (msg, rinfo) => {
      if (rinfo.address !== target.address || rinfo.port !== addr.port) return;
      if (msg.length === 0 || msg.length > maxReplyBytes) return;
      finish(undefined, new Uint8Array(msg.buffer, msg.byteOffset, msg.length).slice());
    });

    socket.connect(addr.port, target.address, () => {
      let message: Uint8Array;
      try {
        message = buildRequest(request, socket.address().address);
      } catch (err) {
        finish(err);
        return;
      }
      if (message.length > MAX_DATAGRAM) {
        finish(new TransportUnreachableError(`request too large for UDP to ${where}`, false));
        return;
      }
      sent = true;
      socket.send(message, (err) => {
        if (err) finish(unreachable(where, err));
      });
    });
  });
}

function unreachable(where: string, err: NodeJS.ErrnoException): TransportUnreachableError {
  const code = err.code ?? 'error';
  return new TransportUnreachableError(`cannot reach ${where} over UDP (${code})`, false, {
    cause: err,
  });
}

async function resolve(
  addr: HostPort,
  where: string,
  timeoutMs: number,
): Promise<{ address: string; family: number }> {
  const family = isIP(addr.host);
  if (family !== 0) return { address: addr.host, family };

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new TransportTimeoutError(`could not resolve ${where} within ${timeoutMs} ms`, false),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([lookup(addr.host), timeout]);
  } catch (err) {
    if (err instanceof TransportTimeoutError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new TransportUnreachableError(`cannot resolve ${where} (${code})`, false, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
