/**
 * The {@link SessionStore} in Redis, shared by every kerbside instance that uses the same
 * Redis and key prefix. Expiry is Redis's own (PX); take-once, user-wide deletes and
 * throttle counts are Lua scripts, atomic across instances; the per-user lock is a
 * `SET NX PX` token released by compare-and-delete.
 *
 * When Redis does not answer, every method throws {@link StoreUnavailableError} at once
 * (the connection must be made with the offline queue disabled and a command timeout, see
 * redis-connection.ts); the connection recovers by itself.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Redis } from 'ioredis';

import {
  DELETE_ALL_OF_USER,
  EXPIRE,
  PUT,
  RELEASE_LOCK,
  REMOVE,
  RESERVE_ATTEMPT,
} from './redis-scripts.js';
import {
  REMOVED_ID_MEMORY_MS,
  type AttemptReservation,
  type RecordKind,
  type RecordOf,
  type SessionRecord,
  type SessionStore,
  type UserRecordFilter,
} from './session-store.js';
import { StoreUnavailableError } from './store-errors.js';

/** How often a waiter asks again for a lock another holder has. */
const LOCK_POLL_MS = 50;

export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  /** @param prefix put before every key, e.g. `kerbside:`. */
  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined> {
    const value = await this.#run(() => this.#redis.get(this.#recordKey(kind, id)));
    return parseRecord(kind, value);
  }

  async put(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    const args = [this.#prefix, memberOf(record.kind, id), JSON.stringify(record), ms(ttlMs)];
    await this.#script(PUT, [this.#recordKey(record.kind, id)], args);
  }

  async delete(kind: RecordKind, id: string): Promise<boolean> {
    return (await this.#remove(kind, id, REMOVED_ID_MEMORY_MS)) !== null;
  }

  /** A taken id (a ticket) is never put again, so it need not be remembered. */
  async take<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined> {
    return parseRecord(kind, await this.#remove(kind, id, 0));
  }

  async expire(kind: RecordKind, id: string, ttlMs: number): Promise<boolean> {
    const args = [this.#prefix, ms(ttlMs)];
    return (await this.#script(EXPIRE, [this.#recordKey(kind, id)], args)) === 1;
  }

  async deleteAllOfUser(principal: string, filter: UserRecordFilter = {}): Promise<number> {
    const json = JSON.stringify({
      kinds: filter.kinds ?? null,
      parent: filter.parent ?? null,
      except: filter.except ?? [],
    });
    const index = `${this.#prefix}user:${principal}`;
    const args = [this.#prefix, json, ms(REMOVED_ID_MEMORY_MS)];
    return Number(await this.#script(DELETE_ALL_OF_USER, [index], args));
  }

  async reserveAttempt(key: string, limit: number, windowMs: number): Promise<AttemptReservation> {
    const id = randomUUID();
    const args = [String(limit), ms(windowMs), id];
    const answer = await this.#script(RESERVE_ATTEMPT, [this.#attemptsKey(key)], args);
    const [counted, wait] = answer as [number, number];
    return counted === 1 ? { ok: true, id } : { ok: false, retryAfterMs: Math.max(0, wait) };
  }

  async releaseAttempt(key: string, id: string): Promise<void> {
    await this.#run(() => this.#redis.zrem(this.#attemptsKey(key), id));
  }

  async clearAttempts(key: string): Promise<void> {
    await this.#run(() => this.#redis.del(this.#attemptsKey(key)));
  }

  /**
   * Waits (asking again every 50 ms) until `SET NX PX` succeeds. A holder that dies keeps
   * others out for at most `ttlMs`. Releasing deletes the lock only while it still holds this
   * holder's token, so a holder that outlived its time cannot free someone else's lock; a
   * release Redis does not hear leaves the lock to expire by itself.
   */
  async lock(key: string, ttlMs: number): Promise<() => Promise<void>> {
    const lockKey = `${this.#prefix}lock:${key}`;
    const token = randomBytes(18).toString('base64url');
    for (;;) {
      const set = await this.#run(() => this.#redis.set(lockKey, token, 'PX', ms(ttlMs), 'NX'));
      if (set === 'OK') break;
      await sleep(LOCK_POLL_MS);
    }
    return async () => {
      await this.#script(RELEASE_LOCK, [lockKey], [token]).catch(() => undefined);
    };
  }

  #remove(kind: RecordKind, id: string, rememberMs: number): Promise<unknown> {
    const args = [this.#prefix, memberOf(kind, id), String(rememberMs)];
    return this.#script(REMOVE, [this.#recordKey(kind, id)], args);
  }

  #recordKey(kind: RecordKind, id: string): string {
    return `${this.#prefix}rec:${memberOf(kind, id)}`;
  }

  #attemptsKey(key: string): string {
    return `${this.#prefix}attempts:${key}`;
  }

  #script(script: string, keys: string[], args: string[]): Promise<unknown> {
    return this.#run(() => this.#redis.eval(script, keys.length, ...keys, ...args));
  }

  /** Redis's own refusals (a bug here) stay as they are; anything else is unavailability. */
  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      if (err instanceof Error && err.name === 'ReplyError') throw err;
      throw new StoreUnavailableError(err);
    }
  }
}

function memberOf(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}

/** Redis wants whole milliseconds, at least one. */
function ms(value: number): string {
  return String(Math.max(1, Math.ceil(value)));
}

function parseRecord<K extends RecordKind>(kind: K, value: unknown): RecordOf<K> | undefined {
  if (typeof value !== 'string') return undefined;
  const record = JSON.parse(value) as SessionRecord;
  return record.kind === kind ? (record as RecordOf<K>) : undefined;
}
