import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  kdcAddresses,
  kpasswdAddresses,
  loadKrb5Config,
  parseKrb5Conf,
  type Krb5Config,
} from '../../../src/krb5/config/index.js';
import { ConfigError, NotSupportedError } from '../../../src/krb5/errors.js';

const FIXTURES = new URL('../../fixtures/krb5conf/', import.meta.url);

let dir: string;

/** Copies the fixtures to a temporary folder, where `include` can name absolute paths. */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kerbside-krb5conf-'));
  await cp(FIXTURES, dir, { recursive: true });
  const operator = join(dir, 'operator.conf');
  await writeFile(operator, (await readFile(operator, 'utf8')).replaceAll('@DIR@', dir));
  // Names includedir must skip; made here so no editor or VCS rule can drop them.
  for (const name of ['.hidden.conf', 'backup~', 'x.conf.bak']) {
    await writeFile(join(dir, 'krb5.conf.d', name), '[realms]\nIGNORED = {\nkdc = no\n}\n');
  }
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("an operator's krb5.conf", () => {
  let cfg: Krb5Config;
  before(async () => {
    cfg = await loadKrb5Config({ KRB5_CONFIG: join(dir, 'operator.conf') });
  });

  it('reads libdefaults', () => {
    assert.equal(cfg.defaultRealm, 'EXAMPLE.COM');
    assert.equal(cfg.udpPreferenceLimit, 1);
    assert.equal(cfg.clockskew, 150);
    assert.equal(cfg.dnsLookupKdc, false);
    assert.equal(
      cfg.profile.value(['libdefaults', 'permitted_enctypes']),
      'aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96',
    );
  });

  it('lists every realm from the file, its include and its includedir, nothing else', () => {
    assert.deepEqual([...cfg.realms.keys()].sort(), [
      'CORP.EXAMPLE.COM',
      'EXAMPLE.COM',
      'LAB.EXAMPLE.COM',
      'PARTNER.ORG',
      'PROXIED.EXAMPLE.COM',
    ]);
  });

  it('keeps repeated kdc lines in order, with every address form', () => {
    assert.deepEqual(kdcAddresses(cfg, 'EXAMPLE.COM'), [
      { host: 'kdc1.example.com', port: 88 },
      { host: 'kdc2.example.com', port: 750 },
      { host: 'kdc3.example.com', port: 88, transport: 'tcp' },
      { host: '2001:db8::10', port: 8888 },
      { host: '2001:db8::11', port: 88 },
    ]);
    assert.deepEqual(cfg.realms.get('EXAMPLE.COM')!.primaryKdc, [
      { host: 'kdc1.example.com', port: 88 },
    ]);
    assert.deepEqual(cfg.profile.values(['realms', 'EXAMPLE.COM', 'auth_to_local']), [
      'RULE:[1:$1@$0](.*@EXAMPLE\\.COM)s/@.*//',
      'DEFAULT',
    ]);
  });

  it('finds password servers: kpasswd_server first, else admin_server hosts on 464', () => {
    assert.deepEqual(kpasswdAddresses(cfg, 'CORP.EXAMPLE.COM'), [
      { host: 'dc1.corp.example.com', port: 464 },
    ]);
    assert.deepEqual(kpasswdAddresses(cfg, 'EXAMPLE.COM'), [
      { host: 'kadmin.example.com', port: 464 },
    ]);
    assert.deepEqual(kpasswdAddresses(cfg, 'LAB.EXAMPLE.COM'), [{ host: '127.0.0.1', port: 464 }]);
    assert.deepEqual(kpasswdAddresses(cfg, 'PARTNER.ORG'), [
      { host: 'kpasswd.partner.org', port: 1464 },
    ]);
    assert.throws(() => kpasswdAddresses(cfg, 'PROXIED.EXAMPLE.COM'), ConfigError);
  });

  it('reads the other sections', () => {
    assert.equal(cfg.profile.value(['domain_realm', '.corp.example.com']), 'CORP.EXAMPLE.COM');
    assert.equal(cfg.profile.value(['domain_realm', 'partner.org']), 'PARTNER.ORG');
    assert.equal(cfg.profile.value(['capaths', 'CORP.EXAMPLE.COM', 'PARTNER.ORG']), 'EXAMPLE.COM');
    assert.equal(cfg.profile.value(['logging', 'kdc']), 'FILE:/var/log/krb5kdc.log');
    assert.equal(cfg.profile.value(['appdefaults', 'pam', 'minimum_uid']), '1000');
    assert.equal(
      cfg.profile.value(['realms', 'CORP.EXAMPLE.COM', 'default_domain']),
      'corp example\tcom',
    );
  });

  it('refuses realms it cannot reach, with a clear message', () => {
    assert.throws(
      () => kdcAddresses(cfg, 'NOWHERE.ORG'),
      (err: unknown) =>
        err instanceof ConfigError &&
        /NOWHERE\.ORG has no entry .*never looked up in DNS/.test(err.message),
    );
    assert.throws(() => kdcAddresses(cfg, 'example.com'), ConfigError, 'realms are case-sensitive');
    assert.throws(() => kdcAddresses(cfg, 'PROXIED.EXAMPLE.COM'), NotSupportedError);
  });
});

describe('loadKrb5Config', () => {
  it('lets earlier KRB5_CONFIG files win and honours a final realm', async () => {
    const cfg = await loadKrb5Config({
      KRB5_CONFIG: [
        join(dir, 'missing.conf'),
        join(dir, 'user-override.conf'),
        '',
        join(dir, 'operator.conf'),
      ].join(':'),
    });
    assert.equal(cfg.defaultRealm, 'LAB.EXAMPLE.COM');
    assert.equal(cfg.clockskew, 60);
    // Multi-valued relations collect from every file, earlier files first (as MIT does)...
    assert.deepEqual(
      kdcAddresses(cfg, 'EXAMPLE.COM').map((a) => a.host),
      [
        'override.example.com',
        'kdc1.example.com',
        'kdc2.example.com',
        'kdc3.example.com',
        '2001:db8::10',
        '2001:db8::11',
      ],
    );
    // ...unless a file marks the realm final.
    assert.deepEqual(kdcAddresses(cfg, 'LAB.EXAMPLE.COM'), [{ host: '127.0.0.2', port: 88 }]);
  });

  it('reads a directory named in KRB5_CONFIG', async () => {
    const cfg = await loadKrb5Config({ KRB5_CONFIG: join(dir, 'krb5.conf.d') });
    assert.deepEqual([...cfg.realms.keys()], ['PARTNER.ORG']);
  });

  it('reads /etc/krb5.conf when KRB5_CONFIG is unset (if the file exists)', async (t) => {
    if (!existsSync('/etc/krb5.conf')) {
      t.skip('no /etc/krb5.conf here');
      return;
    }
    const cfg = await loadKrb5Config({});
    assert.equal(cfg.invalidRealms.size, 0);
    const realm = cfg.defaultRealm;
    if (realm !== undefined && cfg.realms.has(realm))
      assert.ok(kdcAddresses(cfg, realm).length > 0);
  });

  it('gives an empty configuration when no file exists', async () => {
    const cfg = await loadKrb5Config({ KRB5_CONFIG: join(dir, 'nope.conf') });
    assert.equal(cfg.defaultRealm, undefined);
    assert.equal(cfg.realms.size, 0);
    assert.equal(cfg.udpPreferenceLimit, 1465);
    assert.equal(cfg.clockskew, 300);
    assert.throws(() => kdcAddresses(cfg, 'EXAMPLE.COM'), ConfigError);
  });

  it('reports a broken included file', async () => {
    const broken = join(dir, 'broken.conf');
    await writeFile(broken, `[libdefaults]\ninclude ${join(dir, 'absent.conf')}\n`);
    await assert.rejects(loadKrb5Config({ KRB5_CONFIG: broken }), /cannot read included file/);
  });
});

describe('parseKrb5Conf', () => {
  it('keeps a realm with a bad address from breaking the others', () => {
    const cfg = parseKrb5Conf('[realms]\nGOOD = {\nkdc = k:88\n}\nBAD = {\nkdc = k:99999\n}\n');
    assert.deepEqual(kdcAddresses(cfg, 'GOOD'), [{ host: 'k', port: 88 }]);
    assert.throws(() => kdcAddresses(cfg, 'BAD'), /BAD: invalid port in server address "k:99999"/);
  });

  it('honours the older "value*" final marker on the values it reads', () => {
    const cfg = parseKrb5Conf('[realms]\nR = {\nkdc = a:1*\nkdc = b\n}\n');
    assert.deepEqual(kdcAddresses(cfg, 'R'), [{ host: 'a', port: 1 }]);
  });

  it('parses a CRLF file', () => {
    const cfg = parseKrb5Conf(
      '[libdefaults]\r\n default_realm = R\r\n[realms]\r\n R = {\r\n  kdc = h\r\n }\r\n',
    );
    assert.equal(cfg.defaultRealm, 'R');
    assert.deepEqual(kdcAddresses(cfg, 'R'), [{ host: 'h', port: 88 }]);
  });
});
