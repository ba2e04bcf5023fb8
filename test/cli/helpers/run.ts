/**
 * Running the real kerbside command as a child process: with piped standard input, or in a
 * pseudo-terminal made by util-linux `script`, and looking at what other users of the
 * machine could see of it in /proc.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const ENTRY = fileURLToPath(new URL('./kerbside.ts', import.meta.url));

/** node --import tsx test/cli/helpers/kerbside.ts: the CLI from its sources. */
export const KERBSIDE = [process.execPath, '--import', 'tsx', ENTRY] as const;

const TIMEOUT_MS = 30_000;

/** Commands started and not yet finished, for {@link stopAll}. */
const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills the commands still running (after a failed test), each by its own handle. */
export function stopAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running command whose output is collected. */
export class Running {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly done: Promise<RunResult>;
  #listeners = new Set<() => void>();

  constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.setEncoding('utf8').on('data', (text: string) => this.#add('stdout', text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => this.#add('stderr', text));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    running.add(child);
    this.done = new Promise((resolve) => {
      child.on('close', (code) => {
        clearTimeout(timer);
        running.delete(child);
        resolve({ code, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves once stdout and stderr together have shown `count` matches of `pattern`. */
  waitFor(pattern: RegExp, count = 1): Promise<void> {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    const seen = () => (this.stdout + this.stderr).match(global)?.length ?? 0;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (seen() < count) return;
        this.#listeners.delete(check);
        resolve();
      };
      this.#listeners.add(check);
      void this.done.then(() => {
        if (seen() < count) {
          reject(new Error(`exited before showing ${pattern}: ${this.stdout}${this.stderr}`));
        }
      });
      check();
    });
  }

  /** Writes to the command's standard input (in a pty: typed at the keyboard). */
  type(text: string): void {
    this.child.stdin.write(text);
  }

  #add(stream: 'stdout' | 'stderr', text: string): void {
    this[stream] += text;
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Starts `kerbside ARGS` with piped standard streams. */
export function startKerbside(args: readonly string[], env = process.env): Running {
  const [node, ...nodeArgs] = KERBSIDE;
  return new Running(spawn(node, [...nodeArgs, ...args], { cwd: ROOT, env }));
}

/** Runs `kerbside ARGS` with `input` as its whole standard input. */
export function runKerbside(
  args: readonly string[],
  input: string,
  env = process.env,
): Promise<RunResult> {
  const running = startKerbside(args, env);
  running.child.stdin.end(input);
  return running.done;
}

/**
 * Starts `kerbside ARGS` in a pseudo-terminal: `script -qfec` runs it with a pty as its
 * standard streams and copies what the terminal shows to its own stdout.
 */
export function startKerbsideInPty(args: readonly string[], env = process.env): Running {
  const command = [...KERBSIDE, ...args].map(shellQuote).join(' ');
  return new Running(spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env }));
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(Number(name), 'stat');
    // The command name (field 2) is in parentheses and may hold spaces; ppid follows it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i] as number) ?? []));
  return tree;
}

/** The process's arguments and environment, as /proc shows them ('' once it is gone). */
export function argumentsAndEnvironment(pid: number): string {
  return `${readProc(pid, 'cmdline')}\0${readProc(pid, 'environ')}`;
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
