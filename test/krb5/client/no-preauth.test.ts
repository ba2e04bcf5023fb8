/**
 * A principal without pre-authentication gets an AS-REP at once: the key comes from the
 * PA-ETYPE-INFO2 the KDC puts in the reply, and a wrong password shows as a reply that does
 * not decrypt (the one uniform IntegrityError), against a real MIT krb5kdc.
 */

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { IntegrityError } from '../../../src/krb5/errors.js';
import { TKT_FLG_INITIAL, TKT_FLG_PRE_AUTHENT } from '../../../src/krb5/iana/ticket-flags.js';
import { hasFlag } from '../../../src/krb5/iana/kerberos-flags.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

const PASSWORD = 'No preauth 1';
let realm: TestRealm;
let client: KerberosClient;

before(async () => {
  realm = await startRealm();
  await realm.addPrincipal('np', PASSWORD);
  await realm.kadmin(['modprinc -requires_preauth np']);
  client = new KerberosClient({ config: await loadKrb5Config(realm.env) });
});

after(() => realm.stop());

it('logs in with the right password, without pre-authentication', async () => {
  const ticket = await client.getInitialTicket(client.principal('np', realm.realm), PASSWORD);
  assert.equal(hasFlag(ticket.flags, TKT_FLG_INITIAL), true);
  assert.equal(hasFlag(ticket.flags, TKT_FLG_PRE_AUTHENT), false);
});

it('a wrong password is an IntegrityError, nothing else', async () => {
  await assert.rejects(
    client.getInitialTicket(client.principal('np', realm.realm), 'No preauth 2'),
    (err: unknown) => err instanceof IntegrityError && err.code === 'ERR_INTEGRITY',
  );
});
