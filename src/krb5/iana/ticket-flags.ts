/**
 * TicketFlags bit numbers (RFC 4120 section 5.3; enc-pa-rep RFC 6806 section 11;
 * anonymous RFC 6112 section 5.3). Test a value with `hasFlag(flags, TKT_FLG_...)`.
 */

export { flagBits, hasFlag, kerberosFlags, withFlag } from './kerberos-flags.js';

export const TKT_FLG_RESERVED = 0;
export const TKT_FLG_FORWARDABLE = 1;
export const TKT_FLG_FORWARDED = 2;
export const TKT_FLG_PROXIABLE = 3;
export const TKT_FLG_PROXY = 4;
export const TKT_FLG_MAY_POSTDATE = 5;
export const TKT_FLG_POSTDATED = 6;
export const TKT_FLG_INVALID = 7;
export const TKT_FLG_RENEWABLE = 8;
export const TKT_FLG_INITIAL = 9;
export const TKT_FLG_PRE_AUTHENT = 10;
export const TKT_FLG_HW_AUTHENT = 11;
export const TKT_FLG_TRANSITED_POLICY_CHECKED = 12;
export const TKT_FLG_OK_AS_DELEGATE = 13;
export const TKT_FLG_ENC_PA_REP = 15;
export const TKT_FLG_ANONYMOUS = 16;
