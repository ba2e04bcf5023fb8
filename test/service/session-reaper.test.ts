/**
 * A web session that times out is ended, and its audit record written, when the time passes:
 * not only if its cookie is presented again. Presenting it afterwards adds no second record.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { AuditSink } from '../../src/service/audit.js';
import { buildApp } from '../../src/service/app.js';
import { DEFAULT_CONFIG } from '../../src/service/config.js';
import { createServiceLogger } from '../../src/service/logging.js';
import { Client } from './helpers/client.js';
import { MemoryBackend } from './helpers/memory-backend.js';

const PASSWORD = 'Old pass1!';

test('an idle session is ended and audited when its idle time passes', async () => {
  const records: Array<Readonly<Record<string, unknown>>> = [];
  const auditSink: AuditSink = { append: async (record) => void records.push(record) };
  // Below the configurable minimum of 60 s, so that the test need not wait a minute.
  const config = { ...DEFAULT_CONFIG, webSessionIdleSeconds: 1 };
  const app = await buildApp({
    backend: new MemoryBackend().add('idle', { password: PASSWORD }),
    config,
    auditSink,
    logger: createServiceLogger('silent'),
  });
  try {
    const client = new Client(app);
    await client.logIn('idle', PASSWORD);
    const lastUse = Date.now();

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const timeouts = records.filter((r) => r['event'] === 'logout');
    assert.equal(timeouts.length, 1, 'recorded without any request');
    assert.equal(timeouts[0]?.['cause'], 'idle_timeout');
    assert.equal(timeouts[0]?.['address'], '127.0.0.1', 'the last client address');
    const ended = Date.parse(String(timeouts[0]?.['ended']));
    assert.ok(Math.abs(ended - (lastUse + 1000)) < 500, 'ended one idle period after use');

    const late = await client.request({ method: 'GET', url: '/web/v1/access/current_user' });
    assert.equal(late.statusCode, 401);
    assert.equal(records.filter((r) => r['event'] === 'logout').length, 1, 'no second record');
  } finally {
    await app.close();
  }
});
