/**
 * How a change reaches the password server, and what happens when its reply is lost: sent
 * exactly once, TCP first, UDP only when TCP cannot connect; a lost reply is recovered by
 * logging in with the new password, else reported as an unknown outcome.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import type { Principal } from '../../../src/krb5/client/principal.js';
import { OutcomeUnknownError } from '../../../src/krb5/kpasswd/change.js';
import { KPASSWD_RESULT } from '../../../src/krb5/kpasswd/result.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';
import { realmConfig } from '../../helpers/realm-config.js';
import {
  acceptsTcp,
  deadPort,
  silentServer,
  tcpProxy,
  udpOnlyRelay,
  type ProxyMode,
  type StandIn,
} from '../../helpers/stand-in-servers.js';

const OLD = 'Old-password-1';
const NEW = 'New-password-2';
const TIMEOUT_MS = 500;

describe('password servers and lost replies (MIT kadmind)', () => {
  let realm: TestRealm;
  let serial = 0;

  before(async () => {
    realm = await startRealm();
  });
  after(async () => {
    await realm?.stop();
  });

  /** A client whose AS requests go to the real KDC and whose changes go to `kpasswdPort`. */
  function clientVia(kpasswdPort: number): KerberosClient {
    const config = realmConfig(realm.realm, { kdc: [realm.kdcPort], kpasswd: [kpasswdPort] });
    return new KerberosClient({ config, timeoutMs: TIMEOUT_MS });
  }

  async function newUser(client: KerberosClient): Promise<Principal> {
    const name = `user${++serial}`;
    await realm.addPrincipal(name, OLD);
    return client.principal(name, realm.realm);
  }

  async function works(client: KerberosClient, user: Principal, password: string) {
    return client.getInitialTicket(user, password).then(
      () => true,
      () => false,
    );
  }

  async function using<T>(standIn: StandIn, run: (s: StandIn) => Promise<T>): Promise<T> {
    try {
      return await run(standIn);
    } finally {
      await standIn.close();
    }
  }

  it('a server that never answers: ERR_OUTCOME_UNKNOWN, sent exactly once', async () => {
    await using(await silentServer(), async (silent) => {
      const client = clientVia(silent.port);
      const user = await newUser(client);

      const started = Date.now();
      await assert.rejects(client.changePassword(user, OLD, NEW), (err: unknown) => {
        assert.ok(err instanceof OutcomeUnknownError, String(err));
        assert.equal(err.code, 'ERR_OUTCOME_UNKNOWN');
        assert.match(err.message, /\(no reply from 127\.0\.0\.1:\d+ over TCP within \d+ ms\)/);
        assert.ok(!err.message.includes(OLD) && !err.message.includes(NEW));
        return true;
      });
      const elapsed = Date.now() - started;

      assert.equal(silent.counts.connections, 1);
      assert.equal(silent.counts.tcpRequests, 1);
      assert.equal(silent.counts.datagrams, 0, 'no retry over UDP');
      assert.ok(elapsed < TIMEOUT_MS + 1500, `took ${elapsed} ms`);
      assert.equal(await works(client, user, OLD), true);
      assert.equal(await works(client, user, NEW), false);
    });
  });

  for (const mode of ['drop-silently', 'drop-and-hang-up'] as ProxyMode[]) {
    it(`a reply lost after the change (${mode}): recovered by logging in with it`, async () => {
      await using(await tcpProxy(realm.kpasswdPort, mode), async (proxy) => {
        const client = clientVia(proxy.port);
        const user = await newUser(client);

        const outcome = await client.changePassword(user, OLD, NEW);

        assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
        assert.equal(outcome.recovered, true);
        assert.equal(outcome.confirmed, true);
        assert.equal(proxy.counts.connections, 1);
        assert.equal(proxy.counts.tcpRequests, 1);
        assert.equal(proxy.counts.droppedReplies, 1);
        assert.equal(proxy.counts.datagrams, 0, 'no retry over UDP');
        assert.equal(await works(client, user, NEW), true);
        assert.equal(await works(client, user, OLD), false);
      });
    });
  }

  it('uses TCP when the server takes TCP, and never UDP as well', async () => {
    await using(await tcpProxy(realm.kpasswdPort, 'forward'), async (proxy) => {
      const client = clientVia(proxy.port);
      const user = await newUser(client);

      const outcome = await client.changePassword(user, OLD, NEW);

      assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
      assert.equal(outcome.recovered, undefined);
      assert.equal(proxy.counts.connections, 1);
      assert.equal(proxy.counts.tcpRequests, 1);
      assert.equal(proxy.counts.forwardedReplies, 1);
      assert.equal(proxy.counts.datagrams, 0);
    });
  });

  it('falls back to UDP when TCP cannot connect, and the change succeeds over it', async () => {
    await using(await udpOnlyRelay(realm.kpasswdPort), async (relay) => {
      assert.equal(await acceptsTcp(relay.port), false, 'nothing takes TCP there');
      const client = clientVia(relay.port);
      const user = await newUser(client);

      const outcome = await client.changePassword(user, OLD, NEW);

      assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
      assert.equal(outcome.confirmed, true);
      assert.equal(outcome.recovered, undefined);
      assert.equal(relay.counts.datagrams, 1, 'sent once');
      assert.equal(relay.counts.forwardedReplies, 1);
      assert.equal(await works(client, user, NEW), true);
    });
  });

  it('tries the next password server when the first cannot be reached at all', async () => {
    const dead = await deadPort();
    const config = realmConfig(realm.realm, {
      kdc: [realm.kdcPort],
      kpasswd: [dead, realm.kpasswdPort],
    });
    const client = new KerberosClient({ config, timeoutMs: TIMEOUT_MS });
    const user = await newUser(client);

    const outcome = await client.changePassword(user, OLD, NEW);

    assert.equal(outcome.result.code, KPASSWD_RESULT.SUCCESS);
    assert.equal(await works(client, user, NEW), true);
  });
});
