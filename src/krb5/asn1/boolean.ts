/** BOOLEAN (X.690 8.2); DER allows only 0x00 and 0xFF (X.690 11.1). */

import type { DerReader } from './reader.js';
import { BOOLEAN } from './tags.js';
import { encodeTlv } from './writer.js';

/** Reads a DER BOOLEAN. */
export function readBoolean(r: DerReader): boolean {
  const { content, offset } = r.primitive(BOOLEAN);
  if (content.length !== 1) r.fail('BOOLEAN must be one octet', offset);
  if (content[0] === 0x00) return false;
  if (content[0] === 0xff) return true;
  return r.fail('BOOLEAN must be 0x00 or 0xFF', offset);
}

/** A DER BOOLEAN. */
export function encodeBoolean(value: boolean): Uint8Array {
  return encodeTlv(BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));
}
