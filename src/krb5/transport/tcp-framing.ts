/**
 * Kerberos over TCP (RFC 4120 section 7.2.2): each message is preceded by its length as four
 * bytes, big-endian; the high bit is reserved and must be zero.
 */

import { TransportDecodeError } from '../errors.js';

const HIGH_BIT = 0x80000000;

/** The request with its length prefix. */
export function frameTcpRequest(message: Uint8Array): Uint8Array {
  if (message.length >= HIGH_BIT) throw new RangeError('request too long for TCP framing');
  const framed = new Uint8Array(4 + message.length);
  new DataView(framed.buffer).setUint32(0, message.length);
  framed.set(message, 4);
  return framed;
}

/**
 * Collects a length-prefixed reply arriving in any number of chunks. The announced length is
 * checked before anything is kept for it, so a hostile length costs no memory.
 */
export class TcpReplyReader {
  readonly #maxBytes: number;
  #chunks: Uint8Array[] = [];
  #received = 0;
  #length: number | undefined;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Adds a chunk; returns the reply once complete. Throws TransportDecodeError. */
  push(chunk: Uint8Array): Uint8Array | undefined {
    this.#chunks.push(chunk);
    this.#received += chunk.length;
    if (this.#length === undefined) {
      if (this.#received < 4) return undefined;
      this.#length = this.#readLength();
    }
    if (this.#received < 4 + this.#length) return undefined;
    // Bytes beyond the announced length are ignored: the connection is closed next.
    const reply = new Uint8Array(this.#length);
    reply.set(concat(this.#chunks, this.#received).subarray(4, 4 + this.#length));
    return reply;
  }

  #readLength(): number {
    const head = concat(this.#chunks, this.#received);
    this.#chunks = [head];
    const length = new DataView(head.buffer, head.byteOffset, 4).getUint32(0);
    if (length >= HIGH_BIT) {
      throw new TransportDecodeError('TCP reply length has the reserved high bit set');
    }
    if (length > this.#maxBytes) {
      throw new TransportDecodeError(
        `TCP reply of ${length} bytes exceeds the limit of ${this.#maxBytes}`,
      );
    }
    if (length === 0) throw new TransportDecodeError('empty TCP reply');
    return length;
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
