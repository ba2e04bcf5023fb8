/**
 * The in-process {@link SessionStore}: a Map with expiry times and a per-principal index.
 * Good for one server process; sessions do not survive a restart.
 */

import { randomUUID } from 'node:crypto';

import {
  REMOVED_ID_MEMORY_MS,
  type AttemptReservation,
  type RecordKind,
  type RecordOf,
  type SessionRecord,
  type SessionStore,
  type UserRecordFilter,
} from './session-store.js';

interface Attempt {
  readonly id: string;
  readonly expiresAt: number;
}

interface Entry {
  readonly record: SessionRecord;
  expiresAt: number;
}

/**
 * Expired entries are also dropped in bulk, after as many writes as a quarter of what a sweep
 * reads (at least this many): the cost per write stays constant however large the store, and
 * between sweeps it grows by at most a quarter.
 */
const MIN_WRITES_PER_SWEEP = 256;

/**
 * Records anyone can make without logging in (a GET /cas/login makes a CAS session and a login
 * ticket) are capped: past this many, the oldest goes. A flood of anonymous requests then
 * costs a user at most a reload of the login page, never the process's memory.
 */
export const MAX_ANONYMOUS_RECORDS = 100_000;
const ANONYMOUS_KINDS: ReadonlySet<RecordKind> = new Set(['cas', 'lt']);

export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #attempts = new Map<string, Attempt[]>();
  /** Keys removed by delete or deleteAllOfUser, and until when they stay removed. */
  readonly #removed = new Map<string, number>();
  readonly #locks = new Map<string, Promise<void>>();
  /** Keys of anonymous records, oldest first. */
  readonly #anonymous = new Set<string>();
  readonly #clock: () => number;
  #writes = 0;

  /** @param clock epoch milliseconds; tests pass a fake one. */
  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** Number of live records (for tests and metrics). */
  get size(): number {
    this.sweep();
    return this.#entries.size;
  }

  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined> {
    return this.#live(kind, id)?.record as RecordOf<K> | undefined;
  }

  async put(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    const key = keyOf(record.kind, id);
    if ((this.#removed.get(key) ?? 0) > this.#clock()) return;
    // A record rewritten (a session seen again) is updated in place. Deleting and re-adding
    // the same key would leave a deleted entry in its hash chain each time, and lookups walk
    // those until the table is rebuilt: 50 us a write in a store of 20,000 records.
    const previous = this.#entries.get(key);
    const principal = principalOf(record);
    const before = previous === undefined ? undefined : principalOf(previous.record);
    if (previous !== undefined && before !== principal) this.#unindex(before, key);
    this.#entries.set(key, { record, expiresAt: this.#clock() + ttlMs });
    if (principal !== undefined && (previous === undefined || before !== principal)) {
      this.#index(principal).add(key);
    }
    if (ANONYMOUS_KINDS.has(record.kind)) {
      // A rewritten anonymous record counts as the newest again.
      if (previous !== undefined) this.#anonymous.delete(key);
      this.#capAnonymous(key);
    }
    this.#writes += 1;
    if (this.#writes >= Math.max(MIN_WRITES_PER_SWEEP, this.#sweepSize() / 4)) this.sweep();
  }

  async delete(kind: RecordKind, id: string): Promise<boolean> {
    const key = keyOf(kind, id);
    this.#removed.set(key, this.#clock() + REMOVED_ID_MEMORY_MS);
    return this.#remove(key);
  }

  async take<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined> {
    const entry = this.#live(kind, id);
    this.#remove(keyOf(kind, id));
    return entry?.record as RecordOf<K> | undefined;
  }

  async expire(kind: RecordKind, id: string, ttlMs: number): Promise<boolean> {
    const entry = this.#live(kind, id);
    if (entry) entry.expiresAt = this.#clock() + ttlMs;
    return entry !== undefined;
  }

  async deleteAllOfUser(principal: string, filter: UserRecordFilter = {}): Promise<number> {
    const keys = [...(this.#byUser.get(principal) ?? [])];
    const except = new Set(filter.except ?? []);
    const now = this.#clock();
    let removed = 0;
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry && entry.expiresAt <= now) this.#remove(key);
      if (!entry || entry.expiresAt <= now || !matches(entry.record, key, filter, except)) continue;
      this.#removed.set(key, now + REMOVED_ID_MEMORY_MS);
      if (this.#remove(key)) removed += 1;
    }
    return removed;
  }

  async reserveAttempt(key: string, limit: number, windowMs: number): Promise<AttemptReservation> {
    const now = this.#clock();
    const live = (this.#attempts.get(key) ?? []).filter((a) => a.expiresAt > now);
    if (live.length >= limit) {
      this.#attempts.set(key, live);
      const latest = Math.max(...live.map((a) => a.expiresAt));
      return { ok: false, retryAfterMs: latest - now };
    }
    // Every counted attempt keeps all of them for a window from now: MIT's KDC forgets its
    // failure count only after a whole failurecountinterval without a failure, so a guess
    // paced at one per window/limit must not slip through.
    const expiresAt = now + windowMs;
    const id = randomUUID();
    const kept = [...live.map((a) => ({ id: a.id, expiresAt })), { id, expiresAt }];
    this.#attempts.set(key, kept);
    return { ok: true, id };
  }

  async releaseAttempt(key: string, id: string): Promise<void> {
    const left = (this.#attempts.get(key) ?? []).filter((a) => a.id !== id);
    if (left.length === 0) this.#attempts.delete(key);
    else this.#attempts.set(key, left);
  }

  async clearAttempts(key: string): Promise<void> {
    this.#attempts.delete(key);
  }

  /** One process: a queue per key; `ttlMs` does not apply (a holder always releases). */
  async lock(key: string, _ttlMs: number): Promise<() => Promise<void>> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.#locks.set(key, tail);
    await previous;
    return async () => {
      release();
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    };
  }

  /** Drop every expired record and attempt. */
  sweep(): void {
    this.#writes = 0;
    const now = this.#clock();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#remove(key);
    }
    for (const [key, until] of this.#removed) {
      if (until <= now) this.#removed.delete(key);
    }
    for (const [key, attempts] of this.#attempts) {
      const live = attempts.filter((a) => a.expiresAt > now);
      if (live.length === 0) this.#attempts.delete(key);
      else this.#attempts.set(key, live);
    }
  }

  /** How many items a sweep reads. */
  #sweepSize(): number {
    return this.#entries.size + this.#removed.size + this.#attempts.size;
  }

  #live(kind: RecordKind, id: string): Entry | undefined {
    const key = keyOf(kind, id);
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#clock()) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #remove(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#anonymous.delete(key);
    this.#unindex(principalOf(entry.record), key);
    return true;
  }

  #unindex(principal: string | undefined, key: string): void {
    if (principal === undefined) return;
    const keys = this.#byUser.get(principal);
    keys?.delete(key);
    if (keys?.size === 0) this.#byUser.delete(principal);
  }

  #capAnonymous(key: string): void {
    this.#anonymous.add(key);
    if (this.#anonymous.size <= MAX_ANONYMOUS_RECORDS) return;
    const oldest = this.#anonymous.values().next().value;
    if (oldest !== undefined) this.#remove(oldest);
  }

  #index(principal: string): Set<string> {
    let keys = this.#byUser.get(principal);
    if (!keys) {
      keys = new Set();
      this.#byUser.set(principal, keys);
    }
    return keys;
  }
}

function keyOf(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}

function idOf(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

function principalOf(record: SessionRecord): string | undefined {
  return 'principal' in record ? record.principal : undefined;
}

function matches(
  record: SessionRecord,
  key: string,
  filter: UserRecordFilter,
  except: ReadonlySet<string>,
): boolean {
  if (filter.kinds && !filter.kinds.includes(record.kind)) return false;
  if (filter.parent !== undefined && !('parent' in record && record.parent === filter.parent)) {
    return false;
  }
  return !except.has(idOf(key));
}
