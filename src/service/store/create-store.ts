/**
 * The store the configuration asks for: this process's memory (one instance), or a Redis
 * shared by several instances.
 */

import { ServiceConfigError, type ServiceConfig } from '../config.js';
import { MemorySessionStore } from './memory-store.js';
import { connectRedis } from './redis-connection.js';
import { RedisSessionStore } from './redis-store.js';
import type { SessionStore } from './session-store.js';

export interface ConfiguredStore {
  readonly store: SessionStore;
  /** Close the store's connection, if any. */
  close(): Promise<void>;
}

export async function createStore(config: ServiceConfig): Promise<ConfiguredStore> {
  if (config.store === 'memory') {
    return { store: new MemorySessionStore(), close: async () => undefined };
  }
  if (config.redisUrl === null)
    throw new ServiceConfigError('service: store "redis" needs redisUrl');
  const redis = await connectRedis({ url: config.redisUrl, caFile: config.redisCaFile });
  return {
    store: new RedisSessionStore(redis, config.redisKeyPrefix),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
