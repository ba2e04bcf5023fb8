/**
 * A throwaway MIT realm on 127.0.0.1 for integration tests and `kerbside demo`. Needs MIT's
 * krb5-kdc, krb5-admin-server and krb5-user (scripts/install-system-deps.sh).
 */

export { TestRealmError } from './errors.js';
export { DEFAULT_ENCTYPES } from './files.js';
export { kadminArg } from './kadmin.js';
export { startRealm } from './start.js';
export {
  type PolicyOptions,
  type PrincipalOptions,
  type RealmOptions,
  type TestRealm,
} from './types.js';
