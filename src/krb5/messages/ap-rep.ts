/**
 * AP-REP ::= [APPLICATION 15] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (15),
 * enc-part [2] EncryptedData } (RFC 4120 section 5.5.2).
 */

import { decodeWhole } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB_AP_REP } from '../iana/message-types.js';
import { encodeEncPartMessage, readEncPartMessage } from './enc-part-message.js';
import type { ApRep } from './types.js';

const LAYOUT = { msgType: KRB_AP_REP, encPartTag: 2 };

/** DER encoding of an AP-REP. */
export function encodeApRep(value: ApRep): Uint8Array {
  return encodeEncPartMessage(LAYOUT, value.encPart);
}

/** Reads an AP-REP from `r`. */
export function readApRep(r: DerReader): ApRep {
  return { encPart: readEncPartMessage(r, LAYOUT) };
}

/** Decodes a DER AP-REP; throws DecodeError. */
export function decodeApRep(bytes: Uint8Array): ApRep {
  return decodeWhole(bytes, 'AP-REP', readApRep);
}
