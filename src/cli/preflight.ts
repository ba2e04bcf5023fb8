import { kdcAddresses, kpasswdAddresses, type Krb5Config } from '../krb5/config/index.js';
import { ConfigError } from '../krb5/errors.js';
import type { ServiceConfig } from '../service/config.js';
import { CliUsageError, isLoopback } from './command.js';

/**
 * Checks, before the service listens, that krb5.conf names a default realm with KDCs and a
 * password server. Without this a broken file would start fine and then answer every login
 * with "wrong user name or password".
 */
export function checkKerberosConfig(krb5: Krb5Config, env: NodeJS.ProcessEnv): void {
  const source = env['KRB5_CONFIG'] ?? '/etc/krb5.conf';
  const realm = krb5.defaultRealm;
  if (realm === undefined) {
    throw new ConfigError(`no default_realm in krb5.conf (read from ${source})`);
  }
  try {
    kdcAddresses(krb5, realm);
    kpasswdAddresses(krb5, realm);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`krb5.conf (read from ${source}) cannot serve ${realm}: ${reason}`);
  }
}

/**
 * Off loopback, service tickets must only ever go to this service's real address: the Host
 * header (or X-Forwarded-Host behind a proxy) is the client's to write, so the public URL
 * has to come from the configuration.
 */
export function requirePublicBaseUrl(host: string, config: ServiceConfig): void {
  if (isLoopback(host) && !config.trustProxy) return;
  if (config.publicBaseUrl !== null) return;
  throw new CliUsageError(
    'set "publicBaseUrl" (or KERBSIDE_PUBLIC_BASE_URL) to the URL people use to reach ' +
      'kerbside: off loopback or behind a proxy the Host header cannot be trusted',
  );
}
