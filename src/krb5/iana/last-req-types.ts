/**
 * lr-type values of LastReq (RFC 4120 section 5.4.2). A negative lr-type carries the same
 * information as its absolute value but for the responding server only; a non-negative one
 * for the whole realm.
 */

import type { LastReqEntry } from '../messages/types.js';

export const LR_TYPE_NONE = 0;
export const LR_TYPE_LAST_INITIAL_TGT_REQUEST = 1;
export const LR_TYPE_LAST_INITIAL_REQUEST = 2;
export const LR_TYPE_NEWEST_TGT_ISSUED = 3;
export const LR_TYPE_LAST_RENEWAL = 4;
export const LR_TYPE_LAST_REQUEST = 5;
export const LR_TYPE_PASSWORD_EXPIRATION = 6;
export const LR_TYPE_ACCOUNT_EXPIRATION = 7;

/**
 * The value of the first entry of kind `lrType` (matching it or its negative), e.g.
 * `lastReqValue(part.lastReq, LR_TYPE_PASSWORD_EXPIRATION)` for the password expiry.
 */
export function lastReqValue(entries: readonly LastReqEntry[], lrType: number): Date | undefined {
  return entries.find((entry) => Math.abs(entry.lrType) === Math.abs(lrType))?.lrValue;
}
