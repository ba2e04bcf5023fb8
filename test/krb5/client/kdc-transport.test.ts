/**
 * Reaching the KDCs krb5.conf lists: a dead KDC before the real one is skipped, a realm whose
 * only KDC is dead is UnreachableError, and a KDC that takes the request and never answers
 * is TimeoutError within the configured time.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { kdcAddresses } from '../../../src/krb5/config/index.js';
import { TimeoutError, UnreachableError } from '../../../src/krb5/errors.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';
import { realmConfig, writeRealmConfig } from '../../helpers/realm-config.js';
import { deadPort, silentServer } from '../../helpers/stand-in-servers.js';

const PASSWORD = 'Transport-pass-1';

describe('KDC transport against MIT krb5kdc', () => {
  let realm: TestRealm;
  let dir: string;

  before(async () => {
    realm = await startRealm();
    dir = await mkdtemp(join(tmpdir(), 'kerbside-conf-'));
    await realm.addPrincipal('alice', PASSWORD);
  });
  after(async () => {
    await realm?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('skips a dead KDC listed before the real one (krb5.conf through KRB5_CONFIG)', async () => {
    const dead = await deadPort();
    const config = await writeRealmConfig(dir, 'dead-first.conf', realm.realm, {
      kdc: [dead, realm.kdcPort],
    });
    assert.deepEqual(
      kdcAddresses(config, realm.realm).map((a) => a.port),
      [dead, realm.kdcPort],
    );
    const client = new KerberosClient({ config, timeoutMs: 2000 });

    const started = Date.now();
    const ticket = await client.getInitialTicket(client.principal('alice', realm.realm), PASSWORD);

    assert.equal(ticket.client.realm, realm.realm);
    // A refused connection is known at once: no waiting for a timeout.
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });

  it('skips a silent KDC listed before the real one, after the timeout', async () => {
    const silent = await silentServer();
    try {
      const config = realmConfig(realm.realm, { kdc: [silent.port, realm.kdcPort] });
      const client = new KerberosClient({ config, timeoutMs: 300 });

      const ticket = await client.getInitialTicket(
        client.principal('alice', realm.realm),
        PASSWORD,
      );

      assert.equal(ticket.client.realm, realm.realm);
      assert.ok(silent.counts.connections >= 1);
    } finally {
      await silent.close();
    }
  });

  it('is UnreachableError when the only KDC is dead', async () => {
    const config = realmConfig(realm.realm, { kdc: [await deadPort()] });
    const client = new KerberosClient({ config, timeoutMs: 2000 });

    await assert.rejects(
      client.getInitialTicket(client.principal('alice', realm.realm), PASSWORD),
      (err: unknown) => {
        assert.ok(err instanceof UnreachableError, String(err));
        assert.equal(err.code, 'ERR_UNREACHABLE');
        return true;
      },
    );
  });

  it('is TimeoutError within the configured time when the KDC never answers', async () => {
    const silent = await silentServer();
    try {
      const config = realmConfig(realm.realm, { kdc: [silent.port] });
      const timeoutMs = 400;
      const client = new KerberosClient({ config, timeoutMs });

      const started = Date.now();
      await assert.rejects(
        client.getInitialTicket(client.principal('alice', realm.realm), PASSWORD),
        (err: unknown) => {
          assert.ok(err instanceof TimeoutError, String(err));
          assert.equal(err.code, 'ERR_TIMEOUT');
          return true;
        },
      );
      const elapsed = Date.now() - started;

      assert.ok(elapsed >= timeoutMs - 20 && elapsed < timeoutMs + 600, `took ${elapsed} ms`);
      assert.equal(silent.counts.connections, 1);
      assert.equal(silent.counts.tcpRequests, 1);
      // TCP took the request: it is not sent again over UDP to the same KDC.
      assert.equal(silent.counts.datagrams, 0);
    } finally {
      await silent.close();
    }
  });
});
