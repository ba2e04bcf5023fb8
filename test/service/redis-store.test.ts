/**
 * The Redis store as several instances see it (two connections, one prefix): take-once and
 * user-wide deletes across instances, Redis's own expiry, and Redis going away and coming
 * back: a fast StoreUnavailableError meanwhile, recovery without help afterwards.
 */

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Redis } from 'ioredis';

import { connectRedis } from '../../src/service/store/redis-connection.js';
import { RedisSessionStore } from '../../src/service/store/redis-store.js';
import { StoreUnavailableError } from '../../src/service/store/store-errors.js';
import { makeCertificates } from '../cli/helpers/certificates.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { webRecord } from './helpers/store-suite.js';

let redis: TestRedis;
const connections: Redis[] = [];

before(async () => {
  redis = await startRedis();
});

after(async () => {
  for (const connection of connections) connection.disconnect();
  await redis.close();
});

/** Two instances' stores over two connections, sharing one fresh prefix. */
async function twoInstances(): Promise<{ a: RedisSessionStore; b: RedisSessionStore; raw: Redis }> {
  const prefix = `test-${randomUUID()}:`;
  const [one, two] = await Promise.all([
    connectRedis({ url: redis.url }),
    connectRedis({ url: redis.url }),
  ]);
  connections.push(one, two);
  return { a: new RedisSessionStore(one, prefix), b: new RedisSessionStore(two, prefix), raw: one };
}

test('a ticket put by one instance is taken once, by one of two racing instances', async () => {
  const { a, b } = await twoInstances();
  for (let round = 0; round < 20; round++) {
    const id = `ST-${round}`;
    const { principal, user, realm } = webRecord('alice@R', null);
    const ticket = { principal, user, realm, mustChange: false, passwordExpires: null };
    await a.put(id, { ...ticket, kind: 'st', service: 's', parent: 'g' }, 5000);
    const [one, two] = await Promise.all([b.take('st', id), a.take('st', id)]);
    assert.equal([one, two].filter(Boolean).length, 1, `round ${round}`);
  }
});

test('a user-wide delete on one instance removes what the other stored', async () => {
  const { a, b } = await twoInstances();
  await a.put('w1', webRecord('alice@R', null), 5000);
  await a.put('g1', { ...webRecord('alice@R', null), kind: 'tgc', createdAt: 0 }, 5000);
  await b.put('w2', webRecord('alice@R', null), 5000);
  assert.equal(await b.deleteAllOfUser('alice@R', { except: ['w2'] }), 2);
  assert.equal(await a.get('web', 'w1'), undefined);
  assert.equal(await a.get('tgc', 'g1'), undefined);
  assert.ok(await a.get('web', 'w2'));
});

test('expiry is Redis’s own: records and the user index carry a PX TTL', async () => {
  const { a, raw } = await twoInstances();
  await a.put('w1', webRecord('erin@R', null), 5000);
  const keys = await raw.keys('*erin@R*');
  assert.equal(keys.length, 1, 'the user index');
  const [index = ''] = keys;
  const members = await raw.smembers(index);
  assert.deepEqual(members, ['web:w1']);
  const recordKey = index.replace(/user:erin@R$/, 'rec:web:w1');
  for (const key of [recordKey, index]) {
    const ttl = await raw.pttl(key);
    assert.ok(ttl > 4000 && ttl <= 5000, `${key}: ${ttl}`);
  }
  assert.equal(await a.expire('web', 'w1', 60_000), true);
  assert.ok((await raw.pttl(recordKey)) > 50_000);
  assert.ok((await raw.pttl(index)) > 50_000, 'the index lives as long as its longest record');
});

test('Redis stopped: a fast StoreUnavailableError; restarted: the store recovers', async () => {
  const { a, b } = await twoInstances();
  await a.put('lt1', { kind: 'lt', casSession: 'c' }, 5000);

  await redis.stop();
  for (const call of [
    () => a.get('lt', 'lt1'),
    () => b.take('lt', 'lt1'),
    () => a.put('x', { kind: 'cas' }, 1000),
    () => b.deleteAllOfUser('alice@R'),
    () => a.reserveAttempt('user:x', 3, 1000),
    () => b.lock('change:x', 1000),
  ]) {
    const started = Date.now();
    await assert.rejects(call(), StoreUnavailableError);
    assert.ok(Date.now() - started < 2500, `failed after ${Date.now() - started} ms`);
  }

  await redis.start();
  const started = Date.now();
  for (;;) {
    try {
      await b.put('y', { kind: 'cas' }, 5000);
      break;
    } catch (err) {
      assert.ok(err instanceof StoreUnavailableError);
      assert.ok(Date.now() - started < 10_000, 'recovered within 10 s');
      await sleep(100);
    }
  }
  assert.deepEqual(await a.get('cas', 'y'), { kind: 'cas' }, 'both connections are back');
  assert.equal(await a.get('lt', 'lt1'), undefined, 'this Redis saves nothing: it came back empty');
});

test('rediss:// with a CA file: works with the issuing CA, refused with another', async () => {
  const certificates = await makeCertificates();
  const secure = await startRedis(certificates);
  try {
    assert.match(secure.url, /^rediss:\/\/127\.0\.0\.1:/);
    const trusted = await connectRedis({ url: secure.url, caFile: certificates.caFile });
    connections.push(trusted);
    const store = new RedisSessionStore(trusted, 'tls:');
    await store.put('c', { kind: 'cas' }, 5000);
    assert.deepEqual(await store.get('cas', 'c'), { kind: 'cas' });

    const wrongCa = { url: secure.url, caFile: certificates.otherCaFile };
    const untrusted = await connectRedis(wrongCa, 500);
    connections.push(untrusted);
    await assert.rejects(
      new RedisSessionStore(untrusted, 'tls:').get('cas', 'c'),
      StoreUnavailableError,
    );
  } finally {
    await secure.close();
    await certificates.remove();
  }
});
