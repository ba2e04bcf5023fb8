/**
 * Where a password change goes (RFC 3244; krb5.conf(5) kpasswd_server, admin_server): the
 * realm's kpasswd_server entries, else its admin_server hosts on port 464; never a KDC.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { kpasswdAddresses, parseKrb5Conf } from '../../../src/krb5/config/index.js';
import { ConfigError } from '../../../src/krb5/errors.js';
import { silentServer } from '../../helpers/stand-in-servers.js';

const REALM = 'EXAMPLE.TEST';

function config(realmLines: readonly string[]) {
  return parseKrb5Conf(
    [
      '[libdefaults]',
      `  default_realm = ${REALM}`,
      '[realms]',
      `  ${REALM} = {`,
      ...realmLines.map((l) => `    ${l}`),
      '  }',
    ].join('\n'),
  );
}

function configError(err: unknown): true {
  assert.ok(err instanceof ConfigError, String(err));
  assert.equal(err.code, 'ERR_CONFIG');
  return true;
}

describe('kpasswdAddresses', () => {
  it('uses kpasswd_server, in order, with its own ports', () => {
    const cfg = config([
      'kdc = kdc1.example.test:88',
      'admin_server = admin.example.test:749',
      'kpasswd_server = pw1.example.test:1464',
      'kpasswd_server = pw2.example.test',
    ]);
    assert.deepEqual(kpasswdAddresses(cfg, REALM), [
      { host: 'pw1.example.test', port: 1464 },
      { host: 'pw2.example.test', port: 464 },
    ]);
  });

  it('falls back to each admin_server host on port 464, whatever port admin_server names', () => {
    const cfg = config([
      'kdc = kdc1.example.test',
      'admin_server = admin1.example.test:749',
      'admin_server = admin2.example.test',
    ]);
    assert.deepEqual(kpasswdAddresses(cfg, REALM), [
      { host: 'admin1.example.test', port: 464 },
      { host: 'admin2.example.test', port: 464 },
    ]);
  });

  it('never uses a kdc entry: a realm with only KDCs has no password server', () => {
    const cfg = config(['kdc = kdc1.example.test:88', 'kdc = kdc2.example.test']);
    assert.throws(() => kpasswdAddresses(cfg, REALM), configError);
  });

  it('a realm missing from krb5.conf is a ConfigError', () => {
    assert.throws(
      () => kpasswdAddresses(config(['kdc = k.example.test']), 'OTHER.TEST'),
      configError,
    );
  });
});

describe('KerberosClient.changePassword without a password server', () => {
  it('rejects with ConfigError before sending anything to the KDC', async () => {
    const kdc = await silentServer();
    try {
      const cfg = config([`kdc = 127.0.0.1:${kdc.port}`]);
      const client = new KerberosClient({ config: cfg, timeoutMs: 300 });

      const pending = client.changePassword(client.principal('alice', REALM), 'old', 'new');

      await assert.rejects(pending, configError);
      assert.equal(kdc.counts.connections, 0);
      assert.equal(kdc.counts.datagrams, 0);
    } finally {
      await kdc.close();
    }
  });

  it('getInitialTicket for a realm without KDCs rejects too (it does not throw)', async () => {
    const client = new KerberosClient({ config: config(['kdc = k.example.test']) });
    const pending = client.getInitialTicket(client.principal('alice', 'OTHER.TEST'), 'pw');
    await assert.rejects(pending, configError);
  });
});
