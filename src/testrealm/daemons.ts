/**
 * The realm's long-running servers (krb5kdc, kadmind) as child processes that never outlive
 * this process: they are killed on 'exit', and where util-linux's setpriv exists they are
 * started with a parent-death signal, which also covers a crash or SIGKILL of this process.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

import { TestRealmError } from './errors.js';

/** Keep this much of a server's stderr, to explain a failed start. */
const STDERR_TAIL_BYTES = 4096;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export class Daemon {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #stderr = '';
  #running = true;

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.#child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.#exited = new Promise((resolve) => {
      child.once('exit', () => {
        this.#running = false;
        live.delete(child);
        resolve();
      });
      child.once('error', () => {
        this.#running = false;
        live.delete(child);
        resolve();
      });
    });
  }

  /** Starts `program`; `setpriv` (a path, or undefined) adds the parent-death signal. */
  static start(
    program: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    setpriv: string | undefined,
  ): Daemon {
    installExitHook();
    const [file, argv] =
      setpriv === undefined
        ? [program, args]
        : [setpriv, ['--pdeathsig', 'KILL', '--', program, ...args]];
    const child = spawn(file, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(child);
    return new Daemon(program.split('/').pop() ?? program, child);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#running;
  }

  /** The end of what the server wrote to stderr (no secrets: servers never print them). */
  get stderr(): string {
    return this.#stderr;
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.#running) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}

/**
 * Resolves once every port accepts a TCP connection on 127.0.0.1; rejects as soon as one of
 * the daemons exits, or after `timeoutMs`.
 */
export async function waitForPorts(
  ports: readonly number[],
  daemons: readonly Daemon[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await accepts(port))) {
      const dead = daemons.find((d) => !d.running);
      if (dead !== undefined) {
        throw new TestRealmError(`${dead.name} exited during startup: ${dead.stderr.trim()}`);
      }
      if (Date.now() > deadline) {
        throw new TestRealmError(`port ${port} did not open within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
