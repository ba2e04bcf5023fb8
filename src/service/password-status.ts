/**
 * What login_check tells the client about the password: must it be changed now, should the
 * user be reminded, when does it expire.
 */

import type { SessionUser } from './store/session-store.js';
import { mustChangeNow } from './web-sessions.js';

const DAY = 86_400_000;

export interface PasswordStatus {
  /** The password is expired or flagged must-change. */
  readonly modifyPwd: boolean;
  /** It expires within the configured number of days. */
  readonly remindPwd: boolean;
  /** ISO 8601 expiry time, or null when it does not expire or the KDC did not say. */
  readonly expires: string | null;
  /** Whole days left, rounded up (0 once expired), or null like `expires`. */
  readonly daysLeft: number | null;
}

export function passwordStatus(user: SessionUser, now: number, remindDays: number): PasswordStatus {
  const modifyPwd = mustChangeNow(user, now);
  if (user.passwordExpires === null) {
    return { modifyPwd, remindPwd: false, expires: null, daysLeft: null };
  }
  const left = user.passwordExpires - now;
  const daysLeft = Math.max(0, Math.ceil(left / DAY));
  return {
    modifyPwd,
    remindPwd: !modifyPwd && left <= remindDays * DAY,
    expires: new Date(user.passwordExpires).toISOString(),
    daysLeft,
  };
}
