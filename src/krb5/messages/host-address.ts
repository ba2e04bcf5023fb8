/**
 * HostAddress ::= SEQUENCE { addr-type [0] Int32, address [1] OCTET STRING } and
 * HostAddresses ::= SEQUENCE OF HostAddress (RFC 4120 section 5.2.5).
 */

import { decodeWhole, encodeSequenceOf, readSequenceOf } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { typedOctets } from './typed-octets.js';
import type { HostAddress } from './types.js';

const CODEC = typedOctets(
  { tag: 0, name: 'addr-type', key: 'addrType' },
  { tag: 1, name: 'address', key: 'address' },
);

/** DER encoding of a HostAddress. */
export function encodeHostAddress(value: HostAddress): Uint8Array {
  return CODEC.encode(value);
}

/** Reads a HostAddress from `r`. */
export function readHostAddress(r: DerReader): HostAddress {
  return CODEC.read(r);
}

/** Decodes a DER HostAddress; throws DecodeError. */
export function decodeHostAddress(bytes: Uint8Array): HostAddress {
  return decodeWhole(bytes, 'HostAddress', readHostAddress);
}

/** DER encoding of HostAddresses. */
export function encodeHostAddresses(value: readonly HostAddress[]): Uint8Array {
  return encodeSequenceOf(value, encodeHostAddress);
}

/** Reads HostAddresses from `r`. */
export function readHostAddresses(r: DerReader): HostAddress[] {
  return readSequenceOf(r, readHostAddress);
}

/** Decodes DER HostAddresses; throws DecodeError. */
export function decodeHostAddresses(bytes: Uint8Array): HostAddress[] {
  return decodeWhole(bytes, 'HostAddresses', readHostAddresses);
}
