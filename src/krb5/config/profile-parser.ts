/**
 * Parser for MIT's profile format (krb5.conf(5), "STRUCTURE"): `[section]` headers,
 * `tag = value` relations, `tag = {` ... `}` subsections, `#` and `;` comment lines, `*`
 * final markers, `include FILE` and `includedir DIR`. It follows MIT's own parser
 * (util/profile/prof_parse.c): lines before the first section are ignored, values are not
 * cut at `#` (MIT has no trailing comments), a double-quoted value may use \n \t \b escapes,
 * and an included file starts afresh (it needs its own section header) but adds to the same
 * tree.
 */

import { ConfigError } from '../errors.js';
import { ProfileNode } from './profile.js';

/** What `include` and `includedir` need; synchronous because configuration loads once. */
export interface ProfileFileSystem {
  /** The file's text; throws when it cannot be read. */
  readFile(path: string): string;
  /** The names of the entries of a directory; throws when it cannot be read. */
  readDir(path: string): string[];
}

export interface ParseProfileOptions {
  /** Name used in error messages (a path). */
  readonly source?: string;
  /** Needed to follow `include` and `includedir`; without it they are a ConfigError. */
  readonly fs?: ProfileFileSystem;
}

/** Deep enough for any sane layout, small enough to stop an include cycle. */
const MAX_INCLUDE_DEPTH = 16;

interface ParseContext {
  readonly root: ProfileNode;
  readonly source: string;
  readonly fs: ProfileFileSystem | undefined;
  readonly depth: number;
}

interface FileState {
  /** The open top-level section, then any open subsections; empty before the first header. */
  stack: ProfileNode[];
  /** A `tag =` line with nothing after it: the next line must open the subsection. */
  pendingSubsection?: { tag: string; final: boolean };
}

/** Parses one profile file (and what it includes) into a tree. */
export function parseProfile(text: string, options: ParseProfileOptions = {}): ProfileNode {
  const root = new ProfileNode();
  parseInto(text, { root, source: options.source ?? '(text)', fs: options.fs, depth: 0 });
  return root;
}

function parseInto(text: string, ctx: ParseContext): void {
  const state: FileState = { stack: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, index) => parseLine(line, index + 1, state, ctx));
}

function parseLine(line: string, lineNo: number, state: FileState, ctx: ParseContext): void {
  const fail = (message: string): never => {
    throw new ConfigError(`${ctx.source}:${lineNo}: ${message}`);
  };
  const text = line.trim();

  if (state.pendingSubsection !== undefined) {
    if (text === '' || isComment(text)) return;
    if (!text.startsWith('{')) fail(`expected "{" after "${state.pendingSubsection.tag} ="`);
    openSubsection(state, state.pendingSubsection.tag, state.pendingSubsection.final);
    delete state.pendingSubsection;
    return;
  }

  // MIT recognises the directives only at the very start of a line.
  const directive = /^(include|includedir)[ \t]+(.*)$/.exec(line);
  if (directive !== null) {
    include(directive[1] as 'include' | 'includedir', directive[2]!.trim(), ctx, fail);
    return;
  }

  if (text === '' || isComment(text)) return;
  if (state.stack.length === 0 && !text.startsWith('[')) return;

  if (text.startsWith('[')) parseHeader(text, state, ctx, fail);
  else if (text.startsWith('}')) closeSubsection(text, state, fail);
  else parseRelation(text, state, fail);
}

function isComment(text: string): boolean {
  return text.startsWith('#') || text.startsWith(';');
}

function parseHeader(
  text: string,
  state: FileState,
  ctx: ParseContext,
  fail: (m: string) => never,
): void {
  if (state.stack.length > 1) fail('section header inside a "{ }" block');
  const close = text.indexOf(']');
  if (close < 0) fail('section header without "]"');
  const rest = text.slice(close + 1);
  if (!/^\*?\s*$/.test(rest)) fail('unexpected text after section header');

  const node = ctx.root.section(text.slice(1, close));
  if (rest.startsWith('*')) node.final = true;
  state.stack = [node];
}

function closeSubsection(text: string, state: FileState, fail: (m: string) => never): void {
  if (state.stack.length <= 1) fail('"}" without a matching "{"');
  const node = state.stack.pop()!;
  if (text[1] === '*') node.final = true;
}

function parseRelation(text: string, state: FileState, fail: (m: string) => never): void {
  const eq = text.indexOf('=');
  if (eq <= 0) fail('expected "tag = value"');
  let tag = text.slice(0, eq).trimEnd();
  if (/\s/.test(tag)) fail(`a tag cannot contain spaces ("${tag}")`);
  const star = tag.indexOf('*');
  const final = star >= 0;
  if (final) tag = tag.slice(0, star);
  if (tag === '') fail('empty tag');

  const raw = text.slice(eq + 1).trimStart();
  if (raw === '') {
    state.pendingSubsection = { tag, final };
    return;
  }
  if (raw.startsWith('{') && raw.slice(1).trim() === '') {
    openSubsection(state, tag, final);
    return;
  }
  const current = state.stack[state.stack.length - 1]!;
  if (raw.startsWith('"')) current.addRelation(tag, { value: unquote(raw), quoted: true, final });
  else current.addRelation(tag, { value: raw, quoted: false, final });
}

function openSubsection(state: FileState, tag: string, final: boolean): void {
  const node = state.stack[state.stack.length - 1]!.section(tag);
  if (final) node.final = true;
  state.stack.push(node);
}

/** A double-quoted value: up to the next unescaped quote; \n \t \b escapes, \x is x. */
function unquote(raw: string): string {
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '"') break;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    i++;
    const next = raw[i];
    if (next === undefined) break;
    out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
  }
  return out;
}

function include(
  kind: 'include' | 'includedir',
  path: string,
  ctx: ParseContext,
  fail: (m: string) => never,
): void {
  const fs = ctx.fs;
  if (fs === undefined) fail(`"${kind}" needs files: load the configuration with loadKrb5Config`);
  if (ctx.depth >= MAX_INCLUDE_DEPTH) fail(`includes nested deeper than ${MAX_INCLUDE_DEPTH}`);
  if (path === '') fail(`"${kind}" without a path`);

  const files = kind === 'include' ? [path] : includedFiles(fs!, path, fail);
  for (const file of files) {
    const text = read(() => fs!.readFile(file), `cannot read included file ${file}`, fail);
    parseInto(text, { ...ctx, source: file, depth: ctx.depth + 1 });
  }
}

/**
 * The files of an `includedir`: names made only of letters, digits, dashes and underscores,
 * or ending in ".conf" and not starting with a dot (krb5.conf(5)); sorted for a stable order.
 */
function includedFiles(fs: ProfileFileSystem, dir: string, fail: (m: string) => never): string[] {
  const base = dir.replace(/(.)\/+$/, '$1');
  const names = read(() => fs.readDir(base), `cannot read included directory ${dir}`, fail);
  return names
    .filter((n) => /^[A-Za-z0-9_-]+$/.test(n) || (n.endsWith('.conf') && !n.startsWith('.')))
    .sort()
    .map((n) => (base.endsWith('/') ? `${base}${n}` : `${base}/${n}`));
}

function read<T>(op: () => T, message: string, fail: (m: string) => never): T {
  try {
    return op();
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    return fail(`${message} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
