/**
 * A throwaway MIT realm on 127.0.0.1 and the kerbside service in this process, over the real
 * Kerberos backend: what the CLI tests talk to.
 */

import { startService, type RunningService } from '../../../src/cli/start-service.js';
import { KerberosClient } from '../../../src/krb5/client/kerberos-client.js';
import { loadKrb5Config } from '../../../src/krb5/config/index.js';
import { KdcError } from '../../../src/krb5/errors.js';
import { startRealm, type TestRealm } from '../../../src/testrealm/index.js';

export interface Stand {
  readonly realm: TestRealm;
  readonly service: RunningService;
  /** Another service of the same realm, with `env` (KERBSIDE_* settings) added. */
  startService(env: Record<string, string>): Promise<RunningService>;
  /** True when `password` is the user's current password (an AS exchange with the KDC). */
  logsIn(user: string, password: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts the realm, then the service with `env` (KERBSIDE_* settings) added. */
export async function startStand(env: Record<string, string> = {}): Promise<Stand> {
  const realm = await startRealm();
  const baseEnv = { ...process.env, ...realm.env, KERBSIDE_LOG_LEVEL: 'silent' };
  const services: RunningService[] = [];
  const start = async (extra: Record<string, string>): Promise<RunningService> => {
    const listen = { host: '127.0.0.1', port: 0 };
    const service = await startService({ listen, env: { ...baseEnv, ...extra } });
    services.push(service);
    return service;
  };
  const stop = async (): Promise<void> => {
    for (const service of services) await service.close();
    await realm.stop();
  };

  let service: RunningService;
  try {
    service = await start(env);
  } catch (err) {
    await stop();
    throw err;
  }
  const client = new KerberosClient({ config: await loadKrb5Config(baseEnv) });

  return {
    realm,
    service,
    startService: start,
    logsIn: async (user, password) => {
      try {
        await client.getInitialTicket(client.principal(user, realm.realm), password);
        return true;
      } catch (err) {
        // The KDC said no (wrong password, expired...); anything else is a broken test bed.
        if (err instanceof KdcError) return false;
        throw err;
      }
    },
    stop,
  };
}
