/** A throwaway MIT realm and a KerberosClient reading its krb5.conf, for integration tests. */

import { KerberosClient } from '../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config, type Krb5Config } from '../../src/krb5/config/index.js';
import { startRealm, type RealmOptions, type TestRealm } from '../../src/testrealm/index.js';

export interface RealmClient {
  readonly realm: TestRealm;
  readonly config: Krb5Config;
  readonly client: KerberosClient;
}

/** Starts a realm and makes a client for it; the caller stops `realm`. */
export async function startRealmClient(options?: RealmOptions): Promise<RealmClient> {
  const realm = await startRealm(options);
  try {
    const config = await loadKrb5Config(realm.env);
    return { realm, config, client: new KerberosClient({ config }) };
  } catch (err) {
    await realm.stop();
    throw err;
  }
}
