/** Small helpers shared by the DER tests. */

import assert from 'node:assert/strict';

import { DecodeError } from '../../../src/krb5/errors.js';

/** Bytes from a hex string; spaces are ignored. */
export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Asserts `fn` throws a DecodeError whose message matches `pattern` and names an offset. */
export function assertDecodeError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof DecodeError, `expected DecodeError, got ${String(error)}`);
    assert.equal(error.code, 'ERR_DECODE');
    assert.match(error.message, pattern);
    assert.match(error.message, /at offset \d+$/);
    return true;
  });
}
