/** APOptions bit numbers (RFC 4120 section 5.5.1). Build a value with `kerberosFlags(...)`. */

export { flagBits, hasFlag, kerberosFlags, withFlag } from './kerberos-flags.js';

export const AP_OPT_RESERVED = 0;
export const AP_OPT_USE_SESSION_KEY = 1;
export const AP_OPT_MUTUAL_REQUIRED = 2;
