/**
 * A pass-through wrapper around a real PasswordBackend that records what reached it: how
 * many logins and changes per user, and the most changes of one user in flight at once.
 * It changes nothing in the answers: the KDC behind it is real.
 */

import type { PasswordBackend } from '../../../src/service/backend.js';

export class WatchedBackend implements PasswordBackend {
  readonly inner: PasswordBackend;
  readonly logins = new Map<string, number>();
  readonly changes = new Map<string, number>();
  readonly #inFlight = new Map<string, number>();
  /** The largest number of concurrent changes seen for one user. */
  maxConcurrentChanges = 0;

  constructor(inner: PasswordBackend) {
    this.inner = inner;
  }

  get defaultRealm(): string {
    return this.inner.defaultRealm;
  }

  login: PasswordBackend['login'] = async (user, realm, password) => {
    bump(this.logins, user);
    return this.inner.login(user, realm, password);
  };

  changePassword: PasswordBackend['changePassword'] = async (user, realm, oldPw, newPw) => {
    bump(this.changes, user);
    const now = bump(this.#inFlight, user);
    this.maxConcurrentChanges = Math.max(this.maxConcurrentChanges, now);
    try {
      return await this.inner.changePassword(user, realm, oldPw, newPw);
    } finally {
      this.#inFlight.set(user, (this.#inFlight.get(user) ?? 1) - 1);
    }
  };

  /** Total calls (logins and changes) that reached the KDC for `user`. */
  kdcCalls(user: string): number {
    return (this.logins.get(user) ?? 0) + (this.changes.get(user) ?? 0);
  }
}

function bump(counts: Map<string, number>, user: string): number {
  const next = (counts.get(user) ?? 0) + 1;
  counts.set(user, next);
  return next;
}
