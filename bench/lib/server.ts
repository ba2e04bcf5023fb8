/** Starting the service under test in a child process and talking to it over IPC. */

import { fork, type ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const CHILD_SOURCE = fileURLToPath(new URL('../server-child.ts', import.meta.url));
/**
 * Under node_modules, so that the bundle's imports of fastify, pino... resolve; one folder
 * down, because src/service/routes/assets.ts reads its files from `../assets/` next to it.
 */
const BUNDLE_DIR = new URL('../../node_modules/.cache/kerbside-bench/', import.meta.url);
const CHILD_BUNDLE = fileURLToPath(new URL('routes/server-child.mjs', BUNDLE_DIR));
const ASSETS = new URL('../../src/service/assets/', import.meta.url);

/** The benchmark-only route the child adds: the cheapest answer the same app can give. */
export const BARE_PATH = '/bench/bare';

/** What the child can be asked. */
export type ChildCommand = 'eld-start' | 'eld-stop' | 'cpu' | 'memory' | 'fill';

export interface ChildRequest {
  readonly id: number;
  readonly cmd: ChildCommand;
  readonly arg?: unknown;
}

export interface ChildReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** Logins to put straight into the store: `count` of them over `users` principals. */
export interface FillSpec {
  readonly count: number;
  readonly users: number;
  readonly userPrefix: string;
  readonly realm: string;
}

export interface EventLoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly samples: number;
  /** The share of the window the event loop was busy (0 to 1). */
  readonly utilization: number;
}

export interface ServerMemory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly records: number;
}

/**
 * All benchmark clients come from 127.0.0.1, so the per-address limit on login attempts
 * (which counts attempts still in flight) would throttle 32 concurrent clients that never
 * fail; real clients come from many addresses. Every other setting is the default.
 */
const BENCH_SETTINGS = { KERBSIDE_THROTTLE_ADDRESS_FAILURES: '100000' };

/** The service in a child process, with the realm's environment. */
export class ServerProcess {
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (reply: ChildReply) => void>();
  #nextId = 1;

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.url = `http://127.0.0.1:${port}`;
    child.on('message', (reply: ChildReply) => {
      this.#pending.get(reply.id)?.(reply);
      this.#pending.delete(reply.id);
    });
  }

  /**
   * Forks the child and resolves once it listens. It runs as plain JavaScript, as
   * `kerbside serve` does from dist/ (no TypeScript loader, which alone adds some 25 MB of
   * resident memory). Its log goes to /dev/null.
   */
  static async start(
    env: Readonly<Record<string, string>>,
    nodeOptions: readonly string[] = [],
  ): Promise<ServerProcess> {
    await bundleChild();
    const child = fork(CHILD_BUNDLE, [], {
      execArgv: ['--expose-gc', ...nodeOptions],
      env: { ...process.env, ...env, ...BENCH_SETTINGS },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (reply: ChildReply) => resolve(reply.result as number));
      child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
    });
    return new ServerProcess(child, port);
  }

  get pid(): number {
    return this.#child.pid!;
  }

  async ask<T>(cmd: ChildCommand, arg?: unknown): Promise<T> {
    const id = this.#nextId++;
    const reply = await new Promise<ChildReply>((resolve) => {
      this.#pending.set(id, resolve);
      this.#child.send({ id, cmd, arg } satisfies ChildRequest);
    });
    if (reply.error !== undefined) throw new Error(`server child: ${reply.error}`);
    return reply.result as T;
  }

  /** The CPU time (user + system, ms) the child has used so far. */
  cpuMs(): Promise<number> {
    return this.ask<number>('cpu');
  }

  /** Closes the IPC channel (the child then closes the server) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.disconnect();
    await exited;
  }
}

let bundled: Promise<unknown> | undefined;

/**
 * Compiles the child and the sources it uses into one ES module with esbuild (the compiler
 * tsx itself runs on), leaving npm packages as imports. Once per run.
 */
function bundleChild(): Promise<unknown> {
  bundled ??= bundle();
  return bundled;
}

async function bundle(): Promise<void> {
  await cp(ASSETS, new URL('assets/', BUNDLE_DIR), { recursive: true });
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}
