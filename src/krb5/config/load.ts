/**
 * Loading krb5.conf the way MIT does: the files named in KRB5_CONFIG (colon-separated,
 * earlier files take precedence, missing ones skipped, a directory stands for its files),
 * else /etc/krb5.conf.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';

import { ConfigError } from '../errors.js';
import { krb5ConfigFromProfile, type Krb5Config } from './krb5-config.js';
import { parseProfile, type ProfileFileSystem } from './profile-parser.js';
import { Profile, type ProfileNode } from './profile.js';

export const DEFAULT_KRB5_CONFIG = '/etc/krb5.conf';

/** Errors that mean "this file is not there for us" (MIT skips such files too). */
const SKIPPED_ERRORS = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM']);

/** node:fs, as the parser needs it; directories list regular files only. */
export const nodeProfileFileSystem: ProfileFileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readDir: (path) =>
    readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name),
};

/**
 * Loads the Kerberos configuration named by `env.KRB5_CONFIG` (default: this process's
 * environment), else /etc/krb5.conf. With no file present the configuration is empty and
 * every realm lookup is a ConfigError. Synchronous reads inside: it runs once, at startup.
 */
export async function loadKrb5Config(env: NodeJS.ProcessEnv = process.env): Promise<Krb5Config> {
  const list = env.KRB5_CONFIG !== undefined && env.KRB5_CONFIG !== '' ? env.KRB5_CONFIG : null;
  const paths = (list ?? DEFAULT_KRB5_CONFIG).split(':').filter((p) => p !== '');

  const files: ProfileNode[] = [];
  for (const path of paths) files.push(...loadPath(path));
  return krb5ConfigFromProfile(new Profile(files));
}

function loadPath(path: string): ProfileNode[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    if (SKIPPED_ERRORS.has((err as NodeJS.ErrnoException).code ?? '')) return [];
    throw new ConfigError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  if (!isDirectory) return optional(loadFile(path));

  // A directory in KRB5_CONFIG (MIT 1.14+): its files with plain names, as includedir reads.
  return nodeProfileFileSystem
    .readDir(path)
    .filter((n) => /^[A-Za-z0-9_-]+$/.test(n))
    .sort()
    .flatMap((n) => optional(loadFile(`${path.replace(/\/+$/, '')}/${n}`)));
}

function loadFile(path: string): ProfileNode | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (SKIPPED_ERRORS.has((err as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw new ConfigError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  return parseProfile(text, { source: path, fs: nodeProfileFileSystem });
}

function optional(node: ProfileNode | undefined): ProfileNode[] {
  return node === undefined ? [] : [node];
}
