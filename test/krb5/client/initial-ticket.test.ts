/**
 * Successful AS exchanges against a real MIT KDC: every AES enctype the realm offers, a
 * ticket for a service other than krbtgt, and the facts the reply carries.
 */

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { getInitialTicket } from '../../../src/krb5/client/as-exchange.js';
import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { kadminChangepw, krbtgt, unparsePrincipal } from '../../../src/krb5/client/principal.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { SUPPORTED_ENCTYPES } from '../../../src/krb5/crypto/index.js';
import { NotSupportedError } from '../../../src/krb5/errors.js';
import {
  AES128_CTS_HMAC_SHA1_96,
  AES128_CTS_HMAC_SHA256_128,
  AES256_CTS_HMAC_SHA1_96,
  AES256_CTS_HMAC_SHA384_192,
} from '../../../src/krb5/iana/enctypes.js';
import {
  TKT_FLG_INITIAL,
  TKT_FLG_PRE_AUTHENT,
  hasFlag,
} from '../../../src/krb5/iana/ticket-flags.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

/** kdc.conf/addprinc names of the four enctypes, with their numbers and key lengths. */
const ENCTYPES = [
  { name: 'aes128-cts-hmac-sha1-96', etype: AES128_CTS_HMAC_SHA1_96, keyBytes: 16 },
  { name: 'aes256-cts-hmac-sha1-96', etype: AES256_CTS_HMAC_SHA1_96, keyBytes: 32 },
  { name: 'aes128-cts-hmac-sha256-128', etype: AES128_CTS_HMAC_SHA256_128, keyBytes: 16 },
  { name: 'aes256-cts-hmac-sha384-192', etype: AES256_CTS_HMAC_SHA384_192, keyBytes: 32 },
] as const;

const KEY_BYTES = new Map<number, number>(ENCTYPES.map((e) => [e.etype, e.keyBytes]));
const PASSWORD = 'Enctype-test-1';
/** The password expiry set on the principal "expiring". */
const EXPIRES = new Date('2031-06-01T12:00:00Z');

describe('AS exchange against MIT krb5kdc', () => {
  let realm: TestRealm;
  let client: KerberosClient;

  before(async () => {
    realm = await startRealm();
    client = new KerberosClient({ config: await loadKrb5Config(realm.env) });
    for (const e of ENCTYPES) {
      await realm.addPrincipal(`only-${e.etype}`, PASSWORD, { enctypes: `${e.name}:normal` });
    }
    await realm.addPrincipal('expiring', PASSWORD);
    await realm.kadmin(['modprinc -pwexpire "2031-06-01 12:00:00 UTC" expiring']);
  });
  after(async () => {
    await realm?.stop();
  });

  for (const e of ENCTYPES) {
    it(`logs in a principal whose only key is ${e.name} (${e.etype})`, async () => {
      const keys = await realm.exportKeys(`only-${e.etype}@${realm.realm}`);
      assert.deepEqual(
        keys.map((k) => k.key.keytype),
        [e.etype],
        'the principal has exactly this key',
      );

      const principal = client.principal(`only-${e.etype}`, realm.realm);
      const ticket = await client.getInitialTicket(principal, PASSWORD);

      assert.equal(ticket.replyEnctype, e.etype);
      assert.equal(unparsePrincipal(ticket.service), `krbtgt/${realm.realm}@${realm.realm}`);
      assert.ok(SUPPORTED_ENCTYPES.includes(ticket.sessionKey.keytype));
      assert.equal(ticket.sessionKey.keyvalue.length, KEY_BYTES.get(ticket.sessionKey.keytype));
    });

    it(`logs in with ${e.name} when it is the only enctype offered`, async () => {
      const principal = client.principal(`only-${e.etype}`, realm.realm);
      const ticket = await getInitialTicket({
        client: principal,
        password: PASSWORD,
        send: client.kdcSender(realm.realm),
        enctypes: [e.etype],
      });

      assert.equal(ticket.replyEnctype, e.etype);
      assert.equal(ticket.sessionKey.keytype, e.etype, 'the session key is of the one offered');
    });
  }

  it('says "not supported" when the client has no key of an offered enctype', async () => {
    const principal = client.principal(`only-${AES256_CTS_HMAC_SHA1_96}`, realm.realm);
    const attempt = getInitialTicket({
      client: principal,
      password: PASSWORD,
      send: client.kdcSender(realm.realm),
      enctypes: [AES128_CTS_HMAC_SHA256_128],
    });

    // MIT then sends PREAUTH_REQUIRED without PA-ETYPE-INFO2: there is no salt to use.
    await assert.rejects(attempt, (err: unknown) => {
      assert.ok(err instanceof NotSupportedError);
      assert.equal(err.code, 'ERR_NOT_SUPPORTED');
      return true;
    });
  });

  it('gets a kadmin/changepw ticket with sane flags, times and password expiry', async () => {
    const principal = client.principal('expiring', realm.realm);

    const asked = Date.now();
    const ticket = await client.getInitialTicket(principal, PASSWORD, kadminChangepw(realm.realm));
    const answered = Date.now();

    assert.equal(unparsePrincipal(ticket.service), `kadmin/changepw@${realm.realm}`);
    assert.deepEqual(ticket.ticket.sname.nameString, ['kadmin', 'changepw']);
    assert.equal(ticket.ticket.realm, realm.realm);
    assert.equal(unparsePrincipal(ticket.client), `expiring@${realm.realm}`);
    assert.ok(hasFlag(ticket.flags, TKT_FLG_INITIAL), 'INITIAL');
    assert.ok(hasFlag(ticket.flags, TKT_FLG_PRE_AUTHENT), 'PRE-AUTHENT');
    assert.ok(SUPPORTED_ENCTYPES.includes(ticket.sessionKey.keytype));
    assert.equal(ticket.sessionKey.keyvalue.length, KEY_BYTES.get(ticket.sessionKey.keytype));

    // KerberosTime has whole seconds.
    assert.ok(ticket.authtime.getTime() >= asked - 1000 && ticket.authtime.getTime() <= answered);
    assert.ok(ticket.endtime > ticket.authtime);
    // MIT gives kadmin/changepw tickets a five-minute life.
    assert.ok(ticket.endtime.getTime() - ticket.authtime.getTime() <= 5 * 60 * 1000);
    assert.deepEqual(ticket.passwordExpires, EXPIRES);
  });

  it(
    'reports the password expiry on a krbtgt ' + 'ticket too, and none when there is none',
    async () => {
      const expiring = await client.getInitialTicket(
        client.principal('expiring', realm.realm),
        PASSWORD,
        krbtgt(realm.realm),
      );
      assert.deepEqual(expiring.passwordExpires, EXPIRES);
      const lifetime = expiring.endtime.getTime() - expiring.authtime.getTime();
      assert.ok(lifetime > 5 * 60 * 1000 && lifetime <= 10 * 3600 * 1000, `lifetime ${lifetime}`);

      const plain = await client.getInitialTicket(
        client.principal(`only-${AES256_CTS_HMAC_SHA1_96}`, realm.realm),
        PASSWORD,
      );
      assert.equal(plain.passwordExpires, undefined);
    },
  );
});
