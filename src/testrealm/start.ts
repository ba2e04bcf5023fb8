/**
 * A throwaway MIT Kerberos realm on 127.0.0.1, in its own folder: for integration tests and
 * for `kerbside demo`. Nothing under /etc is read or written; MIT's programs find everything
 * through the environment in {@link TestRealm.env}.
 */

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Daemon, waitForPorts } from './daemons.js';
import { TestRealmError } from './errors.js';
import {
  DEFAULT_ENCTYPES,
  checkLayoutValues,
  renderKdcConf,
  renderKrb5Conf,
  type RealmLayout,
} from './files.js';
import { freePorts } from './ports.js';
import { findProgram, runProgram } from './programs.js';
import { Realm } from './realm.js';
import type { RealmOptions, TestRealm } from './types.js';

/** Ports are picked, released, then taken by the servers: retry if another process won. */
const START_ATTEMPTS = 3;

/** Starts a realm and resolves once its KDC, kadmind and kpasswd ports answer. */
export async function startRealm(opts: RealmOptions = {}): Promise<TestRealm> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'kerbside-realm-')));
  const keepDir = opts.keepDir ?? opts.dir !== undefined;
  try {
    return await setUp(dir, keepDir, opts);
  } catch (err) {
    if (!keepDir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function setUp(dir: string, keepDir: boolean, opts: RealmOptions): Promise<TestRealm> {
  const base = {
    realm: opts.realm ?? 'KERBSIDE.TEST',
    dir,
    supportedEnctypes: opts.supportedEnctypes ?? DEFAULT_ENCTYPES,
    maxLife: opts.maxLife ?? '1d',
    maxRenewableLife: opts.maxRenewableLife ?? '7d',
  };
  checkLayoutValues(base);
  await mkdir(join(dir, 'rcache'), { recursive: true });
  await writeFile(join(dir, 'kadm5.acl'), '');

  const env = realmEnv(dir);
  const childEnv = programEnv(env, opts.env);
  let layout = await writeConfig(base);
  await createDatabase(layout, childEnv);

  for (let attempt = 1; ; attempt++) {
    const daemons = startDaemons(layout, childEnv);
    try {
      const ports = [layout.kdcPort, layout.kadminPort, layout.kpasswdPort];
      await waitForPorts(ports, daemons, opts.startTimeoutMs ?? 15_000);
      if (daemons.some((d) => !d.running)) throw new TestRealmError('a server exited at startup');
      return new Realm(layout, env, childEnv, daemons, keepDir);
    } catch (err) {
      for (const d of daemons) await d.stop();
      if (attempt >= START_ATTEMPTS) throw err;
      layout = await writeConfig(base);
    }
  }
}

async function writeConfig(base: Omit<RealmLayout, 'kdcPort' | 'kadminPort' | 'kpasswdPort'>) {
  const [kdcPort, kadminPort, kpasswdPort] = await freePorts([true, false, true]);
  const layout: RealmLayout = {
    ...base,
    kdcPort: kdcPort!,
    kadminPort: kadminPort!,
    kpasswdPort: kpasswdPort!,
  };
  await writeFile(join(base.dir, 'kdc.conf'), renderKdcConf(layout));
  await writeFile(join(base.dir, 'krb5.conf'), renderKrb5Conf(layout));
  return layout;
}

function realmEnv(dir: string): Record<string, string> {
  return {
    KRB5_CONFIG: join(dir, 'krb5.conf'),
    KRB5_KDC_PROFILE: join(dir, 'kdc.conf'),
    KRB5CCNAME: `FILE:${join(dir, 'ccache')}`,
    KRB5RCACHEDIR: join(dir, 'rcache'),
    KRB5_KTNAME: `FILE:${join(dir, 'keytab')}`,
    TZ: 'UTC',
  };
}

/**
 * What MIT's programs run with: PATH and HOME from this process, no inherited KRB5_*
 * variable, the realm's variables, the C locale (bytes pass through untouched) and no
 * readline in kadmin's command reader (it would treat 8-bit characters as key bindings).
 */
function programEnv(
  realm: Record<string, string>,
  extra: Readonly<Record<string, string>> | undefined,
): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR']) {
    if (process.env[key] !== undefined) inherited[key] = process.env[key];
  }
  return { ...inherited, ...extra, ...realm, LC_ALL: 'C', SS_READLINE_PATH: 'none' };
}

/**
 * kdb5_util create reads the master password twice from stdin. It is random and never
 * stored outside the stash file: it protects a database that is thrown away.
 */
async function createDatabase(layout: RealmLayout, env: NodeJS.ProcessEnv): Promise<void> {
  const master = randomBytes(24).toString('base64url');
  const result = await runProgram(
    findProgram('kdb5_util', env.PATH),
    ['create', '-r', layout.realm, '-s'],
    {
      env,
      input: `${master}\n${master}\n`,
    },
  );
  if (result.code !== 0) {
    throw new TestRealmError(`kdb5_util create failed: ${result.stderr.trim()}`);
  }
}

function startDaemons(layout: RealmLayout, env: NodeJS.ProcessEnv): Daemon[] {
  const setpriv = optionalProgram('setpriv', env.PATH);
  return [
    Daemon.start(findProgram('krb5kdc', env.PATH), ['-n', '-r', layout.realm], env, setpriv),
    Daemon.start(findProgram('kadmind', env.PATH), ['-nofork', '-r', layout.realm], env, setpriv),
  ];
}

function optionalProgram(name: string, path: string | undefined): string | undefined {
  try {
    return findProgram(name, path);
  } catch {
    return undefined;
  }
}
