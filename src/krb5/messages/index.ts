/**
 * The Kerberos messages: for each, `encodeX(value)` gives DER bytes and `decodeX(bytes)` gives
 * the value or throws DecodeError. `readX(reader)` reads one X from a DerReader when composing.
 */

export type * from './types.js';
export * from './ap-rep.js';
export * from './ap-req.js';
export * from './as-rep.js';
export * from './authenticator.js';
export * from './change-passwd-data.js';
export * from './checksum.js';
export * from './enc-ap-rep-part.js';
export * from './enc-kdc-rep-part.js';
export * from './enc-krb-priv-part.js';
export * from './encrypted-data.js';
export * from './encryption-key.js';
export * from './etype-info2.js';
export * from './host-address.js';
export * from './kdc-reply.js';
export * from './kdc-req.js';
export * from './krb-error.js';
export * from './krb-priv.js';
export * from './last-req.js';
export * from './pa-data.js';
export * from './pa-enc-ts-enc.js';
export * from './principal-name.js';
export * from './ticket.js';
