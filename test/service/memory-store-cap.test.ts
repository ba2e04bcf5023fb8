/**
 * Anonymous records (CAS sessions and login tickets, made by anyone who loads the login page)
 * are capped in the memory store, so a flood of GET /cas/login cannot exhaust memory; records
 * that name a user are never evicted for them.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_ANONYMOUS_RECORDS, MemorySessionStore } from '../../src/service/store/memory-store.js';

const MINUTE = 60_000;

test('past the cap the oldest anonymous record goes, and user records stay', async () => {
  const store = new MemorySessionStore();
  await store.put(
    'tgc-1',
    {
      kind: 'tgc',
      principal: 'alice@R',
      user: 'alice',
      realm: 'R',
      mustChange: false,
      passwordExpires: null,
      createdAt: 0,
    },
    10 * MINUTE,
  );

  for (let i = 0; i <= MAX_ANONYMOUS_RECORDS; i++) {
    await store.put(`lt-${i}`, { kind: 'lt', casSession: 'c' }, 10 * MINUTE);
  }

  assert.equal(store.size, MAX_ANONYMOUS_RECORDS + 1, 'the cap plus the one user record');
  assert.equal(await store.get('lt', 'lt-0'), undefined, 'the oldest login ticket went');
  assert.deepEqual(await store.get('lt', 'lt-1'), { kind: 'lt', casSession: 'c' });
  assert.equal((await store.get('tgc', 'tgc-1'))?.principal, 'alice@R');
});
