/**
 * KRB-PRIV ::= [APPLICATION 21] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (21),
 * enc-part [3] EncryptedData } (RFC 4120 section 5.7.1; there is no [2]).
 */

import { decodeWhole } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB_PRIV } from '../iana/message-types.js';
import { encodeEncPartMessage, readEncPartMessage } from './enc-part-message.js';
import type { KrbPriv } from './types.js';

const LAYOUT = { msgType: KRB_PRIV, encPartTag: 3 };

/** DER encoding of a KRB-PRIV. */
export function encodeKrbPriv(value: KrbPriv): Uint8Array {
  return encodeEncPartMessage(LAYOUT, value.encPart);
}

/** Reads a KRB-PRIV from `r`. */
export function readKrbPriv(r: DerReader): KrbPriv {
  return { encPart: readEncPartMessage(r, LAYOUT) };
}

/** Decodes a DER KRB-PRIV; throws DecodeError. */
export function decodeKrbPriv(bytes: Uint8Array): KrbPriv {
  return decodeWhole(bytes, 'KRB-PRIV', readKrbPriv);
}
