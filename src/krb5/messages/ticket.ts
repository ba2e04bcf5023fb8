/**
 * Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0] INTEGER (5), realm [1] Realm,
 * sname [2] PrincipalName, enc-part [3] EncryptedData } (RFC 4120 section 5.3).
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInteger,
  encodeKerberosString,
  encodeSequence,
  readApplication,
  readField,
  readFixedInteger,
  readKerberosString,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { APPLICATION_TICKET, KRB5_PVNO } from '../iana/message-types.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { Ticket } from './types.js';

/** A Ticket's fields without its received encoding: what {@link encodeTicket} needs. */
export type TicketFields = Omit<Ticket, 'der'>;

/**
 * DER encoding of a Ticket built from its fields (tkt-vno must be 5). Messages that carry a
 * ticket (AS-REP, AP-REQ) embed `ticket.der` as received instead.
 */
export function encodeTicket(value: TicketFields): Uint8Array {
  if (value.tktVno !== KRB5_PVNO) throw new RangeError(`tkt-vno must be 5, not ${value.tktVno}`);
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeKerberosString(value.realm)),
    encodeExplicit(2, encodePrincipalName(value.sname)),
    encodeExplicit(3, encodeEncryptedData(value.encPart)),
  ]);
  return encodeApplication(APPLICATION_TICKET, body);
}

/** Reads a Ticket from `r`, keeping a copy of its exact encoding in `der`. */
export function readTicket(r: DerReader): Ticket {
  const { value, der } = r.capture((c) => readApplication(c, APPLICATION_TICKET, readTicketBody));
  return { ...value, der };
}

function readTicketBody(r: DerReader): TicketFields {
  return readSequence(r, (f) => ({
    tktVno: readField(f, 0, 'tkt-vno', (v) => readFixedInteger(v, KRB5_PVNO, 'tkt-vno')),
    realm: readField(f, 1, 'realm', readKerberosString),
    sname: readField(f, 2, 'sname', readPrincipalName),
    encPart: readField(f, 3, 'enc-part', readEncryptedData),
  }));
}

/** Decodes a DER Ticket; throws DecodeError. */
export function decodeTicket(bytes: Uint8Array): Ticket {
  return decodeWhole(bytes, 'Ticket', readTicket);
}
