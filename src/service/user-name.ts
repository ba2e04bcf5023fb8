/**
 * The user name typed at login: `user` (in the backend's default realm) or `user@REALM`.
 */

export interface UserName {
  readonly user: string;
  readonly realm: string;
}

/**
 * Split at the last `@`. Undefined when the user or the realm part is empty, or when the
 * user part holds `@` or `\`: the Kerberos backend takes no quoted principal names (RFC 1964
 * section 2.1.1 escapes), so such a name can only be a mistake. Nothing is trimmed or
 * case-folded: the KDC decides which names exist.
 */
export function parseUserName(input: string, defaultRealm: string): UserName | undefined {
  const at = input.lastIndexOf('@');
  const user = at < 0 ? input : input.slice(0, at);
  const realm = at < 0 ? defaultRealm : input.slice(at + 1);
  if (user === '' || realm === '' || /[@\\]/.test(user)) return undefined;
  return { user, realm };
}
