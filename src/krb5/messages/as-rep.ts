/**
 * AS-REP ::= [APPLICATION 11] KDC-REP (RFC 4120 section 5.4.2).
 *
 *     KDC-REP ::= SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (11),
 *                            padata [2] SEQUENCE OF PA-DATA OPTIONAL, crealm [3] Realm,
 *                            cname [4] PrincipalName, ticket [5] Ticket,
 *                            enc-part [6] EncryptedData }
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInteger,
  encodeKerberosString,
  encodeOptional,
  encodeSequence,
  readApplication,
  readField,
  readFixedInteger,
  readKerberosString,
  readOptionalField,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB5_PVNO, KRB_AS_REP } from '../iana/message-types.js';
import { compact } from './compact.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import { encodeMethodData, readMethodData } from './pa-data.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import { readTicket } from './ticket.js';
import type { AsRep } from './types.js';

/** DER encoding of an AS-REP; the ticket goes in as its received bytes `ticket.der`. */
export function encodeAsRep(value: AsRep): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(KRB_AS_REP)),
    encodeOptional(2, value.padata, encodeMethodData),
    encodeExplicit(3, encodeKerberosString(value.crealm)),
    encodeExplicit(4, encodePrincipalName(value.cname)),
    encodeExplicit(5, value.ticket.der),
    encodeExplicit(6, encodeEncryptedData(value.encPart)),
  ]);
  return encodeApplication(KRB_AS_REP, body);
}

/** Reads an AS-REP from `r`. */
export function readAsRep(r: DerReader): AsRep {
  return readApplication(r, KRB_AS_REP, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 1, 'msg-type', (v) => readFixedInteger(v, KRB_AS_REP, 'msg-type'));
      const padata = readOptionalField(f, 2, 'padata', readMethodData);
      const crealm = readField(f, 3, 'crealm', readKerberosString);
      const cname = readField(f, 4, 'cname', readPrincipalName);
      const ticket = readField(f, 5, 'ticket', readTicket);
      const encPart = readField(f, 6, 'enc-part', readEncryptedData);
      return compact({ padata, crealm, cname, ticket, encPart });
    }),
  );
}

/** Decodes a DER AS-REP; throws DecodeError. */
export function decodeAsRep(bytes: Uint8Array): AsRep {
  return decodeWhole(bytes, 'AS-REP', readAsRep);
}
