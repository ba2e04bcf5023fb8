/** Kerberos configuration: krb5.conf parsing and loading, and server addresses per realm. */

export { kdcAddresses, kpasswdAddresses } from './addresses.js';
export { formatHostPort, parseHostPort, type HostPort } from './host-port.js';
export {
  KADMIN_PORT,
  KDC_PORT,
  KPASSWD_PORT,
  krb5ConfigFromProfile,
  parseKrb5Conf,
  type Krb5Config,
  type ParseKrb5ConfOptions,
  type RealmConfig,
} from './krb5-config.js';
export { DEFAULT_KRB5_CONFIG, loadKrb5Config, nodeProfileFileSystem } from './load.js';
export {
  parseProfile,
  type ParseProfileOptions,
  type ProfileFileSystem,
} from './profile-parser.js';
export { Profile, ProfileNode, type ProfileRelation } from './profile.js';
export { parseBoolean, parseDuration, parseInteger } from './values.js';
