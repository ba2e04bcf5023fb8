/** krb5.conf texts for a test realm whose servers are swapped for stand-ins. */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadKrb5Config, parseKrb5Conf, type Krb5Config } from '../../src/krb5/config/index.js';

export interface RealmServers {
  /** KDC ports on 127.0.0.1, in the order they are listed. */
  readonly kdc: readonly number[];
  readonly kpasswd?: readonly number[];
  readonly admin?: readonly number[];
}

/** The text of a krb5.conf naming `realm` as default, with only loopback servers. */
export function krb5ConfText(realm: string, servers: RealmServers): string {
  const lines = [
    ...servers.kdc.map((p) => `kdc = 127.0.0.1:${p}`),
    ...(servers.admin ?? []).map((p) => `admin_server = 127.0.0.1:${p}`),
    ...(servers.kpasswd ?? []).map((p) => `kpasswd_server = 127.0.0.1:${p}`),
  ];
  return [
    '[libdefaults]',
    `\tdefault_realm = ${realm}`,
    '\tdns_lookup_kdc = false',
    '',
    '[realms]',
    `\t${realm} = {`,
    ...lines.map((l) => `\t\t${l}`),
    '\t}',
    '',
  ].join('\n');
}

/** The configuration parsed from text, as a service would get it from its krb5.conf. */
export function realmConfig(realm: string, servers: RealmServers): Krb5Config {
  return parseKrb5Conf(krb5ConfText(realm, servers));
}

/** Writes the krb5.conf into `dir` and loads it through KRB5_CONFIG, as MIT's tools would. */
export async function writeRealmConfig(
  dir: string,
  name: string,
  realm: string,
  servers: RealmServers,
): Promise<Krb5Config> {
  const file = join(dir, name);
  await writeFile(file, krb5ConfText(realm, servers));
  return loadKrb5Config({ KRB5_CONFIG: file });
}
