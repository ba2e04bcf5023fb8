/**
 * Sending an AS or TGS request to a realm's KDCs. Unlike a password change, such a request
 * may be sent again: a KDC keeps no state between requests (RFC 4120 section 3.1), so the
 * next address is tried after any failure.
 */

import { formatHostPort, type HostPort } from '../config/host-port.js';
import {
  ConfigError,
  KerberosError,
  TransportTimeoutError,
  TransportUnreachableError,
} from '../errors.js';
import { EarlyConnection } from './early-connection.js';
import type { ExchangeOptions } from './options.js';
import { exchangeTcp } from './tcp.js';
import { exchangeUdp } from './udp.js';

export interface SendToKdcOptions extends ExchangeOptions {
  /**
   * Whether a UDP reply is a KRB-ERROR KRB_ERR_RESPONSE_TOO_BIG (RFC 4120 section 7.2.1);
   * such a reply is followed by the same request over TCP to the same KDC.
   */
  readonly isResponseTooBig?: (reply: Uint8Array) => boolean;
}

type Outcome = { ok: true; reply: Uint8Array } | { ok: false; sent: boolean };

/**
 * Sends `request` to each address in turn until one replies: over TCP first, then over UDP
 * when TCP could not connect (an entry written `tcp/` or `udp/` uses only that transport).
 * Each attempt has its own `timeoutMs`. When every address fails, throws a
 * TransportTimeoutError if some KDC took the request and did not answer, else a
 * TransportUnreachableError; either names every attempt.
 *
 * A request still being made (a promise) opens the TCP connection to the first address at
 * once, and is sent when ready; if it rejects, its error is thrown and nothing is sent.
 */
export async function sendToKdc(
  addresses: readonly HostPort[],
  request: Uint8Array | Promise<Uint8Array>,
  opts: SendToKdcOptions,
): Promise<Uint8Array> {
  if (addresses.length === 0) throw new ConfigError('no KDC address to send the request to');
  if (request instanceof Uint8Array) return sendEach(addresses, request, opts);

  const first = addresses[0]!;
  const early = first.transport === 'udp' ? undefined : EarlyConnection.open(first, opts.timeoutMs);
  try {
    return await sendEach(addresses, await request, opts, early);
  } finally {
    early?.close();
  }
}

async function sendEach(
  addresses: readonly HostPort[],
  request: Uint8Array,
  opts: SendToKdcOptions,
  early?: EarlyConnection,
): Promise<Uint8Array> {
  const failures: KerberosError[] = [];
  for (const addr of addresses) {
    const reply = await tryAddress(addr, request, opts, failures, early);
    if (reply !== undefined) return reply;
  }
  throw summarize(addresses, failures);
}

async function tryAddress(
  addr: HostPort,
  request: Uint8Array,
  opts: SendToKdcOptions,
  failures: KerberosError[],
  early: EarlyConnection | undefined,
): Promise<Uint8Array | undefined> {
  if (addr.transport !== 'udp') {
    const tcp = await attempt(() => exchangeTcp(addr, request, opts, early), failures);
    if (tcp.ok) return tcp.reply;
    if (tcp.sent || addr.transport === 'tcp') return undefined;
  }

  const udp = await attempt(() => exchangeUdp(addr, request, opts), failures);
  if (!udp.ok) return undefined;
  if (opts.isResponseTooBig?.(udp.reply) !== true) return udp.reply;
  if (addr.transport === 'udp') {
    failures.push(
      new TransportUnreachableError(
        `${formatHostPort(addr)} answered "response too big" and is configured for UDP only`,
        true,
      ),
    );
    return undefined;
  }

  const retry = await attempt(() => exchangeTcp(addr, request, opts), failures);
  return retry.ok ? retry.reply : undefined;
}

async function attempt(run: () => Promise<Uint8Array>, failures: KerberosError[]) {
  try {
    return { ok: true, reply: await run() } satisfies Outcome;
  } catch (err) {
    if (!(err instanceof KerberosError)) throw err;
    failures.push(err);
    return { ok: false, sent: wasSent(err) } satisfies Outcome;
  }
}

/** Anything but an explicit "not sent" counts as sent. */
function wasSent(err: KerberosError): boolean {
  return (err as { requestSent?: unknown }).requestSent !== false;
}

function summarize(addresses: readonly HostPort[], failures: readonly KerberosError[]) {
  const tried = addresses.map(formatHostPort).join(', ');
  const message = `no KDC answered (tried ${tried}): ${failures.map((f) => f.message).join('; ')}`;
  const anySent = failures.some(wasSent);
  if (failures.some((f) => f instanceof TransportTimeoutError && f.requestSent)) {
    return new TransportTimeoutError(message, true);
  }
  return new TransportUnreachableError(message, anySent, { cause: failures[failures.length - 1] });
}
