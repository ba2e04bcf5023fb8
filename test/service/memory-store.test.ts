/**
 * The in-memory SessionStore: TTLs, take-once, and removing a user's records.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newId } from '../../src/service/ids.js';
import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { webRecord } from './helpers/store-suite.js';

function fakeClock() {
  let now = 1_000_000;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

const web = webRecord;

test('ids are 256-bit base64url with their prefix, and never repeat', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => newId('ST')));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^ST-[A-Za-z0-9_-]{43}$/);
});

test('records expire after their TTL; expire() extends a live one only', async () => {
  const { clock, advance } = fakeClock();
  const store = new MemorySessionStore(clock);
  await store.put('a', { kind: 'cas' }, 1000);
  advance(999);
  assert.deepEqual(await store.get('cas', 'a'), { kind: 'cas' });
  assert.equal(await store.expire('cas', 'a', 1000), true);
  advance(999);
  assert.ok(await store.get('cas', 'a'));
  advance(1);
  assert.equal(await store.get('cas', 'a'), undefined);
  assert.equal(await store.expire('cas', 'a', 1000), false);
  assert.equal(store.size, 0);
});

test('kinds are separate namespaces', async () => {
  const store = new MemorySessionStore();
  await store.put('x', { kind: 'lt', casSession: 'c' }, 1000);
  assert.equal(await store.get('st', 'x'), undefined);
  assert.equal(await store.take('web', 'x'), undefined);
  assert.ok(await store.get('lt', 'x'));
});

test('take() gives a record once, even to concurrent callers', async () => {
  const store = new MemorySessionStore();
  await store.put('lt', { kind: 'lt', casSession: 'c' }, 1000);
  const results = await Promise.all([store.take('lt', 'lt'), store.take('lt', 'lt')]);
  assert.equal(results.filter(Boolean).length, 1);
  assert.equal(await store.get('lt', 'lt'), undefined);
});

test('deleteAllOfUser: by kind, by parent, with exceptions, other users untouched', async () => {
  const store = new MemorySessionStore();
  await store.put('w1', web('alice@R', 'g1'), 1000);
  await store.put('w2', web('alice@R', 'g2'), 1000);
  await store.put('w3', web('alice@R', 'g1'), 1000);
  await store.put('b1', web('bob@R', 'g1'), 1000);
  await store.put('g1', { ...web('alice@R', null), kind: 'tgc', createdAt: 0 }, 1000);

  assert.equal(await store.deleteAllOfUser('alice@R', { parent: 'g1', except: ['w3'] }), 1);
  assert.equal(await store.get('web', 'w1'), undefined);
  assert.ok(await store.get('web', 'w3'));
  assert.equal(await store.deleteAllOfUser('alice@R', { kinds: ['tgc'] }), 1);
  assert.ok(await store.get('web', 'w2'));
  assert.equal(await store.deleteAllOfUser('alice@R'), 2);
  assert.ok(await store.get('web', 'b1'));
  assert.equal(store.size, 1);
});
