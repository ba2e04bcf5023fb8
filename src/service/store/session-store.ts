/**
 * Where sessions and tickets live. Records are plain JSON values (times as epoch
 * milliseconds) so that a shared store such as Redis can implement the same interface.
 * Every record expires after the TTL it was stored with; an expired record is never
 * returned.
 */

/** The CAS pre-login session that login tickets are bound to (cookie CASSESSION). */
export interface CasSessionRecord {
  readonly kind: 'cas';
}

/** A login ticket (`lt`): one login form, single use. */
export interface LoginTicketRecord {
  readonly kind: 'lt';
  readonly casSession: string;
}

/** Who logged in, as the sessions remember it. */
export interface SessionUser {
  /** user@REALM as the KDC named the client. */
  readonly principal: string;
  readonly user: string;
  readonly realm: string;
  /** The session may only change the password. */
  readonly mustChange: boolean;
  /** When the password expires (epoch ms), or null when it does not or is unknown. */
  readonly passwordExpires: number | null;
}

/** The single sign-on session (cookie CASTGC). */
export interface TicketGrantingRecord extends SessionUser {
  readonly kind: 'tgc';
  readonly createdAt: number;
}

/** A service ticket: single use, for one service, from one single sign-on session. */
export interface ServiceTicketRecord extends SessionUser {
  readonly kind: 'st';
  readonly service: string;
  /** The CASTGC id it came from. */
  readonly parent: string;
}

/** A web session (cookie JSESSIONID). */
export interface WebSessionRecord extends SessionUser {
  readonly kind: 'web';
  /** Anti-forgery token handed out by login_check. */
  readonly token: string;
  /** The CASTGC id it came from; null once that link no longer matters. */
  readonly parent: string | null;
  readonly createdAt: number;
  /** The last request that used it (epoch ms; absent: createdAt): idle time counts from here. */
  readonly lastSeenAt?: number;
  /** The client address of that request: a timeout record names it. */
  readonly lastAddress?: string;
}

export type SessionRecord =
  | CasSessionRecord
  | LoginTicketRecord
  | TicketGrantingRecord
  | ServiceTicketRecord
  | WebSessionRecord;

export type RecordKind = SessionRecord['kind'];

export type RecordOf<K extends RecordKind> = Extract<SessionRecord, { kind: K }>;

/** How long a store remembers a removed id (see {@link SessionStore.put}). */
export const REMOVED_ID_MEMORY_MS = 60_000;

/** Which of a user's records {@link SessionStore.deleteAllOfUser} removes. */
export interface UserRecordFilter {
  /** Only these kinds (default: all kinds that name a user). */
  readonly kinds?: readonly RecordKind[];
  /** Only records whose `parent` is this id. */
  readonly parent?: string;
  /** Keep these ids. */
  readonly except?: readonly string[];
}

/** The answer of {@link AttemptLimiter.reserveAttempt}. */
export type AttemptReservation =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly retryAfterMs: number };

/**
 * Counts failed attempts per key (a user, a client address) in a sliding window. An attempt
 * is reserved before the KDC is asked, so concurrent guesses cannot slip past the limit, and
 * released afterwards when it turned out not to count (the KDC was unreachable, say).
 */
export interface AttemptLimiter {
  /**
   * Count one attempt under `key` if fewer than `limit` were counted in the last `windowMs`;
   * otherwise answer how long until the oldest of them leaves the window.
   */
  reserveAttempt(key: string, limit: number, windowMs: number): Promise<AttemptReservation>;
  /** Withdraw one reserved attempt: it does not count. */
  releaseAttempt(key: string, id: string): Promise<void>;
  /** Forget every attempt counted under `key` (the right password was proved). */
  clearAttempts(key: string): Promise<void>;
}

/** Mutual exclusion per key, across every process sharing the store. */
export interface KeyedLock {
  /**
   * Wait until no one else holds `key`, then hold it; the answer releases it. A holder that
   * never releases loses the lock after `ttlMs`.
   */
  lock(key: string, ttlMs: number): Promise<() => Promise<void>>;
}

/**
 * Sessions and tickets by kind and id, attempt counters and per-user locks. All methods are
 * safe to call concurrently.
 */
export interface SessionStore extends AttemptLimiter, KeyedLock {
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined>;
  /**
   * Store (or replace) a record for `ttlMs` milliseconds. An id removed by `delete` or
   * `deleteAllOfUser` within the last {@link REMOVED_ID_MEMORY_MS} is not stored again: ids
   * are never reused, so such a put is a request that read the record before it was removed
   * (a session refresh racing a logout or a password change) and must not bring it back.
   */
  put(id: string, record: SessionRecord, ttlMs: number): Promise<void>;
  /** True when a record was removed. */
  delete(kind: RecordKind, id: string): Promise<boolean>;
  /** Get and remove in one step: of two concurrent takes of one id, only one gets it. */
  take<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined>;
  /** Give a live record a new TTL from now; false when there is none. */
  expire(kind: RecordKind, id: string, ttlMs: number): Promise<boolean>;
  /** Remove the records of one principal; answers how many were removed. */
  deleteAllOfUser(principal: string, filter?: UserRecordFilter): Promise<number>;
}
