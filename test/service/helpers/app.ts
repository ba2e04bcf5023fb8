/**
 * Building the app for a test: a fake clock, a log captured in memory, the in-memory
 * backend unless a test passes another.
 */

import { Writable } from 'node:stream';

import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../../src/service/app.js';
import type { PasswordBackend } from '../../../src/service/backend.js';
import { resolveServiceConfig, type ServiceConfig } from '../../../src/service/config.js';
import { createServiceLogger } from '../../../src/service/logging.js';
import { MemorySessionStore } from '../../../src/service/store/memory-store.js';
import { MemoryBackend } from './memory-backend.js';

/** Every log line the app wrote, raw. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
    done();
  }

  /** Parsed lines. */
  entries(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly backend: PasswordBackend;
  readonly log: LogCapture;
  readonly store: MemorySessionStore;
  /** Move the fake clock forward. */
  advance(ms: number): void;
  now(): number;
}

export async function testApp(
  options: {
    backend?: PasswordBackend;
    config?: Record<string, unknown>;
    fakeClock?: boolean;
    /** Share sessions with another app (the same store, hence the same cookies work). */
    store?: MemorySessionStore;
  } = {},
): Promise<TestApp> {
  let offset = 0;
  const clock = options.fakeClock === false ? Date.now : () => Date.now() + offset;
  const log = new LogCapture();
  const store = options.store ?? new MemorySessionStore(clock);
  const config: ServiceConfig = resolveServiceConfig(options.config ?? {});
  const backend = options.backend ?? new MemoryBackend();
  const app = await buildApp({
    backend,
    config,
    store,
    clock,
    logger: createServiceLogger('debug', log),
  });
  return {
    app,
    backend,
    log,
    store,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
  };
}
