/**
 * What the web service needs from Kerberos, as one small interface. The real implementation
 * (src/service/kerberos-backend.ts) speaks to the KDC through src/krb5; the service never
 * touches protocol details.
 */

import type { PolicyReason } from '../krb5/kpasswd/policy-reason.js';

/** A reason the KDC (or its password server) refused a new password (defined in src/krb5). */
export type { PolicyReason };

/** A principal whose password was proved. */
export interface Identity {
  /** user@REALM, exactly as the KDC names the client. */
  readonly principal: string;
  readonly user: string;
  readonly realm: string;
  /** The password is expired or flagged must-change: the session may only change it. */
  readonly mustChange: boolean;
  /** When the password expires, from the AS reply's key-expiration or last-req. */
  readonly passwordExpires?: Date;
}

/** Why a login was refused. The client sees one answer; logs and audit see the kind. */
export type LoginFailureKind =
  'wrong_password' | 'unknown_user' | 'locked' | 'clock_skew' | 'kdc_unavailable' | 'kdc_error';

export type LoginOutcome =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly kind: LoginFailureKind; readonly detail: string };

export type ChangeFailureKind =
  | 'wrong_password'
  | 'unknown_user'
  | 'locked'
  | 'policy'
  | 'access_denied'
  | 'kdc_unavailable'
  | 'outcome_unknown'
  | 'kdc_error';

export type ChangeOutcome =
  | {
      readonly ok: true;
      /** The KDC accepted the new password in a confirming AS exchange (when enabled). */
      readonly confirmed: boolean;
      readonly passwordExpires?: Date;
    }
  | {
      readonly ok: false;
      readonly kind: ChangeFailureKind;
      /** Human-readable explanation, safe to show (never contains a password). */
      readonly detail: string;
      /** For kind 'policy': the parsed reasons (one for MIT/Heimdal, possibly several for AD). */
      readonly reasons?: readonly PolicyReason[];
    };

export interface PasswordBackend {
  /** The realm used when a user name has no @REALM. */
  readonly defaultRealm: string;
  /** Prove a password with an AS exchange. */
  login(user: string, realm: string, password: string): Promise<LoginOutcome>;
  /** Change a principal's own password given the old one (RFC 3244). */
  changePassword(
    user: string,
    realm: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<ChangeOutcome>;
}
