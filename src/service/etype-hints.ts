/**
 * The KDC's string-to-key parameters (enctype, salt, s2kparams) per principal, as the last
 * successful AS exchange for it used them. They are not secret: the KDC sends them to anyone
 * who asks. A password change derives the old password's key with them while its first KDC
 * request asks for the real ones, and uses that key only if they match: a stale entry costs
 * time, never a failed pre-authentication.
 *
 * Kept in this process only, for a bounded time and number of principals. Logins do not use
 * them: whether a name has one would show in a login's timing.
 */

import type { EtypeInfo2Entry } from '../krb5/messages/types.js';

export interface EtypeHintsOptions {
  /** How many principals to remember at most; the oldest are forgotten first. */
  readonly maxEntries?: number;
  /** How long an entry is used, in milliseconds. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly info: EtypeInfo2Entry;
  readonly expires: number;
}

export class EtypeHints {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: EtypeHintsOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  get(principal: string): EtypeInfo2Entry | undefined {
    const entry = this.#entries.get(principal);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(principal);
      return undefined;
    }
    return entry.info;
  }

  remember(principal: string, info: EtypeInfo2Entry): void {
    // Deleting first moves the principal to the end of the Map's order: the newest.
    this.#entries.delete(principal);
    this.#entries.set(principal, { info, expires: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  forget(principal: string): void {
    this.#entries.delete(principal);
  }

  get size(): number {
    return this.#entries.size;
  }
}
