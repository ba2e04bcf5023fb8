/**
 * Where to send a realm's requests. Only krb5.conf is consulted: kerbside never discovers
 * servers through DNS SRV or URI records, whatever dns_lookup_kdc says, so a realm without a
 * [realms] entry is a configuration error.
 */

import { ConfigError, NotSupportedError } from '../errors.js';
import { KPASSWD_PORT, type Krb5Config, type RealmConfig } from './krb5-config.js';
import type { HostPort } from './host-port.js';

/** The realm's KDCs, in configuration order (default port 88). */
export function kdcAddresses(cfg: Krb5Config, realm: string): HostPort[] {
  const entry = realmEntry(cfg, realm);
  if (entry.kdc.length > 0) return [...entry.kdc];
  if (entry.kdcProxies.length > 0) {
    throw new NotSupportedError(
      `realm ${realm} is reached only through a KDC proxy (MS-KKDCP), which is not supported`,
    );
  }
  throw new ConfigError(`realm ${realm} has no "kdc" entry in krb5.conf`);
}

/**
 * The realm's password-change servers (RFC 3244): kpasswd_server (default port 464), else
 * the admin_server hosts on port 464, as MIT does. Never the KDC list.
 */
export function kpasswdAddresses(cfg: Krb5Config, realm: string): HostPort[] {
  const entry = realmEntry(cfg, realm);
  if (entry.kpasswdServer.length > 0) return [...entry.kpasswdServer];
  if (entry.adminServer.length > 0) {
    return entry.adminServer.map((a) => ({ host: a.host, port: KPASSWD_PORT }));
  }
  throw new ConfigError(
    `realm ${realm} has neither "kpasswd_server" nor "admin_server" in krb5.conf`,
  );
}

function realmEntry(cfg: Krb5Config, realm: string): RealmConfig {
  const entry = cfg.realms.get(realm);
  if (entry !== undefined) return entry;
  const problem = cfg.invalidRealms.get(realm);
  if (problem !== undefined) throw new ConfigError(`realm ${realm}: ${problem}`);
  throw new ConfigError(
    `realm ${realm} has no entry in the [realms] section of krb5.conf ` +
      '(servers are never looked up in DNS)',
  );
}
