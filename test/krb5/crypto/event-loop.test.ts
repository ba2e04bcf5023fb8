import assert from 'node:assert/strict';
import { test } from 'node:test';

import { stringToKey } from '../../../src/krb5/crypto/index.js';
import { s2kparamsFor } from '../../../src/krb5/crypto/s2kparams.js';

test('string-to-key does not block the event loop', async () => {
  const events: string[] = [];
  let ticking = true;
  const tick = (): void => {
    if (!ticking) return;
    events.push('tick');
    setImmediate(tick);
  };
  setImmediate(tick);

  // Several slow derivations at once (more than the thread pool has threads).
  const params = s2kparamsFor(200_000);
  const pending = [17, 18, 19, 20, 18, 20].map((etype) =>
    stringToKey(etype, 'password', 'EXAMPLE.COMalice', params).then(() => {
      events.push('done');
    }),
  );
  events.push('started');
  await Promise.all(pending);
  ticking = false;

  // A synchronous PBKDF2 would finish every derivation before the first tick could run.
  const firstDone = events.indexOf('done');
  const lastDone = events.lastIndexOf('done');
  assert.equal(events[0], 'started');
  assert.ok(
    events.slice(1, firstDone).includes('tick'),
    'the loop ticked before any key was ready',
  );
  assert.ok(events.slice(firstDone, lastDone).includes('tick'), 'the loop ticked between results');
});
