/**
 * The configuration files of a throwaway realm: kdc.conf for the KDC and kadmind, krb5.conf
 * for clients, both pointing at 127.0.0.1 only (kdc.conf(5) "kdc_listen", "kadmind_listen",
 * "kpasswd_listen").
 */

import { TestRealmError } from './errors.js';

export interface RealmLayout {
  readonly realm: string;
  readonly dir: string;
  readonly kdcPort: number;
  readonly kadminPort: number;
  readonly kpasswdPort: number;
  readonly supportedEnctypes: readonly string[];
  readonly maxLife: string;
  readonly maxRenewableLife: string;
}

/** All four AES enctypes, with the normal salt: every principal gets all four keys. */
export const DEFAULT_ENCTYPES: readonly string[] = [
  'aes256-cts-hmac-sha1-96:normal',
  'aes128-cts-hmac-sha1-96:normal',
  'aes256-cts-hmac-sha384-192:normal',
  'aes128-cts-hmac-sha256-128:normal',
];

export function renderKdcConf(l: RealmLayout): string {
  return `[kdcdefaults]
	kdc_listen = 127.0.0.1:${l.kdcPort}
	kdc_tcp_listen = 127.0.0.1:${l.kdcPort}

[realms]
	${l.realm} = {
		database_name = ${l.dir}/principal
		key_stash_file = ${l.dir}/stash
		acl_file = ${l.dir}/kadm5.acl
		kadmind_listen = 127.0.0.1:${l.kadminPort}
		kpasswd_listen = 127.0.0.1:${l.kpasswdPort}
		supported_enctypes = ${l.supportedEnctypes.join(' ')}
		default_principal_flags = +preauth
		max_life = ${l.maxLife}
		max_renewable_life = ${l.maxRenewableLife}
	}

[logging]
	kdc = FILE:${l.dir}/kdc.log
	admin_server = FILE:${l.dir}/kadmind.log
	default = FILE:${l.dir}/krb5.log
`;
}

export function renderKrb5Conf(l: RealmLayout): string {
  return `[libdefaults]
	default_realm = ${l.realm}
	dns_lookup_kdc = false
	dns_lookup_realm = false
	dns_canonicalize_hostname = false
	rdns = false

[realms]
	${l.realm} = {
		kdc = 127.0.0.1:${l.kdcPort}
		admin_server = 127.0.0.1:${l.kadminPort}
		kpasswd_server = 127.0.0.1:${l.kpasswdPort}
	}
`;
}

/** Refuses values that could break out of their line in a profile file. */
export function checkLayoutValues(l: Omit<RealmLayout, 'kdcPort' | 'kadminPort' | 'kpasswdPort'>) {
  if (!/^[A-Z0-9][A-Z0-9.-]*$/.test(l.realm)) {
    throw new TestRealmError(
      `realm name "${l.realm}" should be upper-case letters, digits, . and -`,
    );
  }
  if (/[\n\r\0{}]/.test(l.dir) || !l.dir.startsWith('/')) {
    throw new TestRealmError('the realm folder must be an absolute path without line breaks');
  }
  for (const e of l.supportedEnctypes) {
    if (!/^[a-z0-9-]+(:[a-z]+)?$/.test(e)) throw new TestRealmError(`bad enctype "${e}"`);
  }
  for (const t of [l.maxLife, l.maxRenewableLife]) {
    if (!/^[0-9dhms: ]+$/.test(t)) throw new TestRealmError(`bad duration "${t}"`);
  }
}
