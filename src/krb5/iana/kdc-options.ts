/**
 * KDCOptions bit numbers (RFC 4120 section 5.4.1; canonicalize RFC 6806 section 11;
 * request-anonymous RFC 6112 section 5.3). Build a value with `kerberosFlags(...)`.
 */

export { flagBits, hasFlag, kerberosFlags, withFlag } from './kerberos-flags.js';

export const KDC_OPT_RESERVED = 0;
export const KDC_OPT_FORWARDABLE = 1;
export const KDC_OPT_FORWARDED = 2;
export const KDC_OPT_PROXIABLE = 3;
export const KDC_OPT_PROXY = 4;
export const KDC_OPT_ALLOW_POSTDATE = 5;
export const KDC_OPT_POSTDATED = 6;
export const KDC_OPT_RENEWABLE = 8;
export const KDC_OPT_OPT_HARDWARE_AUTH = 11;
export const KDC_OPT_CANONICALIZE = 15;
export const KDC_OPT_REQUEST_ANONYMOUS = 16;
export const KDC_OPT_DISABLE_TRANSITED_CHECK = 26;
export const KDC_OPT_RENEWABLE_OK = 27;
export const KDC_OPT_ENC_TKT_IN_SKEY = 28;
export const KDC_OPT_RENEW = 30;
export const KDC_OPT_VALIDATE = 31;
