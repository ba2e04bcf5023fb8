/**
 * The one behaviour every SessionStore must have, written once and run for each store
 * (store-contract.test.ts): TTLs, kinds as namespaces, take-once, removing a user's
 * records, attempt counting and the per-key lock. Real time, short TTLs.
 */

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import type { SessionStore, WebSessionRecord } from '../../../src/service/store/session-store.js';

export interface StoreUnderTest {
  readonly store: SessionStore;
  close(): Promise<void>;
}

export interface StoreSuiteOptions {
  /** A fresh, empty store. */
  readonly create: () => Promise<StoreUnderTest>;
  /** The store gives a lock up after its TTL (a shared store; memory needs no TTL). */
  readonly lockExpires: boolean;
}

export const webRecord = (principal: string, parent: string | null): WebSessionRecord => ({
  kind: 'web',
  principal,
  user: principal.split('@')[0] ?? '',
  realm: 'R',
  mustChange: false,
  passwordExpires: null,
  token: 't',
  parent,
  createdAt: 0,
});

/** Runs `body` with a fresh store, closing it afterwards. */
function withStore(
  options: StoreSuiteOptions,
  body: (store: SessionStore) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const { store, close } = await options.create();
    try {
      await body(store);
    } finally {
      await close();
    }
  };
}

export function storeSuite(name: string, options: StoreSuiteOptions): void {
  const it = (title: string, body: (store: SessionStore) => Promise<void>): void => {
    test(title, withStore(options, body));
  };

  describe(`SessionStore contract: ${name}`, () => {
    it('put, get, replace and delete; kinds are separate namespaces', async (store) => {
      await store.put('x', { kind: 'lt', casSession: 'c1' }, 5000);
      assert.deepEqual(await store.get('lt', 'x'), { kind: 'lt', casSession: 'c1' });
      assert.equal(await store.get('st', 'x'), undefined);
      assert.equal(await store.take('web', 'x'), undefined);
      await store.put('x', { kind: 'lt', casSession: 'c2' }, 5000);
      assert.deepEqual(await store.get('lt', 'x'), { kind: 'lt', casSession: 'c2' });
      assert.equal(await store.delete('lt', 'x'), true);
      assert.equal(await store.delete('lt', 'x'), false);
      assert.equal(await store.get('lt', 'x'), undefined);
    });

    it('records expire after their TTL; expire() extends a live one only', async (store) => {
      await store.put('short', { kind: 'cas' }, 150);
      await store.put('kept', { kind: 'cas' }, 150);
      assert.ok(await store.get('cas', 'short'));
      assert.equal(await store.expire('cas', 'kept', 1500), true);
      await sleep(300);
      assert.equal(await store.get('cas', 'short'), undefined);
      assert.equal(await store.take('cas', 'short'), undefined);
      assert.deepEqual(await store.get('cas', 'kept'), { kind: 'cas' });
      assert.equal(await store.expire('cas', 'short', 1000), false);
      assert.equal(await store.get('cas', 'short'), undefined, 'expire() did not revive it');
    });

    it('take() gives a record once, even to many concurrent callers', async (store) => {
      await store.put('lt1', { kind: 'lt', casSession: 'c' }, 5000);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.take('lt', 'lt1')));
      assert.equal(results.filter(Boolean).length, 1);
      assert.deepEqual(results.find(Boolean), { kind: 'lt', casSession: 'c' });
      assert.equal(await store.get('lt', 'lt1'), undefined);
    });

    it('deleteAllOfUser: by kind, by parent, with exceptions, others untouched', async (store) => {
      await store.put('w1', webRecord('alice@R', 'g1'), 5000);
      await store.put('w2', webRecord('alice@R', 'g2'), 5000);
      await store.put('w3', webRecord('alice@R', 'g1'), 5000);
      await store.put('b1', webRecord('bob@R', 'g1'), 5000);
      await store.put('g1', { ...webRecord('alice@R', null), kind: 'tgc', createdAt: 0 }, 5000);
      await store.put('l1', { kind: 'lt', casSession: 'alice@R' }, 5000);

      assert.equal(await store.deleteAllOfUser('alice@R', { parent: 'g1', except: ['w3'] }), 1);
      assert.equal(await store.get('web', 'w1'), undefined);
      assert.ok(await store.get('web', 'w3'));
      assert.equal(await store.deleteAllOfUser('alice@R', { kinds: ['tgc'] }), 1);
      assert.equal(await store.get('tgc', 'g1'), undefined);
      assert.ok(await store.get('web', 'w2'));
      assert.equal(await store.deleteAllOfUser('alice@R'), 2);
      assert.equal(await store.get('web', 'w2'), undefined);
      assert.ok(await store.get('web', 'b1'));
      assert.ok(await store.get('lt', 'l1'), 'records without a principal are not a user’s');
      assert.equal(await store.deleteAllOfUser('nobody@R'), 0);
    });

    it('deleteAllOfUser skips taken, deleted, expired and re-owned records', async (store) => {
      await store.put('a', webRecord('carol@R', null), 5000);
      await store.put('b', webRecord('carol@R', null), 100);
      await store.put('c', webRecord('carol@R', null), 5000);
      await store.put('d', webRecord('carol@R', null), 5000);
      await store.put('e', webRecord('carol@R', null), 5000);
      await store.take('web', 'a');
      await store.delete('web', 'c');
      await store.put('d', webRecord('dave@R', null), 5000);
      await sleep(250);
      assert.equal(await store.deleteAllOfUser('carol@R'), 1, 'only e is still carol’s');
      assert.ok(await store.get('web', 'd'));
      assert.equal(await store.deleteAllOfUser('dave@R'), 1);
    });

    it('a removed session is not brought back by a refresh that read it before', async (store) => {
      await store.put('w1', webRecord('frank@R', null), 5000);
      await store.put('w2', webRecord('frank@R', null), 5000);
      const read = await store.get('web', 'w1');
      const logout = await store.get('web', 'w2');
      assert.ok(read && logout);
      assert.equal(await store.deleteAllOfUser('frank@R'), 2, 'a change elsewhere ends both');
      await store.put('w1', { ...read, lastSeenAt: 1 }, 5000);
      assert.equal(await store.get('web', 'w1'), undefined);
      assert.equal(await store.deleteAllOfUser('frank@R'), 0, 'nor indexed again');

      await store.put('w3', webRecord('frank@R', null), 5000);
      assert.equal(await store.delete('web', 'w3'), true);
      await store.put('w3', webRecord('frank@R', null), 5000);
      assert.equal(await store.get('web', 'w3'), undefined, 'nor after a logout');
    });

    it('attempts: the limit, the wait, release, clear and the window', async (store) => {
      const key = `user:${randomUUID()}`;
      const first = await store.reserveAttempt(key, 2, 400);
      const second = await store.reserveAttempt(key, 2, 400);
      assert.ok(first.ok && second.ok);
      const refused = await store.reserveAttempt(key, 2, 400);
      assert.equal(refused.ok, false);
      if (!refused.ok) assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 400);

      await store.releaseAttempt(key, second.id);
      const again = await store.reserveAttempt(key, 2, 400);
      assert.ok(again.ok, 'a released attempt does not count');
      assert.equal((await store.reserveAttempt(key, 2, 400)).ok, false);

      await store.clearAttempts(key);
      assert.ok((await store.reserveAttempt(key, 2, 400)).ok);
      assert.ok((await store.reserveAttempt(key, 2, 400)).ok);
      assert.equal((await store.reserveAttempt(key, 2, 400)).ok, false);
      await sleep(450);
      assert.ok((await store.reserveAttempt(key, 2, 400)).ok, 'the window has passed');
      assert.ok((await store.reserveAttempt(`addr:${randomUUID()}`, 1, 400)).ok, 'keys apart');
    });

    it(
      'attempts: paced guesses stay counted ' + 'until a whole window passes without one',
      async (store) => {
        // MIT forgets failures only after failurecountinterval without one; so must we, or a
        // guess every window/limit would lock the account at the KDC.
        const key = `user:${randomUUID()}`;
        assert.ok((await store.reserveAttempt(key, 2, 1000)).ok);
        await sleep(600);
        assert.ok((await store.reserveAttempt(key, 2, 1000)).ok);
        await sleep(600);
        const paced = await store.reserveAttempt(key, 2, 1000);
        assert.equal(paced.ok, false, 'the first attempt still counts: the second renewed it');
        if (paced.ok) return;
        assert.ok(paced.retryAfterMs > 0 && paced.retryAfterMs <= 1000, `${paced.retryAfterMs}`);
        await sleep(paced.retryAfterMs + 150);
        assert.ok((await store.reserveAttempt(key, 2, 1000)).ok, 'a whole quiet window resets');
      },
    );

    it('attempts: of concurrent reservations, exactly the limit succeed', async (store) => {
      const key = `user:${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => store.reserveAttempt(key, 3, 5000)),
      );
      assert.equal(answers.filter((a) => a.ok).length, 3);
    });

    it('lock: one holder per key at a time; other keys are free', async (store) => {
      const key = `change:${randomUUID()}`;
      const order: string[] = [];
      const release = await store.lock(key, 5000);
      const other = await store.lock(`change:${randomUUID()}`, 5000);
      const waiting = store.lock(key, 5000).then(async (releaseSecond) => {
        order.push('second holds');
        await releaseSecond();
      });
      await sleep(200);
      order.push('first releases');
      await release();
      await waiting;
      await other();
      assert.deepEqual(order, ['first releases', 'second holds']);
      const third = await store.lock(key, 5000);
      await third();
    });

    if (options.lockExpires) {
      it('lock: a holder that never releases loses it after the TTL', async (store) => {
        const key = `change:${randomUUID()}`;
        const stale = await store.lock(key, 300);
        const started = Date.now();
        const next = await store.lock(key, 5000);
        assert.ok(Date.now() - started >= 200, 'the second holder waited for the TTL');

        await stale();
        let thirdHolds = false;
        const third = store.lock(key, 5000).then((release) => {
          thirdHolds = true;
          return release;
        });
        await sleep(200);
        assert.equal(thirdHolds, false, 'the stale release did not free the new holder’s lock');
        await next();
        await (
          await third
        )();
      });
    }
  });
}
