import { ConfigError } from '../errors.js';
import type { PrincipalName } from '../messages/types.js';

/** NT-PRINCIPAL and NT-SRV-INST (RFC 4120 section 6.2). */
const NT_PRINCIPAL = 1;
const NT_SRV_INST = 2;

/** A principal name with its realm. */
export interface Principal {
  readonly name: PrincipalName;
  readonly realm: string;
}

/**
 * Parses `name[/instance...][@REALM]` into components. The escape syntax of MIT's
 * krb5_parse_name (backslash) is refused rather than half-supported: user names with
 * `/`, `@` or `\` inside a component are not something a person types into a login form.
 */
export function parsePrincipal(text: string, defaultRealm: string): Principal {
  if (text.includes('\\'))
    throw new ConfigError('principal names with backslash escapes are not supported');

  const at = text.indexOf('@');
  const namePart = at === -1 ? text : text.slice(0, at);
  const realm = at === -1 ? defaultRealm : text.slice(at + 1);
  const components = namePart.split('/');

  if (components.some((c) => c.length === 0) || realm.length === 0 || realm.includes('@')) {
    throw new ConfigError('malformed principal name');
  }
  return { name: { nameType: NT_PRINCIPAL, nameString: components }, realm };
}

/** The ticket-granting service of a realm: krbtgt/REALM@REALM. */
export function krbtgt(realm: string): Principal {
  return { name: { nameType: NT_SRV_INST, nameString: ['krbtgt', realm] }, realm };
}

/** The password-change service of a realm: kadmin/changepw@REALM (RFC 3244 section 2). */
export function kadminChangepw(realm: string): Principal {
  return { name: { nameType: NT_SRV_INST, nameString: ['kadmin', 'changepw'] }, realm };
}

/** `a/b@REALM`. */
export function unparsePrincipal(p: Principal): string {
  return `${p.name.nameString.join('/')}@${p.realm}`;
}

/** Compares the components of two names; the name-type is advisory (RFC 4120 6.2). */
export function sameName(a: PrincipalName, b: PrincipalName): boolean {
  return (
    a.nameString.length === b.nameString.length &&
    a.nameString.every((component, i) => component === b.nameString[i])
  );
}
