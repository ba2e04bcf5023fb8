/**
 * The web service's configuration: defaults, overridden by the `service` section of a JSON
 * file, overridden by `KERBSIDE_*` environment variables. Every value is checked; an unknown
 * key or a bad value is a {@link ServiceConfigError} naming the key, never a silent default.
 *
 * Environment names are `KERBSIDE_` plus the key in upper snake case, e.g.
 * `KERBSIDE_REMIND_DAYS=5`, `KERBSIDE_POLICY_MIN_LENGTH=10`,
 * `KERBSIDE_ALLOWED_SERVICES=https://a.example/web/cas_security_check.htm,https://b.example/x`.
 */

import { readFile } from 'node:fs/promises';

import { DEFAULT_POLICY, type PolicyConfig } from './policy.js';
import { tryParseUrl } from './service-url.js';

export interface ServiceConfig {
  /** This service's public origin (scheme://host[:port]); null: the origin of each request. */
  readonly publicBaseUrl: string | null;
  /** Service URLs (compared without query) allowed besides this server's security check. */
  readonly allowedServices: readonly string[];
  /** Trust X-Forwarded-* headers (only behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** Secure cookies: `auto` sets the flag when the request came over TLS. */
  readonly secureCookies: 'auto' | 'always' | 'never';
  readonly loginTicketSeconds: number;
  readonly serviceTicketSeconds: number;
  /** Lifetime of the single sign-on session (CASTGC). */
  readonly ssoSessionSeconds: number;
  /** A web session ends after this long without a request... */
  readonly webSessionIdleSeconds: number;
  /** ...and after this long in any case. */
  readonly webSessionMaxSeconds: number;
  /** login_check sets remind_pwd when the password expires within this many days. */
  readonly remindDays: number;
  /** Largest accepted request body. */
  readonly bodyLimitBytes: number;
  /** Longest accepted query string (bytes after the `?`); longer ones get 414. */
  readonly queryLimitBytes: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Wrong passwords (logins and old passwords) allowed per user within the window before
   * requests are throttled without reaching the KDC. Keep it below the KDC's lockout count.
   */
  readonly throttleUserFailures: number;
  readonly throttleUserWindowSeconds: number;
  /** Failed logins allowed per client address within the window. */
  readonly throttleAddressFailures: number;
  readonly throttleAddressWindowSeconds: number;
  /** PEM certificate chain and private key files; both set: serve HTTPS. */
  readonly tlsCert: string | null;
  readonly tlsKey: string | null;
  /** File the audit records are appended to (one JSON line each); null: the log only. */
  readonly auditFile: string | null;
  /** Where sessions, tickets, throttle counts and locks live: this process, or Redis. */
  readonly store: 'memory' | 'redis';
  /** redis:// or rediss:// (TLS) URL of the shared Redis; required with `store: 'redis'`. */
  readonly redisUrl: string | null;
  /** PEM file of the CA that signed the Redis server's certificate (rediss:// only). */
  readonly redisCaFile: string | null;
  /** Prefix of every Redis key kerbside writes (several deployments may share one Redis). */
  readonly redisKeyPrefix: string;
  readonly policy: PolicyConfig;
}

export const DEFAULT_CONFIG: ServiceConfig = {
  publicBaseUrl: null,
  allowedServices: [],
  trustProxy: false,
  secureCookies: 'auto',
  loginTicketSeconds: 600,
  serviceTicketSeconds: 60,
  ssoSessionSeconds: 8 * 3600,
  webSessionIdleSeconds: 30 * 60,
  webSessionMaxSeconds: 12 * 3600,
  remindDays: 7,
  bodyLimitBytes: 16 * 1024,
  queryLimitBytes: 10 * 1024,
  logLevel: 'info',
  throttleUserFailures: 3,
  throttleUserWindowSeconds: 15 * 60,
  throttleAddressFailures: 30,
  throttleAddressWindowSeconds: 15 * 60,
  tlsCert: null,
  tlsKey: null,
  auditFile: null,
  store: 'memory',
  redisUrl: null,
  redisCaFile: null,
  redisKeyPrefix: 'kerbside:',
  policy: DEFAULT_POLICY,
};

/** A configuration value that is missing, unknown or out of range. */
export class ServiceConfigError extends Error {
  readonly code = 'ERR_SERVICE_CONFIG';
}

type FieldSpec =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'bool' }
  | { readonly type: 'string' }
  | { readonly type: 'origin' }
  | { readonly type: 'path' }
  | { readonly type: 'list' }
  | { readonly type: 'redisUrl' }
  | { readonly type: 'enum'; readonly values: readonly string[] };

const DAY = 86400;

const SERVICE_FIELDS: Record<Exclude<keyof ServiceConfig, 'policy'>, FieldSpec> = {
  publicBaseUrl: { type: 'origin' },
  allowedServices: { type: 'list' },
  trustProxy: { type: 'bool' },
  secureCookies: { type: 'enum', values: ['auto', 'always', 'never'] },
  loginTicketSeconds: { type: 'int', min: 10, max: DAY },
  serviceTicketSeconds: { type: 'int', min: 1, max: 3600 },
  ssoSessionSeconds: { type: 'int', min: 60, max: 30 * DAY },
  webSessionIdleSeconds: { type: 'int', min: 60, max: 30 * DAY },
  webSessionMaxSeconds: { type: 'int', min: 60, max: 30 * DAY },
  remindDays: { type: 'int', min: 0, max: 365 },
  bodyLimitBytes: { type: 'int', min: 1024, max: 1024 * 1024 },
  queryLimitBytes: { type: 'int', min: 256, max: 64 * 1024 },
  logLevel: {
    type: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  },
  throttleUserFailures: { type: 'int', min: 1, max: 1000 },
  throttleUserWindowSeconds: { type: 'int', min: 1, max: DAY },
  throttleAddressFailures: { type: 'int', min: 1, max: 100_000 },
  throttleAddressWindowSeconds: { type: 'int', min: 1, max: DAY },
  tlsCert: { type: 'path' },
  tlsKey: { type: 'path' },
  auditFile: { type: 'path' },
  store: { type: 'enum', values: ['memory', 'redis'] },
  redisUrl: { type: 'redisUrl' },
  redisCaFile: { type: 'path' },
  redisKeyPrefix: { type: 'string' },
};

const POLICY_FIELDS: Record<keyof PolicyConfig, FieldSpec> = {
  minLength: { type: 'int', min: 0, max: 1023 },
  maxLength: { type: 'int', min: 1, max: 1023 },
  minKinds: { type: 'int', min: 0, max: 5 },
  specials: { type: 'string' },
  otherCharactersCount: { type: 'enum', values: ['none', 'special'] },
  forbidUserName: { type: 'bool' },
  forbidReversedUserName: { type: 'bool' },
  forbidOldPassword: { type: 'bool' },
  forbidControlCharacters: { type: 'bool' },
};

/**
 * Read the configuration: `file` (when given) is JSON whose `service` section holds
 * ServiceConfig keys (any other top-level key is refused), then `env`.
 */
export async function loadServiceConfig(
  file?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceConfig> {
  const section = file === undefined ? {} : serviceSection(await readJson(file), file);
  return resolveServiceConfig(section, env);
}

/** Defaults, then `section` (an object of ServiceConfig keys), then `env`. */
export function resolveServiceConfig(section: unknown, env: NodeJS.ProcessEnv = {}): ServiceConfig {
  const fromFile = mergeObject(DEFAULT_CONFIG, section, 'service');
  const config = mergeEnv(fromFile, env);
  checkConsistency(config);
  return config;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceConfigError(`${file}: not valid JSON`);
  }
}

function serviceSection(json: unknown, file: string): unknown {
  if (!isPlainObject(json)) throw new ServiceConfigError(`${file}: expected a JSON object`);
  const unknown = Object.keys(json).find((key) => key !== 'service');
  if (unknown !== undefined) throw unknownKey(`${file}: ${unknown}`);
  return json['service'] ?? {};
}

function mergeObject(base: ServiceConfig, input: unknown, where: string): ServiceConfig {
  if (!isPlainObject(input)) throw new ServiceConfigError(`${where}: expected an object`);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'policy') {
      out['policy'] = mergePolicy(base.policy, value, `${where}.policy`);
      continue;
    }
    if (!Object.hasOwn(SERVICE_FIELDS, key)) throw unknownKey(`${where}.${key}`);
    const spec = SERVICE_FIELDS[key as keyof typeof SERVICE_FIELDS];
    out[key] = checkValue(spec, value, `${where}.${key}`);
  }
  return out as unknown as ServiceConfig;
}

function mergePolicy(base: PolicyConfig, input: unknown, where: string): PolicyConfig {
  if (!isPlainObject(input)) throw new ServiceConfigError(`${where}: expected an object`);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(POLICY_FIELDS, key)) throw unknownKey(`${where}.${key}`);
    out[key] = checkValue(POLICY_FIELDS[key as keyof PolicyConfig], value, `${where}.${key}`);
  }
  return out as unknown as PolicyConfig;
}

/** KERBSIDE_* variables read elsewhere (by the command line). */
const OTHER_ENV = new Set(['KERBSIDE_LISTEN', 'KERBSIDE_CONFIG']);

function mergeEnv(config: ServiceConfig, env: NodeJS.ProcessEnv): ServiceConfig {
  refuseUnknownEnv(env);
  const service: Record<string, unknown> = {};
  const policy: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SERVICE_FIELDS)) {
    const name = envName(key);
    const raw = env[name];
    if (raw !== undefined) service[key] = checkValue(spec, fromEnvText(spec, raw), name);
  }
  for (const [key, spec] of Object.entries(POLICY_FIELDS)) {
    const name = envName(`policy_${key}`);
    const raw = env[name];
    if (raw !== undefined) policy[key] = checkValue(spec, fromEnvText(spec, raw), name);
  }
  return { ...config, ...service, policy: { ...config.policy, ...policy } };
}

/** A misspelt KERBSIDE_* variable would otherwise be silently ignored. */
function refuseUnknownEnv(env: NodeJS.ProcessEnv): void {
  const known = new Set([
    ...OTHER_ENV,
    ...Object.keys(SERVICE_FIELDS).map(envName),
    ...Object.keys(POLICY_FIELDS).map((key) => envName(`policy_${key}`)),
  ]);
  const unknown = Object.keys(env).find((name) => name.startsWith('KERBSIDE_') && !known.has(name));
  if (unknown !== undefined) throw unknownKey(unknown);
}

function envName(key: string): string {
  return `KERBSIDE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

function fromEnvText(spec: FieldSpec, raw: string): unknown {
  switch (spec.type) {
    case 'int':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case 'bool':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'origin':
    case 'path':
    case 'redisUrl':
      return raw === '' ? null : raw;
    default:
      return raw;
  }
}

function checkValue(spec: FieldSpec, value: unknown, where: string): unknown {
  switch (spec.type) {
    case 'int':
      if (Number.isInteger(value) && Number(value) >= spec.min && Number(value) <= spec.max) {
        return value;
      }
      throw new ServiceConfigError(`${where}: expected an integer in ${spec.min}..${spec.max}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw new ServiceConfigError(`${where}: expected true or false`);
    case 'string':
      if (typeof value === 'string') return value;
      throw new ServiceConfigError(`${where}: expected a string`);
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      throw new ServiceConfigError(`${where}: expected one of ${spec.values.join(', ')}`);
    case 'origin':
      return checkOrigin(value, where);
    case 'path':
      if (value === null || (typeof value === 'string' && value !== '')) return value;
      throw new ServiceConfigError(`${where}: expected null or a file path`);
    case 'list':
      return checkUrlList(value, where);
    case 'redisUrl':
      return checkRedisUrl(value, where);
  }
}

/** The value is never quoted back: a Redis URL may carry a password. */
function checkRedisUrl(value: unknown, where: string): string | null {
  if (value === null) return null;
  const url = typeof value === 'string' ? tryParseUrl(value) : undefined;
  if (url && /^rediss?:$/.test(url.protocol) && url.hostname !== '' && !url.search)
    return value as string;
  throw new ServiceConfigError(`${where}: expected null or a redis:// or rediss:// URL`);
}

function checkOrigin(value: unknown, where: string): string | null {
  if (value === null) return null;
  const url = typeof value === 'string' ? tryParseUrl(value) : undefined;
  if (url && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search) {
    return url.origin;
  }
  throw new ServiceConfigError(`${where}: expected null or an origin like https://host:port`);
}

function checkUrlList(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new ServiceConfigError(`${where}: expected a list of URLs`);
  return value.map((item, i) => {
    const url = typeof item === 'string' ? tryParseUrl(item) : undefined;
    if (url && /^https?:$/.test(url.protocol)) return `${url.origin}${url.pathname}`;
    throw new ServiceConfigError(`${where}[${i}]: expected an http(s) URL`);
  });
}

function checkConsistency(config: ServiceConfig): void {
  if (config.policy.minLength > config.policy.maxLength) {
    throw new ServiceConfigError('service.policy: minLength is greater than maxLength');
  }
  if ((config.tlsCert === null) !== (config.tlsKey === null)) {
    throw new ServiceConfigError('service: tlsCert and tlsKey must be set together');
  }
  if (config.webSessionIdleSeconds > config.webSessionMaxSeconds) {
    throw new ServiceConfigError(
      'service: webSessionIdleSeconds is greater than webSessionMaxSeconds',
    );
  }
  checkRedisSettings(config);
}

function checkRedisSettings(config: ServiceConfig): void {
  if (config.store === 'redis' && config.redisUrl === null) {
    throw new ServiceConfigError('service: store "redis" needs redisUrl');
  }
  if (config.redisCaFile !== null && !config.redisUrl?.startsWith('rediss:')) {
    throw new ServiceConfigError('service: redisCaFile needs a rediss:// redisUrl');
  }
  if (config.redisKeyPrefix === '') {
    throw new ServiceConfigError('service.redisKeyPrefix: expected a non-empty string');
  }
}

function unknownKey(where: string): ServiceConfigError {
  return new ServiceConfigError(`${where}: unknown key`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
