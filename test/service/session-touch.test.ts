/**
 * A web session presented again within a second from the same address is not rewritten (the
 * idle clock runs to the second); a later request, or one from another address, is. And
 * login_check's reply, serialised from its schema, still carries every documented field.
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

    for (const reply of [first, again]) {
      assert.deepEqual(Object.keys(reply).sort(), [
        'error_code',
        'error_description',
        'exist_cluster',
        'id',
        'modify_pwd',
        'password_days_left',
        'password_expires',
        'ref_URL',
        'remind_pwd',
        'state',
        'token',
        'total_progress',
      ]);
    }
    assert.equal(typeof again.token, 'string');
    assert.equal(again.password_days_left, null);
  } finally {
    await t.app.close();
  }
});
