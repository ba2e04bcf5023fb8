/** The shape of a throwaway realm and the options for what it creates. */

import type { KeytabEntry } from '../krb5/keytab.js';

export interface RealmOptions {
  /** Default KERBSIDE.TEST. */
  readonly realm?: string;
  /** Default: a new folder from mkdtemp. */
  readonly dir?: string;
  /** Keep the folder on stop(); default true for a caller's `dir`, false for a temporary one. */
  readonly keepDir?: boolean;
  /** kdc.conf supported_enctypes; default the four AES enctypes with the normal salt. */
  readonly supportedEnctypes?: readonly string[];
  /** kdc.conf max_life (default 1d) and max_renewable_life (default 7d). */
  readonly maxLife?: string;
  readonly maxRenewableLife?: string;
  /** Extra environment for MIT's programs (KRB5_TRACE, for instance). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long the servers may take to open their ports (default 15 s). */
  readonly startTimeoutMs?: number;
}

export interface PrincipalOptions {
  readonly policy?: string;
  /** +needchange (with +requires_preauth, since flags given to addprinc replace the defaults). */
  readonly needChange?: boolean;
  /** -pwexpire now. */
  readonly pwExpireNow?: boolean;
  /** addprinc -e, e.g. "aes256-cts-hmac-sha1-96:onlyrealm". */
  readonly enctypes?: string;
}

export interface PolicyOptions {
  readonly minLength?: number;
  readonly minClasses?: number;
  readonly history?: number;
  readonly minLife?: string;
  readonly maxFailure?: number;
  readonly failureCountInterval?: string;
  readonly lockoutDuration?: string;
}

export interface TestRealm {
  readonly realm: string;
  readonly dir: string;
  readonly kdcPort: number;
  readonly kadminPort: number;
  readonly kpasswdPort: number;
  readonly krb5ConfPath: string;
  /** KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME, KRB5RCACHEDIR, KRB5_KTNAME and TZ=UTC. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Runs kadmin.local commands (fed through stdin) and returns their output; a failing
   * command is a TestRealmError carrying kadmin's stderr. Put passwords through
   * addPrincipal/setPassword instead, which keep them out of error messages.
   */
  kadmin(commands: readonly string[]): Promise<string>;
  addPrincipal(name: string, password: string, opts?: PrincipalOptions): Promise<void>;
  setPassword(name: string, password: string): Promise<void>;
  addPolicy(name: string, opts: PolicyOptions): Promise<void>;
  /** The principal's current keys, exported with `ktadd -norandkey`. */
  exportKeys(principal: string): Promise<KeytabEntry[]>;
  /** Runs MIT's kinit with the password on stdin; true when it got a ticket. */
  kinit(principal: string, password: string): Promise<boolean>;
  /** Stops krb5kdc and kadmind, waits for them, and removes the folder unless kept. */
  stop(): Promise<void>;
}
