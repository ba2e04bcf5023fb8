/**
 * KerberosString ::= GeneralString (IA5String) (RFC 4120 section 5.2.1). In practice MIT and
 * Active Directory put UTF-8 in names, realms and salts, so this codec reads and writes UTF-8;
 * bytes that are not valid UTF-8 are refused rather than replaced.
 */

import type { DerReader } from './reader.js';
import { GENERAL_STRING } from './tags.js';
import { encodeTlv } from './writer.js';

// fatal: invalid UTF-8 is an error; ignoreBOM: keep a leading U+FEFF so bytes round-trip.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Reads a KerberosString (GeneralString) as UTF-8. */
export function readKerberosString(r: DerReader): string {
  const { content, offset } = r.primitive(GENERAL_STRING);
  try {
    return utf8.decode(content);
  } catch {
    return r.fail('KerberosString is not valid UTF-8', offset);
  }
}

/** A KerberosString (GeneralString) holding the UTF-8 bytes of `value`. */
export function encodeKerberosString(value: string): Uint8Array {
  return encodeTlv(GENERAL_STRING, utf8Encoder.encode(value));
}
