/**
 * The DER codec of the Kerberos library, written here rather than taken from an ASN.1
 * package. Kerberos needs APPLICATION-class message tags, explicit context tags on every
 * field, GeneralString and GeneralizedTime with Kerberos's own restrictions, and input from the
 * network must be refused unless it is strict DER: general BER libraries accept indefinite and
 * non-minimal lengths, and may allocate what a length field claims before checking it. This
 * codec reads definite minimal lengths that never run past the input, exact tags, bounded
 * nesting and no trailing bytes, and reports every failure as a DecodeError.
 *
 * Import everything DER from this module; the files beside it hold one concern each.
 */

export { MAX_DEPTH, DerReader, decodeWhole } from './reader.js';
export {
  BIT_STRING,
  BOOLEAN,
  GENERALIZED_TIME,
  GENERAL_STRING,
  INTEGER,
  OCTET_STRING,
  SEQUENCE,
  applicationTag,
  contextTag,
  describeTag,
  sameTag,
} from './tags.js';
export type { Tag, TagClass } from './tags.js';
export {
  concatBytes,
  encodeApplication,
  encodeExplicit,
  encodeLength,
  encodeOptional,
  encodeSequence,
  encodeSequenceOf,
  encodeTlv,
} from './writer.js';
export {
  readApplication,
  readField,
  readOptionalField,
  readSequence,
  readSequenceOf,
} from './fields.js';
export {
  INT32_MAX,
  INT32_MIN,
  MICROSECONDS_MAX,
  UINT32_MAX,
  encodeInt32,
  encodeInteger,
  encodeMicroseconds,
  encodeUInt32,
  readFixedInteger,
  readInt32,
  readInteger,
  readMicroseconds,
  readSeqNumber,
  readUInt32,
} from './integer.js';
export { encodeBoolean, readBoolean } from './boolean.js';
export { encodeOctetString, readOctetString } from './octet-string.js';
export { encodeKerberosString, readKerberosString } from './kerberos-string.js';
export { encodeKerberosTime, readKerberosTime } from './kerberos-time.js';
export { encodeKerberosFlags, readKerberosFlags } from './kerberos-flags.js';
