/**
 * The parts of krb5.conf(5) this library uses, read from a {@link Profile}: the default
 * realm, each realm's servers, and a few [libdefaults] tunables. Everything else stays
 * reachable through `profile`.
 */

import { ConfigError } from '../errors.js';
import { parseHostPort, type HostPort } from './host-port.js';
import { parseProfile, type ProfileFileSystem } from './profile-parser.js';
import { Profile } from './profile.js';
import { parseBoolean, parseDuration, parseInteger } from './values.js';

/** Well-known ports (RFC 4120 section 7.2.3, RFC 3244 section 2; 749 is MIT's kadmin). */
export const KDC_PORT = 88;
export const KPASSWD_PORT = 464;
export const KADMIN_PORT = 749;

/** MIT's defaults for [libdefaults] udp_preference_limit and clockskew. */
const DEFAULT_UDP_PREFERENCE_LIMIT = 1465;
const DEFAULT_CLOCKSKEW_SECONDS = 300;

/** One [realms] entry, with default ports filled in. */
export interface RealmConfig {
  readonly kdc: readonly HostPort[];
  readonly adminServer: readonly HostPort[];
  readonly kpasswdServer: readonly HostPort[];
  /** primary_kdc (formerly master_kdc). */
  readonly primaryKdc: readonly HostPort[];
  /** `kdc = https://...` entries (MS-KKDCP proxies): recognised, not supported. */
  readonly kdcProxies: readonly string[];
}

export interface Krb5Config {
  /** [libdefaults] default_realm. */
  readonly defaultRealm?: string;
  readonly realms: Map<string, RealmConfig>;
  /** Realms whose entry could not be read (a bad port...), with the reason. */
  readonly invalidRealms: Map<string, string>;
  /** [libdefaults] udp_preference_limit, in bytes. */
  readonly udpPreferenceLimit: number;
  /** [libdefaults] clockskew, in seconds. */
  readonly clockskew: number;
  /**
   * [libdefaults] dns_lookup_kdc as written (MIT's default: true). Informational only: this
   * library never discovers KDCs through DNS SRV records.
   */
  readonly dnsLookupKdc: boolean;
  /** The whole parsed configuration, for settings not modelled here. */
  readonly profile: Profile;
}

export interface ParseKrb5ConfOptions {
  /** Name used in error messages. */
  readonly source?: string;
  /** Needed to follow `include` and `includedir`. */
  readonly fs?: ProfileFileSystem;
}

/** Parses the text of one krb5.conf. */
export function parseKrb5Conf(text: string, options: ParseKrb5ConfOptions = {}): Krb5Config {
  return krb5ConfigFromProfile(new Profile([parseProfile(text, options)]));
}

/** Reads the modelled settings out of a profile (one or several files). */
export function krb5ConfigFromProfile(profile: Profile): Krb5Config {
  const realms = new Map<string, RealmConfig>();
  const invalidRealms = new Map<string, string>();
  for (const name of profile.sectionNames(['realms'])) {
    try {
      realms.set(name, readRealm(profile, name));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      invalidRealms.set(name, err.message);
    }
  }

  const defaultRealm = setting(profile, ['libdefaults', 'default_realm'])[0];
  return {
    ...(defaultRealm !== undefined && { defaultRealm }),
    realms,
    invalidRealms,
    udpPreferenceLimit:
      libdefault(profile, 'udp_preference_limit', parseInteger) ?? DEFAULT_UDP_PREFERENCE_LIMIT,
    clockskew: libdefault(profile, 'clockskew', parseDuration) ?? DEFAULT_CLOCKSKEW_SECONDS,
    dnsLookupKdc: libdefault(profile, 'dns_lookup_kdc', parseBoolean) ?? true,
    profile,
  };
}

function readRealm(profile: Profile, realm: string): RealmConfig {
  const hosts = (tag: string, port: number): HostPort[] =>
    setting(profile, ['realms', realm, tag])
      .filter((v) => !isProxyUrl(v))
      .map((v) => parseHostPort(v, port));
  const primary = hosts('primary_kdc', KDC_PORT);

  return {
    kdc: hosts('kdc', KDC_PORT),
    adminServer: hosts('admin_server', KADMIN_PORT),
    kpasswdServer: hosts('kpasswd_server', KPASSWD_PORT),
    primaryKdc: primary.length > 0 ? primary : hosts('master_kdc', KDC_PORT),
    kdcProxies: setting(profile, ['realms', realm, 'kdc']).filter(isProxyUrl),
  };
}

function isProxyUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function libdefault<T>(profile: Profile, tag: string, parse: (v: string) => T | undefined) {
  const text = setting(profile, ['libdefaults', tag])[0];
  return text === undefined ? undefined : parse(text);
}

/**
 * The values of a relation. Older MIT documentation marks a final value with a trailing `*`
 * (`kdc = host*`); current MIT puts the mark on the tag (`kdc* = host`, handled by the
 * profile). Both are honoured here: an unquoted value ending in `*` is the last one read.
 */
function setting(profile: Profile, path: readonly string[]): string[] {
  const values: string[] = [];
  for (const relation of profile.relations(path)) {
    if (relation.quoted || !relation.value.endsWith('*')) {
      values.push(relation.value);
      continue;
    }
    values.push(relation.value.slice(0, -1).trimEnd());
    break;
  }
  return values;
}
