/**
 * MIT keytab files, format version 0x0502 (there is no RFC; the layout is MIT's, as its
 * documentation "Keytab file format" describes). All integers are big-endian:
 *
 *   keytab  = u16 version (0x0502), then entries until the end of the file
 *   entry   = i32 size (negative: a deleted slot of -size bytes; 0: end), then size bytes:
 *             u16 component count, counted realm, counted components, u32 name type,
 *             u32 timestamp, u8 kvno, u16 enctype, counted key,
 *             then optionally a u32 kvno (used when non-zero) and anything after it (Heimdal
 *             adds flags), which is skipped
 *   counted = u16 length, then that many bytes
 *
 * Version 0x0501 stored integers in the writing host's byte order and is not read.
 */

import { readFile } from 'node:fs/promises';

import { DecodeError } from './errors.js';
import type { EncryptionKey, PrincipalName } from './messages/types.js';

/** One key of one principal. */
export interface KeytabEntry {
  readonly principal: PrincipalName;
  readonly realm: string;
  /** When the key was written. */
  readonly timestamp: Date;
  /** The 32-bit kvno when present and non-zero, else the 8-bit one. */
  readonly kvno: number;
  /** keytype is the enctype. */
  readonly key: EncryptionKey;
}

const VERSION_0502 = 0x0502;
const VERSION_0501 = 0x0501;

/** Parses a whole keytab file. Throws DecodeError on anything truncated or malformed. */
export function parseKeytab(bytes: Uint8Array): KeytabEntry[] {
  const reader = new Reader(bytes, 'keytab');
  const version = reader.u16();
  if (version === VERSION_0501) {
    throw new DecodeError('keytab format 0x0501 (host byte order) is not supported');
  }
  if (version !== VERSION_0502) {
    throw new DecodeError(`not a keytab file (version 0x${version.toString(16)})`);
  }

  const entries: KeytabEntry[] = [];
  while (!reader.done()) {
    const size = reader.i32();
    if (size === 0) {
      reader.expectZeros();
      break;
    }
    if (size < 0) {
      reader.skip(-size);
      continue;
    }
    entries.push(parseEntry(new Reader(reader.take(size), 'keytab entry')));
  }
  return entries;
}

/** Reads and parses a keytab file. */
export async function readKeytabFile(path: string): Promise<KeytabEntry[]> {
  return parseKeytab(new Uint8Array(await readFile(path)));
}

function parseEntry(r: Reader): KeytabEntry {
  const count = r.u16();
  const realm = r.text();
  const nameString: string[] = [];
  for (let i = 0; i < count; i++) nameString.push(r.text());
  const nameType = r.u32();
  const timestamp = new Date(r.u32() * 1000);
  const kvno8 = r.u8();
  const keytype = r.u16();
  const keyvalue = r.counted().slice();

  // MIT writes the 32-bit kvno after the key; older writers stop at the key.
  const kvno32 = r.remaining() >= 4 ? r.u32() : 0;
  return {
    principal: { nameType, nameString },
    realm,
    timestamp,
    kvno: kvno32 !== 0 ? kvno32 : kvno8,
    key: { keytype, keyvalue },
  };
}

/** Bounds-checked big-endian reading; every overrun is a DecodeError. */
class Reader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #what: string;
  #offset = 0;

  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#what = what;
  }

  done(): boolean {
    return this.#offset === this.#bytes.length;
  }

  remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  u8(): number {
    this.#need(1);
    return this.#view.getUint8(this.#offset++);
  }

  u16(): number {
    this.#need(2);
    const v = this.#view.getUint16(this.#offset);
    this.#offset += 2;
    return v;
  }

  u32(): number {
    this.#need(4);
    const v = this.#view.getUint32(this.#offset);
    this.#offset += 4;
    return v;
  }

  i32(): number {
    this.#need(4);
    const v = this.#view.getInt32(this.#offset);
    this.#offset += 4;
    return v;
  }

  take(n: number): Uint8Array {
    this.#need(n);
    const out = this.#bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  skip(n: number): void {
    this.take(n);
  }

  counted(): Uint8Array {
    return this.take(this.u16());
  }

  text(): string {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(this.counted());
    } catch (err) {
      if (err instanceof DecodeError) throw err;
      throw new DecodeError(`${this.#what}: a name is not valid UTF-8`);
    }
  }

  /** MIT stops at a zero size; what follows must be zero padding, not data. */
  expectZeros(): void {
    if (this.take(this.remaining()).some((b) => b !== 0)) {
      throw new DecodeError(`${this.#what}: data after the end marker`);
    }
  }

  #need(n: number): void {
    if (n > this.#bytes.length - this.#offset) {
      throw new DecodeError(`${this.#what} truncated`);
    }
  }
}
