/**
 * Who spent the CPU: the service process, the KDC, kadmind, MIT's commands (children of this
 * process, counted once reaped) and this process (the load generator). CPU time does not
 * grow when other work shares the machine, unlike wall time, so it is the steadier figure.
 */

import { readFileSync } from 'node:fs';

import type { TestRealm } from '../../src/testrealm/index.js';
import { daemonPid, processCpuMs } from './mit.js';
import type { ServerProcess } from './server.js';

/** Milliseconds of CPU (user + system) per party. */
export interface CpuSample {
  readonly service: number;
  readonly kdc: number;
  readonly kadmind: number;
  /** Reaped child processes of this one: kinit and kpasswd. */
  readonly commands: number;
  /** This process: the HTTP load generator. */
  readonly generator: number;
}

export class CpuMeter {
  readonly #server: ServerProcess;
  readonly #kdc: number;
  readonly #kadmind: number;

  constructor(realm: TestRealm, server: ServerProcess) {
    this.#server = server;
    this.#kdc = daemonPid(realm, 'krb5kdc');
    this.#kadmind = daemonPid(realm, 'kadmind');
  }

  async sample(): Promise<CpuSample> {
    const own = process.cpuUsage();
    return {
      service: await this.#server.cpuMs(),
      kdc: processCpuMs(this.#kdc),
      kadmind: processCpuMs(this.#kadmind),
      commands: reapedChildrenCpuMs(),
      generator: (own.user + own.system) / 1000,
    };
  }
}

/** `after - before`, per party, divided by `count`. */
export function cpuPer(before: CpuSample, after: CpuSample, count: number): CpuSample {
  const per = (key: keyof CpuSample): number => (after[key] - before[key]) / count;
  return {
    service: per('service'),
    kdc: per('kdc'),
    kadmind: per('kadmind'),
    commands: per('commands'),
    generator: per('generator'),
  };
}

/** cutime + cstime of this process (stat(5) fields 16 and 17, clock ticks of 10 ms). */
function reapedChildrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
