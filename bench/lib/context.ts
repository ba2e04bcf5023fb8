/** What every benchmark gets from the runner, and what it hands back. */

import type { TestRealm } from '../../src/testrealm/index.js';
import type { ServerProcess } from './server.js';

/** A realm and the service under test pointed at it. */
export interface Setup {
  readonly title: string;
  readonly realm: TestRealm;
  readonly server: ServerProcess;
}

export interface BenchContext {
  /** Shorter windows and fewer rounds. */
  readonly quick: boolean;
  /** The realm with the harness's default enctypes (the four AES ones), and its service. */
  main(): Promise<Setup>;
  /** A realm with MIT 1.20's default supported_enctypes (the two AES SHA-1 ones). */
  sha1Only(): Promise<Setup>;
  /** A fresh service process on `realm` (the main one by default), stopped at the end. */
  freshServer(realm?: TestRealm): Promise<ServerProcess>;
  /**
   * A service process on the main realm whose krb5.conf says `kdc = udp/...`: AS requests
   * over UDP only, as MIT's own clients send small requests (a diagnostic).
   */
  udpKdcServer(): Promise<ServerProcess>;
}

/** One figure checked against its target. */
export interface Verdict {
  readonly benchmark: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
  /** A figure shown for information: no target applies to it. */
  readonly informational?: boolean;
}

export type Benchmark = (ctx: BenchContext) => Promise<Verdict[]>;
