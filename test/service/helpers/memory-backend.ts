/**
 * A tiny in-memory PasswordBackend for the service's unit tests (request parsing, sessions,
 * routes). The end-to-end tests use the real Kerberos backend against a real MIT KDC.
 */

import type {
  ChangeFailureKind,
  ChangeOutcome,
  LoginFailureKind,
  LoginOutcome,
  PasswordBackend,
  PolicyReason,
} from '../../../src/service/backend.js';

export interface MemoryUser {
  password: string;
  mustChange?: boolean;
  passwordExpires?: Date;
  locked?: boolean;
}

export class MemoryBackend implements PasswordBackend {
  readonly defaultRealm: string;
  readonly users = new Map<string, MemoryUser>();
  /** Make the next calls fail this way (a KDC outage, say). */
  loginFailure: LoginFailureKind | undefined;
  changeFailure: { kind: ChangeFailureKind; reasons?: PolicyReason[] } | undefined;
  /** Make the next change throw (an unexpected bug). */
  changeThrows = false;
  /** Minimum length the fake KDC policy wants. */
  kdcMinLength = 0;
  readonly calls: string[] = [];

  constructor(realm = 'EXAMPLE.TEST') {
    this.defaultRealm = realm;
  }

  add(name: string, user: MemoryUser): this {
    this.users.set(`${name}@${this.defaultRealm}`, user);
    return this;
  }

  async login(user: string, realm: string, password: string): Promise<LoginOutcome> {
    this.calls.push(`login ${user}@${realm}`);
    if (this.loginFailure) return { ok: false, kind: this.loginFailure, detail: 'forced' };
    const entry = this.users.get(`${user}@${realm}`);
    if (!entry) return { ok: false, kind: 'unknown_user', detail: 'no such principal' };
    if (entry.locked) return { ok: false, kind: 'locked', detail: 'locked' };
    if (entry.password !== password) return { ok: false, kind: 'wrong_password', detail: 'x' };
    const expired = entry.passwordExpires !== undefined && entry.passwordExpires <= new Date();
    return {
      ok: true,
      identity: {
        principal: `${user}@${realm}`,
        user,
        realm,
        mustChange: Boolean(entry.mustChange) || expired,
        passwordExpires: entry.passwordExpires,
      },
    };
  }

  async changePassword(
    user: string,
    realm: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<ChangeOutcome> {
    this.calls.push(`change ${user}@${realm}`);
    if (this.changeThrows) throw new Error('backend exploded');
    if (this.changeFailure) return { ok: false, ...this.changeFailure, detail: 'forced' };
    const entry = this.users.get(`${user}@${realm}`);
    if (!entry) return { ok: false, kind: 'unknown_user', detail: 'no such principal' };
    if (entry.locked) return { ok: false, kind: 'locked', detail: 'locked' };
    if (entry.password !== oldPassword) {
      return { ok: false, kind: 'wrong_password', detail: 'old password incorrect' };
    }
    if ([...newPassword].length < this.kdcMinLength) {
      const reasons: PolicyReason[] = [{ kind: 'too_short', minLength: this.kdcMinLength }];
      return { ok: false, kind: 'policy', detail: 'Password is too short', reasons };
    }
    entry.password = newPassword;
    entry.mustChange = false;
    const passwordExpires = new Date(Date.now() + 90 * 86_400_000);
    entry.passwordExpires = passwordExpires;
    return { ok: true, confirmed: true, passwordExpires };
  }
}
