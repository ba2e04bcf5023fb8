/**
 * PA-DATA ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING } (its first
 * tag is [1]) and METHOD-DATA ::= SEQUENCE OF PA-DATA (RFC 4120 sections 5.2.7 and 5.9.1).
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeOctetString,
  encodeSequence,
  encodeSequenceOf,
  readField,
  readInt32,
  readOctetString,
  readSequence,
  readSequenceOf,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import type { PaData } from './types.js';

/** DER encoding of a PA-DATA. */
export function encodePaData(value: PaData): Uint8Array {
  return encodeSequence([
    encodeExplicit(1, encodeInt32(value.padataType)),
    encodeExplicit(2, encodeOctetString(value.padataValue)),
  ]);
}

/** Reads a PA-DATA from `r`. */
export function readPaData(r: DerReader): PaData {
  return readSequence(r, (f) => ({
    padataType: readField(f, 1, 'padata-type', readInt32),
    padataValue: readField(f, 2, 'padata-value', readOctetString),
  }));
}

/** Decodes a DER PA-DATA; throws DecodeError. */
export function decodePaData(bytes: Uint8Array): PaData {
  return decodeWhole(bytes, 'PA-DATA', readPaData);
}

/** DER encoding of a METHOD-DATA (also the type of every `padata` field). */
export function encodeMethodData(value: readonly PaData[]): Uint8Array {
  return encodeSequenceOf(value, encodePaData);
}

/** Reads a METHOD-DATA (SEQUENCE OF PA-DATA) from `r`. */
export function readMethodData(r: DerReader): PaData[] {
  return readSequenceOf(r, readPaData);
}

/** Decodes a DER METHOD-DATA; throws DecodeError. */
export function decodeMethodData(bytes: Uint8Array): PaData[] {
  return decodeWhole(bytes, 'METHOD-DATA', readMethodData);
}
