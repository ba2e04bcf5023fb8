/** A running throwaway realm: its servers, its folder, and kadmin.local to manage it. */

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { readKeytabFile, type KeytabEntry } from '../krb5/keytab.js';
import type { Daemon } from './daemons.js';
import { TestRealmError } from './errors.js';
import type { RealmLayout } from './files.js';
import { kadminArg, runKadmin, type KadminRun } from './kadmin.js';
import { findProgram, runProgram } from './programs.js';
import type { PolicyOptions, PrincipalOptions, TestRealm } from './types.js';

export class Realm implements TestRealm {
  readonly realm: string;
  readonly dir: string;
  readonly kdcPort: number;
  readonly kadminPort: number;
  readonly kpasswdPort: number;
  readonly krb5ConfPath: string;
  readonly env: Readonly<Record<string, string>>;
  readonly #childEnv: NodeJS.ProcessEnv;
  readonly #daemons: readonly Daemon[];
  readonly #keepDir: boolean;
  #stopped: Promise<void> | undefined;

  constructor(
    layout: RealmLayout,
    env: Record<string, string>,
    childEnv: NodeJS.ProcessEnv,
    daemons: readonly Daemon[],
    keepDir: boolean,
  ) {
    this.realm = layout.realm;
    this.dir = layout.dir;
    this.kdcPort = layout.kdcPort;
    this.kadminPort = layout.kadminPort;
    this.kpasswdPort = layout.kpasswdPort;
    this.krb5ConfPath = env.KRB5_CONFIG!;
    this.env = Object.freeze({ ...env });
    this.#childEnv = childEnv;
    this.#daemons = daemons;
    this.#keepDir = keepDir;
  }

  kadmin(commands: readonly string[]): Promise<string> {
    return runKadmin(this.#kadminRun(), commands);
  }

  async addPrincipal(name: string, password: string, opts: PrincipalOptions = {}): Promise<void> {
    const args = ['addprinc', '-pw', kadminArg(password)];
    if (opts.policy !== undefined) args.push('-policy', kadminArg(opts.policy));
    if (opts.pwExpireNow === true) args.push('-pwexpire', kadminArg('now'));
    if (opts.needChange === true) args.push('+needchange', '+requires_preauth');
    if (opts.enctypes !== undefined) args.push('-e', kadminArg(opts.enctypes));
    args.push(kadminArg(name));
    await runKadmin(this.#kadminRun(), [args.join(' ')], [password]);
    // MIT's KDC treats a password as expired only strictly after its expiry second.
    if (opts.pwExpireNow === true) await untilNextSecond();
  }

  async setPassword(name: string, password: string): Promise<void> {
    const command = ['cpw', '-pw', kadminArg(password), kadminArg(name)].join(' ');
    await runKadmin(this.#kadminRun(), [command], [password]);
  }

  async addPolicy(name: string, opts: PolicyOptions): Promise<void> {
    const args = ['addpol'];
    const count = (flag: string, n: number | undefined): void => {
      if (n === undefined) return;
      if (!Number.isInteger(n) || n < 0) throw new TestRealmError(`${flag} must be an integer`);
      args.push(flag, String(n));
    };
    const time = (flag: string, t: string | undefined): void => {
      if (t !== undefined) args.push(flag, kadminArg(t));
    };
    count('-minlength', opts.minLength);
    count('-minclasses', opts.minClasses);
    count('-history', opts.history);
    time('-minlife', opts.minLife);
    count('-maxfailure', opts.maxFailure);
    time('-failurecountinterval', opts.failureCountInterval);
    time('-lockoutduration', opts.lockoutDuration);
    args.push(kadminArg(name));
    await runKadmin(this.#kadminRun(), [args.join(' ')]);
  }

  async exportKeys(principal: string): Promise<KeytabEntry[]> {
    const file = join(this.dir, `export-${randomBytes(6).toString('hex')}.keytab`);
    try {
      const command = ['ktadd', '-norandkey', '-k', kadminArg(file), kadminArg(principal)];
      await runKadmin(this.#kadminRun(), [command.join(' ')]);
      return await readKeytabFile(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async kinit(principal: string, password: string): Promise<boolean> {
    if (/[\n\0]/.test(password)) throw new TestRealmError('kinit reads one line: no line breaks');
    const result = await runProgram(findProgram('kinit', this.#childEnv.PATH), [principal], {
      env: this.#childEnv,
      input: `${password}\n`,
    });
    return result.code === 0;
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    await Promise.all(this.#daemons.map((d) => d.stop()));
    if (!this.#keepDir) await rm(this.dir, { recursive: true, force: true });
  }

  #kadminRun(): KadminRun {
    return {
      program: findProgram('kadmin.local', this.#childEnv.PATH),
      realm: this.realm,
      env: this.#childEnv,
    };
  }
}

function untilNextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
}
