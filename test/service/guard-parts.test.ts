/**
 * The parts behind the guards, alone: the store's attempt limiter and per-user lock, the
 * audit file, and the new configuration keys.
 */

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { AuditFile, audit, type AuditSink } from '../../src/service/audit.js';
import {
  DEFAULT_CONFIG,
  ServiceConfigError,
  resolveServiceConfig,
} from '../../src/service/config.js';
import { createServiceLogger } from '../../src/service/logging.js';
import { MemorySessionStore } from '../../src/service/store/memory-store.js';
import { LogCapture } from './helpers/app.js';

test('the attempt limiter: a window renewed by each attempt, release and clear', async () => {
  let now = 1_000_000;
  const store = new MemorySessionStore(() => now);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await store.reserveAttempt('user:a@R', 3, 60_000);
    assert.ok(r.ok);
    ids.push(r.id);
    now += 10_000;
  }
  // Attempts at 0, 10 and 20 s: each renewed all, so they all leave at 80 s.
  const full = await store.reserveAttempt('user:a@R', 3, 60_000);
  assert.deepEqual(full, { ok: false, retryAfterMs: 50_000 });
  assert.ok((await store.reserveAttempt('user:b@R', 3, 60_000)).ok, 'keys are separate');

  await store.releaseAttempt('user:a@R', ids[2] ?? '');
  assert.ok((await store.reserveAttempt('user:a@R', 3, 60_000)).ok, 'a released attempt is free');
  assert.equal((await store.reserveAttempt('user:a@R', 3, 60_000)).ok, false);

  now += 59_000;
  assert.equal((await store.reserveAttempt('user:a@R', 3, 60_000)).ok, false, 'not yet quiet');
  now += 1_000;
  assert.ok((await store.reserveAttempt('user:a@R', 3, 60_000)).ok, 'a whole quiet window');
  await store.clearAttempts('user:a@R');
  for (let i = 0; i < 3; i++) assert.ok((await store.reserveAttempt('user:a@R', 3, 60_000)).ok);
});

test('the per-key lock: holders run one at a time, in order; other keys do not wait', async () => {
  const store = new MemorySessionStore();
  const events: string[] = [];
  const hold = async (key: string, name: string, ms: number) => {
    const release = await store.lock(key, 60_000);
    events.push(`${name} in`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push(`${name} out`);
    await release();
  };
  await Promise.all([
    hold('k', 'a', 30),
    hold('k', 'b', 10),
    hold('k', 'c', 0),
    hold('other', 'x', 0),
  ]);
  const onK = events.filter((e) => !e.startsWith('x'));
  assert.deepEqual(onK, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  assert.ok(events.indexOf('x out') < events.indexOf('a out'), 'another key ran meanwhile');
  const again = await store.lock('k', 60_000);
  await again();
});

test(
  'the audit file: one JSON line per record, ' + 'in order, on disk when append resolves',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kerbside-audit-'));
    try {
      const file = new AuditFile(join(dir, 'audit.jsonl'));
      await Promise.all(Array.from({ length: 20 }, (_, i) => file.append({ n: i })));
      const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).trimEnd().split('\n');
      assert.deepEqual(
        lines.map((line) => JSON.parse(line).n),
        Array.from({ length: 20 }, (_, i) => i),
      );
      await file.close();

      const log = new LogCapture();
      const request = { log: createServiceLogger('debug', log), ip: '127.0.0.9' };
      const broken = new AuditFile(join(dir, 'missing', 'audit.jsonl'));
      await audit(broken, request, { event: 'session_start', principal: 'a@R', via: 'tgc' });
      const entries = log.entries();
      assert.ok(entries.some((e) => e['msg'] === 'audit write failed' && e['level'] === 50));
      assert.ok(
        entries.some((e) => e['audit'] === true),
        'the log line is still written',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test('an audit file that cannot be written stops the service at start', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kerbside-audit-'));
  try {
    const missing = new AuditFile(join(dir, 'missing', 'audit.jsonl'));
    await assert.rejects(missing.start(), /audit file .*missing.* cannot be written \(ENOENT\)/);
    await assert.rejects(new AuditFile('/dev/full').start(), /cannot be written \(ENOSPC\)/);

    const good = new AuditFile(join(dir, 'audit.jsonl'));
    await good.start();
    await good.close();
    const first = JSON.parse(await readFile(join(dir, 'audit.jsonl'), 'utf8'));
    assert.equal(first.event, 'service_start');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('audit records carry the time and the client address', async () => {
  const records: Array<Readonly<Record<string, unknown>>> = [];
  const sink: AuditSink = { append: async (record) => void records.push(record) };
  const request = { log: createServiceLogger('silent'), ip: '192.0.2.7' };
  await audit(sink, request, { event: 'login', user: 'u', realm: 'R', outcome: 'success' });
  assert.equal(records[0]?.['address'], '192.0.2.7');
  assert.match(String(records[0]?.['time']), /^\d{4}-\d\d-\d\dT/);
});

test('the new configuration keys: defaults, environment, consistency', () => {
  assert.equal(DEFAULT_CONFIG.throttleUserFailures, 3);
  assert.equal(DEFAULT_CONFIG.throttleUserWindowSeconds, 900);
  assert.equal(DEFAULT_CONFIG.queryLimitBytes, 10240);
  assert.equal(DEFAULT_CONFIG.tlsCert, null);
  assert.equal(DEFAULT_CONFIG.auditFile, null);
  const config = resolveServiceConfig(
    {},
    {
      KERBSIDE_THROTTLE_USER_FAILURES: '4',
      KERBSIDE_THROTTLE_ADDRESS_FAILURES: '50',
      KERBSIDE_TLS_CERT: '/etc/kerbside/cert.pem',
      KERBSIDE_TLS_KEY: '/etc/kerbside/key.pem',
      KERBSIDE_AUDIT_FILE: '/var/log/kerbside/audit.jsonl',
      KERBSIDE_QUERY_LIMIT_BYTES: '4096',
    },
  );
  assert.equal(config.throttleUserFailures, 4);
  assert.equal(config.throttleAddressFailures, 50);
  assert.equal(config.tlsCert, '/etc/kerbside/cert.pem');
  assert.equal(config.auditFile, '/var/log/kerbside/audit.jsonl');
  assert.equal(config.queryLimitBytes, 4096);
  assert.throws(() => resolveServiceConfig({ tlsKey: '/k.pem' }), /tlsCert and tlsKey/);
  assert.throws(() => resolveServiceConfig({ throttleUserFailures: 0 }), ServiceConfigError);
  assert.throws(
    () => resolveServiceConfig({ auditFile: '' }),
    /auditFile: expected null or a file path/,
  );
});
