/**
 * The store settings: memory by default; redis with a redis:// or rediss:// URL from the
 * file or KERBSIDE_*; inconsistent or malformed settings refused without quoting the URL.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ServiceConfigError, resolveServiceConfig } from '../../src/service/config.js';

test('memory by default; redis settings from the environment', () => {
  const plain = resolveServiceConfig({});
  assert.equal(plain.store, 'memory');
  assert.equal(plain.redisUrl, null);
  assert.equal(plain.redisKeyPrefix, 'kerbside:');

  const shared = resolveServiceConfig(
    {},
    {
      KERBSIDE_STORE: 'redis',
      KERBSIDE_REDIS_URL: 'rediss://:secret@redis.example.org:6380/2',
      KERBSIDE_REDIS_CA_FILE: '/etc/kerbside/redis-ca.pem',
      KERBSIDE_REDIS_KEY_PREFIX: 'pwd:',
    },
  );
  assert.equal(shared.store, 'redis');
  assert.equal(shared.redisUrl, 'rediss://:secret@redis.example.org:6380/2');
  assert.equal(shared.redisCaFile, '/etc/kerbside/redis-ca.pem');
  assert.equal(shared.redisKeyPrefix, 'pwd:');
});

test('bad or inconsistent store settings are refused, naming the key, not the URL', () => {
  const refused = (section: Record<string, unknown>, pattern: RegExp): void => {
    assert.throws(
      () => resolveServiceConfig(section),
      (err: unknown) => {
        assert.ok(err instanceof ServiceConfigError);
        assert.match(err.message, pattern);
        assert.doesNotMatch(err.message, /secret/);
        return true;
      },
    );
  };
  refused({ store: 'redis' }, /needs redisUrl/);
  refused({ store: 'memcached' }, /service\.store: expected one of memory, redis/);
  refused({ redisUrl: 'http://:secret@127.0.0.1:6379' }, /service\.redisUrl/);
  refused({ redisUrl: 'redis://:secret@' }, /service\.redisUrl/);
  refused({ redisUrl: 42 }, /service\.redisUrl/);
  refused(
    { redisUrl: 'redis://:secret@127.0.0.1:6379', redisCaFile: '/ca.pem' },
    /redisCaFile needs a rediss:\/\/ redisUrl/,
  );
  refused({ redisKeyPrefix: '' }, /redisKeyPrefix/);
});
