/** What every single exchange with a server takes. */

import { ConfigError } from '../errors.js';

/** The largest reply accepted by default: far above any KDC or kpasswd reply. */
export const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

export interface ExchangeOptions {
  /** For the whole attempt: connecting (TCP), sending and receiving the reply. */
  readonly timeoutMs: number;
  /** Replies longer than this are refused (default {@link DEFAULT_MAX_REPLY_BYTES}). */
  readonly maxReplyBytes?: number;
}

/**
 * Builds the request once the socket is ready, from this end's IP address (an RFC 3244
 * KRB-PRIV carries the sender's address). Called at most once; if it throws, nothing is sent
 * and its error is the exchange's error.
 */
export type RequestBuilder = (localAddress: string) => Uint8Array;

/** The request as bytes, or built from the local address. */
export type RequestSource = Uint8Array | RequestBuilder;

export function checkOptions(opts: ExchangeOptions): { timeoutMs: number; maxReplyBytes: number } {
  const { timeoutMs, maxReplyBytes = DEFAULT_MAX_REPLY_BYTES } = opts;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigError(`timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`);
  }
  if (!(Number.isInteger(maxReplyBytes) && maxReplyBytes > 0)) {
    throw new ConfigError(`maxReplyBytes must be a positive integer, not ${maxReplyBytes}`);
  }
  return { timeoutMs, maxReplyBytes };
}

export function buildRequest(source: RequestSource, localAddress: string): Uint8Array {
  return typeof source === 'function' ? source(localAddress) : source;
}
