/**
 * What every route needs, built once by buildApp and passed to each route group.
 */

import type { AuditSink } from './audit.js';
import type { PasswordBackend } from './backend.js';
import type { ServiceConfig } from './config.js';
import type { SessionReaper } from './session-reaper.js';
import type { SessionStore } from './store/session-store.js';

export interface ServiceContext {
  readonly backend: PasswordBackend;
  readonly config: ServiceConfig;
  readonly store: SessionStore;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  /** Where audit records are written durably; null: the log only. */
  readonly auditSink: AuditSink | null;
  /** Ends web sessions when they time out, with their audit record. */
  readonly reaper: SessionReaper;
}
