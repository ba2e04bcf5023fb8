/**
 * PA-DATA ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING } (its first
 * tag is [1]) and METHOD-DATA ::= SEQUENCE OF PA-DATA (RFC 4120 sections 5.2.7 and 5.9.1).
 */

import { decodeWhole, encodeSequenceOf, readSequenceOf } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { typedOctets } from './typed-octets.js';
import type { PaData } from './types.js';

const CODEC = typedOctets(
  { tag: 1, name: 'padata-type', key: 'padataType' },
  { tag: 2, name: 'padata-value', key: 'padataValue' },
);

/** DER encoding of a PA-DATA. */
export function encodePaData(value: PaData): Uint8Array {
  return CODEC.encode(value);
}

/** Reads a PA-DATA from `r`. */
export function readPaData(r: DerReader): PaData {
  return CODEC.read(r);
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
