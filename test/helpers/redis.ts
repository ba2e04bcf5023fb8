/**
 * A throwaway Redis server for tests: Debian's redis-server on a free 127.0.0.1 port, in a
 * temporary folder, without persistence. It can be stopped and started again on the same
 * port to test what happens while Redis is away.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as connectTls } from 'node:tls';

import { freePorts } from '../../src/testrealm/ports.js';

/** Serve TLS only (no plain port), with this certificate for 127.0.0.1. */
export interface RedisTls {
  readonly certFile: string;
  readonly keyFile: string;
  /** The CA that issued the certificate. */
  readonly caFile: string;
}

export interface TestRedis {
  readonly port: number;
  /** redis://127.0.0.1:PORT, or rediss:// with TLS. */
  readonly url: string;
  /** Stop the server (SIGTERM) and wait until it has exited. */
  stop(): Promise<void>;
  /** Start it again on the same port (empty: nothing is saved) and wait for PING. */
  start(): Promise<void>;
  /** Stop it for good and remove its folder. */
  close(): Promise<void>;
}

export async function startRedis(tls?: RedisTls): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'kerbside-redis-'));
  const [port = 0] = await freePorts([false]);
  let child: ChildProcess | undefined;
  const ports = tls ? ['--port', '0', '--tls-port', String(port)] : ['--port', String(port)];
  const certificates = tls
    ? ['--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile]
    : ([] as string[]);
  if (tls) certificates.push('--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no');

  const start = async (): Promise<void> => {
    const args = [...ports, ...certificates, '--bind', '127.0.0.1', '--save', '', '--appendonly'];
    args.push('no', '--dir', dir, '--logfile', join(dir, 'redis.log'));
    child = spawn('redis-server', args, { stdio: 'ignore' });
    child.on('error', () => undefined);
    await untilPong(port, child, tls && readFileSync(tls.caFile));
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    port,
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function untilPong(port: number, child: ChildProcess, ca?: Buffer): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await pong(port, ca)) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer PING on port ${port}`);
}

function pong(port: number, ca?: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = ca
      ? connectTls({ port, host: '127.0.0.1', ca, servername: '' })
      : connect(port, '127.0.0.1');
    const ready = ca ? 'secureConnect' : 'connect';
    let text = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on(ready, () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) finish(text.startsWith('+PONG'));
    });
  });
}
