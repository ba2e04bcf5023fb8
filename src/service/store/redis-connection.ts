/**
 * The connection to the shared Redis, set up so that a request never hangs on it: no
 * offline queue (a command while disconnected fails at once), one retry at most, a command
 * timeout, no replay of unanswered commands after a reconnect (a lock taken or a ticket
 * taken twice), and reconnection forever in the background.
 */

import { readFile } from 'node:fs/promises';

import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** redis:// or rediss:// (TLS). */
  readonly url: string;
  /** PEM CA file for a rediss:// server's certificate. */
  readonly caFile?: string | null;
  /** How long a command may take before it fails (default 2000 ms). */
  readonly commandTimeoutMs?: number;
}

/** Delay before reconnect attempt `times`: quick at first, then once a second. */
function reconnectDelay(times: number): number {
  return Math.min(times * 100, 1000);
}

/**
 * Connect, and wait up to `waitMs` for the first connection. Redis down at start is not
 * fatal: requests that need it answer `store_unavailable` until it comes up.
 */
export async function connectRedis(options: RedisConnectionOptions, waitMs = 3000): Promise<Redis> {
  const ca = options.caFile ? await readFile(options.caFile) : undefined;
  const redis = new Redis(options.url, {
    ...(ca && { tls: { ca } }),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    autoResendUnfulfilledCommands: false,
    retryStrategy: reconnectDelay,
  });
  // Without a listener, ioredis reports every failed reconnect as an unhandled error.
  redis.on('error', () => undefined);
  await firstReady(redis, waitMs);
  return redis;
}

function firstReady(redis: Redis, waitMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    redis.once('ready', done);
  });
}
