/**
 * Audit records: who did what, from which address, with which outcome. Each is a log line
 * (`audit: true`) and, when `auditFile` is configured, one JSON line appended to that file
 * and flushed to disk (fdatasync) before the reply goes out. They name the user, the client
 * address and the kind of failure; never a password, ticket, cookie or session id.
 */

import { open, type FileHandle } from 'node:fs/promises';

import type { FastifyRequest } from 'fastify';

export type AuditEvent =
  | {
      readonly event: 'login';
      readonly user: string;
      readonly realm: string;
      readonly outcome: 'success' | 'failure';
      readonly kind?: string;
      readonly mustChange?: boolean;
    }
  | {
      readonly event: 'password_change';
      readonly principal: string;
      readonly outcome: 'success' | 'failure' | 'refused';
      readonly kind?: string;
      readonly rules?: readonly string[];
      readonly endedSessions?: number;
    }
  | {
      readonly event: 'session_start';
      readonly principal: string;
      readonly via: 'service_ticket' | 'tgc';
    }
  | {
      readonly event: 'service_ticket_validated';
      readonly principal: string;
      readonly service: string;
    }
  | {
      readonly event: 'logout';
      readonly principal: string;
      readonly scope: 'web' | 'sso';
      readonly cause: 'manual' | 'timeout' | 'idle_timeout' | 'max_age';
      /** For a timeout noticed later: when the session really ended. */
      readonly ended?: string;
    };

/** Where audit records go besides the log; see {@link AuditFile}. */
export interface AuditSink {
  append(record: Readonly<Record<string, unknown>>): Promise<void>;
}

/** The request parts {@link audit} needs. */
type AuditedRequest = Pick<FastifyRequest, 'log' | 'ip'>;

/**
 * Record one event: a log line, and a durable line in the sink when there is one. A sink
 * that fails is reported in the log; the request still gets its answer.
 */
export async function audit(
  sink: AuditSink | null,
  request: AuditedRequest,
  entry: AuditEvent,
): Promise<void> {
  request.log.info({ audit: true, ...entry }, entry.event);
  if (sink === null) return;
  const record = { time: new Date().toISOString(), address: request.ip, ...entry };
  try {
    await sink.append(record);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    request.log.error({ error: { type: 'AuditError', code: String(code) } }, 'audit write failed');
  }
}

/** An append-only file of JSON lines, each flushed to disk before append() resolves. */
export class AuditFile implements AuditSink {
  readonly #path: string;
  #handle: Promise<FileHandle> | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  /**
   * Opens the file and writes a `service_start` record, so that a file that cannot be opened
   * or written (a missing folder, a full disk) stops the service at start instead of leaving
   * it to run without the records it promises.
   */
  async start(): Promise<void> {
    try {
      await this.append({ time: new Date().toISOString(), event: 'service_start' });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new Error(`audit file ${this.#path} cannot be written (${String(code)})`, {
        cause: err,
      });
    }
  }

  append(record: Readonly<Record<string, unknown>>): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.#queue.then(() => this.#write(line));
    this.#queue = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.#queue;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }

  async #write(line: string): Promise<void> {
    this.#handle ??= open(this.#path, 'a', 0o600);
    let handle: FileHandle;
    try {
      handle = await this.#handle;
    } catch (err) {
      this.#handle = undefined;
      throw err;
    }
    await handle.write(line);
    await handle.datasync();
  }
}
