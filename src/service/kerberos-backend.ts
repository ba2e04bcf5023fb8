import type { InitialTicket } from '../krb5/client/as-exchange.js';
import type { KerberosClient } from '../krb5/client/kerberos-client.js';
import { kadminChangepw, unparsePrincipal, type Principal } from '../krb5/client/principal.js';
import { KdcError, KerberosError } from '../krb5/errors.js';
import {
  KDC_ERR_C_PRINCIPAL_UNKNOWN,
  KDC_ERR_CLIENT_REVOKED,
  KDC_ERR_KEY_EXPIRED,
  KDC_ERR_PREAUTH_FAILED,
  KRB_AP_ERR_SKEW,
} from '../krb5/iana/error-codes.js';
import { KPASSWD_RESULT } from '../krb5/kpasswd/result.js';
import type { ChangePasswordResult } from '../krb5/kpasswd/change.js';
import type {
  ChangeFailureKind,
  ChangeOutcome,
  LoginFailureKind,
  LoginOutcome,
  PasswordBackend,
} from './backend.js';
import { EtypeHints } from './etype-hints.js';

const { SUCCESS, HARDERROR, SOFTERROR, ACCESSDENIED } = KPASSWD_RESULT;

/**
 * The PasswordBackend that proves and changes passwords against a real KDC. It remembers each
 * principal's string-to-key parameters from its last successful exchange (see EtypeHints).
 */
export function createKerberosBackend(
  client: KerberosClient,
  hints: EtypeHints = new EtypeHints(),
): PasswordBackend {
  return {
    defaultRealm: client.defaultRealm,
    login: (user, realm, password) => login(client, hints, user, realm, password),
    changePassword: (user, realm, oldPassword, newPassword) =>
      change(client, hints, user, realm, oldPassword, newPassword),
  };
}

async function login(
  client: KerberosClient,
  hints: EtypeHints,
  user: string,
  realm: string,
  password: string,
): Promise<LoginOutcome> {
  let principal: Principal;
  try {
    principal = client.principal(user, realm);
  } catch (err) {
    return loginFailure(err);
  }

  try {
    const tgt = await client.getInitialTicket(principal, password);
    hints.remember(unparsePrincipal(principal), tgt.etypeInfo);
    return success(tgt, false);
  } catch (err) {
    if (!(err instanceof KdcError) || err.errorCode !== KDC_ERR_KEY_EXPIRED) {
      return loginFailure(err);
    }
  }

  // MIT answers KEY_EXPIRED before it checks pre-authentication, so it proves nothing.
  // kadmin/changepw is exempt from the expiry: a ticket for it proves the password.
  try {
    const changepw = await client.getInitialTicket(principal, password, kadminChangepw(realm));
    hints.remember(unparsePrincipal(principal), changepw.etypeInfo);
    return success(changepw, true);
  } catch (err) {
    return loginFailure(err);
  }
}

function success(ticket: InitialTicket, mustChange: boolean): LoginOutcome {
  const p = ticket.client;
  return {
    ok: true,
    identity: {
      principal: `${p.name.nameString.join('/')}@${p.realm}`,
      user: p.name.nameString.join('/'),
      realm: p.realm,
      mustChange,
      ...(ticket.passwordExpires !== undefined && { passwordExpires: ticket.passwordExpires }),
    },
  };
}

function loginFailure(err: unknown): LoginOutcome {
  const kind = classify(err);
  return { ok: false, kind, detail: describe(err) };
}

/** Maps a library error to the kind the service records. */
function classify(err: unknown): LoginFailureKind {
  if (err instanceof KdcError) {
    switch (err.errorCode) {
      case KDC_ERR_PREAUTH_FAILED:
        return 'wrong_password';
      case KDC_ERR_C_PRINCIPAL_UNKNOWN:
        return 'unknown_user';
      case KDC_ERR_CLIENT_REVOKED:
        // Locked out or disabled: MIT sends the same code (and e-text) for both.
        return 'locked';
      case KRB_AP_ERR_SKEW:
        return 'clock_skew';
      default:
        return 'kdc_error';
    }
  }
  if (err instanceof KerberosError) {
    // Without pre-authentication a wrong password shows as a reply that does not decrypt.
    if (err.code === 'ERR_INTEGRITY') return 'wrong_password';
    // A name that cannot be a principal, or a realm krb5.conf does not know: no such user.
    if (err.code === 'ERR_CONFIG') return 'unknown_user';
    if (err.code === 'ERR_UNREACHABLE' || err.code === 'ERR_TIMEOUT') return 'kdc_unavailable';
    return 'kdc_error';
  }
  throw err;
}

async function change(
  client: KerberosClient,
  hints: EtypeHints,
  user: string,
  realm: string,
  oldPassword: string,
  newPassword: string,
): Promise<ChangeOutcome> {
  let outcome: ChangePasswordResult;
  let name: string | undefined;
  try {
    const principal = client.principal(user, realm);
    name = unparsePrincipal(principal);
    const etypeInfo = hints.get(name);
    outcome = await client.changePassword(principal, oldPassword, newPassword, {
      ...(etypeInfo !== undefined && { etypeInfo }),
    });
  } catch (err) {
    // Whatever went wrong, the next change asks the KDC for its parameters afresh.
    if (name !== undefined) hints.forget(name);
    return changeFailure(err);
  }
  // The parameters of the keys as they now are, if the library could tell.
  if (outcome.etypeInfo === undefined) hints.forget(name);
  else hints.remember(name, outcome.etypeInfo);

  const result = outcome.result;
  if (result.code === SUCCESS) {
    return {
      ok: true,
      confirmed: outcome.confirmed ?? false,
      ...(outcome.passwordExpires !== undefined && { passwordExpires: outcome.passwordExpires }),
    };
  }
  const isPolicy =
    result.code === SOFTERROR || (result.code === HARDERROR && result.reasons.length > 0);
  if (isPolicy) {
    const reasons = result.reasons.length > 0 ? result.reasons : [{ kind: 'other' as const }];
    return { ok: false, kind: 'policy', detail: result.description, reasons };
  }
  const kind: ChangeFailureKind = result.code === ACCESSDENIED ? 'access_denied' : 'kdc_error';
  return { ok: false, kind, detail: result.description };
}

function changeFailure(err: unknown): ChangeOutcome {
  if (err instanceof KerberosError && err.code === 'ERR_OUTCOME_UNKNOWN') {
    return { ok: false, kind: 'outcome_unknown', detail: err.message };
  }
  const kind = classify(err);
  const mapped: ChangeFailureKind = kind === 'clock_skew' ? 'kdc_error' : kind;
  return { ok: false, kind: mapped, detail: describe(err) };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
