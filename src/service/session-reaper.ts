/**
 * Ends web sessions when their idle or maximum time passes, and writes the timeout's audit
 * record then, not only if the expired cookie is presented again. One timer per session this
 * process last saw; when another instance (shared store) has used the session since, the
 * timer finds a later deadline and waits again. The store's delete answers true once, so a
 * timeout is recorded once across instances. Timers do not keep the process alive.
 */

import type { FastifyBaseLogger } from 'fastify';

import { audit, type AuditSink } from './audit.js';
import type { ServiceConfig } from './config.js';
import type { SessionStore, WebSessionRecord } from './store/session-store.js';

const SECOND = 1000;
/** setTimeout's longest delay; a later deadline is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** When a web session ends, and which limit ends it. */
export function sessionDeadline(
  record: WebSessionRecord,
  config: ServiceConfig,
): { at: number; cause: 'idle_timeout' | 'max_age' } {
  const maxEnd = record.createdAt + config.webSessionMaxSeconds * SECOND;
  const idleEnd = (record.lastSeenAt ?? record.createdAt) + config.webSessionIdleSeconds * SECOND;
  return maxEnd <= idleEnd
    ? { at: maxEnd, cause: 'max_age' }
    : { at: idleEnd, cause: 'idle_timeout' };
}

export interface ReaperOptions {
  readonly store: SessionStore;
  readonly config: ServiceConfig;
  readonly clock: () => number;
  readonly auditSink: AuditSink | null;
  readonly log: FastifyBaseLogger;
}

export class SessionReaper {
  readonly #options: ReaperOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(options: ReaperOptions) {
    this.#options = options;
  }

  /**
   * Watch a session this process saved or refreshed. A timer already set stays: when it fires
   * early (the session was used since) it reads the record and waits again, which is cheaper
   * than resetting a timer on every request.
   */
  watch(id: string, record: WebSessionRecord): void {
    if (this.#timers.has(id)) return;
    const delay = sessionDeadline(record, this.#options.config).at - this.#options.clock();
    const timer = setTimeout(() => void this.#fire(id), Math.min(Math.max(delay, 0), MAX_DELAY_MS));
    timer.unref();
    this.#timers.set(id, timer);
  }

  /** Stop watching (the session was ended or replaced). */
  forget(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #fire(id: string): Promise<void> {
    this.#timers.delete(id);
    const { store, config, clock, auditSink, log } = this.#options;
    try {
      const record = await store.get('web', id);
      if (!record) return;
      const deadline = sessionDeadline(record, config);
      if (clock() < deadline.at) return this.watch(id, record);
      await recordTimeout(store, auditSink, log, id, record, deadline);
    } catch (err) {
      // A store outage: the lazy check in currentWebSession records it when next presented.
      log.warn({ error: { type: (err as Error).name } }, 'session timeout could not be recorded');
    }
  }
}

/** Deletes a timed-out session and, if this call ended it, writes the audit record. */
export async function recordTimeout(
  store: SessionStore,
  auditSink: AuditSink | null,
  log: FastifyBaseLogger,
  id: string,
  record: WebSessionRecord,
  deadline: { at: number; cause: 'idle_timeout' | 'max_age' },
): Promise<void> {
  if (!(await store.delete('web', id))) return;
  await audit(
    auditSink,
    { log, ip: record.lastAddress ?? '' },
    {
      event: 'logout',
      principal: record.principal,
      scope: 'web',
      cause: deadline.cause,
      ended: new Date(deadline.at).toISOString(),
    },
  );
}
