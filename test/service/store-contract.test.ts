/**
 * The shared SessionStore suite, run for the in-memory store and for the Redis store against
 * a real redis-server on 127.0.0.1 (each Redis test under its own key prefix).
 */

import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';

import { connectRedis } from '../../src/service/store/redis-connection.js';
import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { RedisSessionStore } from '../../src/service/store/redis-store.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { storeSuite } from './helpers/store-suite.js';

let redis: TestRedis;

before(async () => {
  redis = await startRedis();
});

after(async () => {
  await redis.close();
});

storeSuite('memory', {
  create: async () => ({ store: new MemorySessionStore(), close: async () => undefined }),
  lockExpires: false,
});

storeSuite('redis', {
  create: async () => {
    const connection = await connectRedis({ url: redis.url });
    const store = new RedisSessionStore(connection, `test-${randomUUID()}:`);
    return { store, close: async () => void (await connection.quit()) };
  },
  lockExpires: true,
});
