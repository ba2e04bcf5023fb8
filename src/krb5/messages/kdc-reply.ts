/** A KDC's answer to an AS-REQ: an AS-REP or a KRB-ERROR, told apart by the APPLICATION tag. */

import { DerReader, applicationTag, decodeWhole, describeTag, sameTag } from '../asn1/der.js';
import { KRB_AS_REP, KRB_ERROR } from '../iana/message-types.js';
import { readAsRep } from './as-rep.js';
import { readKrbError } from './krb-error.js';
import type { AsRep, KrbError } from './types.js';

export type KdcReply =
  | { readonly kind: 'AS-REP'; readonly value: AsRep }
  | { readonly kind: 'KRB-ERROR'; readonly value: KrbError };

/** Decodes a KDC reply; anything but [APPLICATION 11] or [APPLICATION 30] is a DecodeError. */
export function decodeKdcReply(bytes: Uint8Array): KdcReply {
  return decodeWhole(bytes, 'KDC reply', (r: DerReader): KdcReply => {
    const tag = r.peekTag();
    if (tag !== undefined && sameTag(tag, applicationTag(KRB_AS_REP))) {
      return { kind: 'AS-REP', value: readAsRep(r) };
    }
    if (tag !== undefined && sameTag(tag, applicationTag(KRB_ERROR))) {
      return { kind: 'KRB-ERROR', value: readKrbError(r) };
    }
    const found = tag === undefined ? 'nothing' : describeTag(tag);
    return r.fail(`expected AS-REP or KRB-ERROR, found ${found}`);
  });
}
