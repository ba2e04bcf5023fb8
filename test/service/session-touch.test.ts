/**
 * A web session presented again within a second from the same address is not rewritten (the
 * idle clock runs to the second); a later request, or one from another address, is.
 * (login_check's fields, now serialised from a schema, are checked in cas-login.test.ts.)
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import type { SessionRecord } from '../../src/service/store/session-store.js';
import { testApp } from './helpers/app.js';
import { Client } from './helpers/client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

/** Counts the writes of web sessions. */
class CountingStore extends MemorySessionStore {
  webWrites = 0;

  override async put(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    if (record.kind === 'web') this.webWrites += 1;
    return super.put(id, record, ttlMs);
  }
}

test('a session seen again within a second is left as it is; later it is touched', async () => {
  const store = new CountingStore();
  const backend = new MemoryBackend().add('toucher', { password: 'Touch pass1!' });
  const t = await testApp({ backend, store });
  try {
    const client = new Client(t.app);
    const first = await client.logIn('toucher', 'Touch pass1!');
    const afterLogin = store.webWrites;
    assert.ok(afterLogin >= 1);

    const again = await client.loginCheck();
    const sameSecond = store.webWrites;
    assert.ok(sameSecond - afterLogin <= 1, 'at most the first sighting writes');
    await client.loginCheck();
    await client.loginCheck();
    assert.equal(store.webWrites, sameSecond, 'no write for a sighting within the second');

    t.advance(1_000);
    await client.loginCheck();
    assert.equal(store.webWrites, sameSecond + 1, 'a second later the idle clock restarts');

    await client.request({
      method: 'GET',
      url: '/web/v1/access/login_check',
      remoteAddress: '127.0.0.9',
    });
    assert.equal(store.webWrites, sameSecond + 2, 'another address is recorded at once');

    assert.equal(again.token, first.token, 'the same session answered');
  } finally {
    await t.app.close();
  }
});
