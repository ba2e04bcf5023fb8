/** Loads RFC test vectors stored as JSON under test/vectors/. */

import { readFileSync } from 'node:fs';

/** A vector file: where its values come from, and the values. */
export interface VectorFile<T> {
  readonly source: string;
  readonly vectors: readonly T[];
}

/** Reads test/vectors/`name`. */
export function loadVectors<T>(name: string): VectorFile<T> & Record<string, unknown> {
  const url = new URL(`../../vectors/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as VectorFile<T> & Record<string, unknown>;
}

/** Hex to bytes. */
export function unhex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Bytes to lower-case hex. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
