import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { startRealm, type TestRealm } from '../testrealm/index.js';
import { CliUsageError, parseCommandLine, parseListen } from './command.js';
import { startService, untilSignal, type RunningService } from './start-service.js';

const HELP = `Usage: kerbside demo [--listen HOST:PORT]

Starts a throwaway MIT Kerberos realm on 127.0.0.1 in a temporary folder (installing
Debian's krb5-kdc and krb5-admin-server first if they are missing), creates a demo user
whose password must be changed at first login, starts the service and prints the URL and
the credentials. Ctrl-C stops everything it started and removes the folder.

  --listen HOST:PORT   where the service listens (default 127.0.0.1:8080)

Example:
  kerbside demo --listen 127.0.0.1:9000
`;

const DEMO_REALM = 'DEMO.KERBSIDE';
const DEMO_USER = 'demo';

/** `kerbside demo`. */
export async function runDemo(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    listen: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const listen = parseListen(values.listen ?? '127.0.0.1:8080');

  // Listen for Ctrl-C before anything starts, so that a stop during start-up still cleans up.
  let stopping = false;
  const stop = untilSignal().then(() => {
    stopping = true;
  });

  await installMitKrb5();
  const realm = await startRealm({ realm: DEMO_REALM });
  let service: RunningService | undefined;
  try {
    const password = await addDemoUser(realm);
    if (!stopping) service = await startDemoService(listen, realm);
    if (!stopping && service) printWelcome(service.url, realm, password);
    await stop;
  } finally {
    await service?.close();
    await realm.stop();
  }
  process.stdout.write('demo stopped; the realm and its folder are gone\n');
  return 0;
}

/** The service on the demo realm; request logs only at warn, to keep the welcome readable. */
async function startDemoService(
  listen: { host: string; port: number },
  realm: TestRealm,
): Promise<RunningService> {
  const env = { KERBSIDE_LOG_LEVEL: 'warn', ...process.env, ...realm.env };
  try {
    return await startService({ listen, env });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EADDRINUSE') throw err;
    throw new CliUsageError(
      `${listen.host}:${listen.port} is in use; choose another address with ` +
        `--listen (npm run demo -- --listen 127.0.0.1:9000)`,
    );
  }
}

/** Installs MIT krb5 (only) when missing, through scripts/install-system-deps.sh. */
function installMitKrb5(): Promise<void> {
  const script = fileURLToPath(new URL('../../scripts/install-system-deps.sh', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, 'krb5'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`installing MIT krb5 failed (exit ${code})`)),
    );
  });
}

/** A must-change user under a policy like a cluster's: 8+ characters, 3 classes, history 3. */
async function addDemoUser(realm: TestRealm): Promise<string> {
  await realm.addPolicy('demo', { minLength: 8, minClasses: 3, history: 3 });
  const password = `Demo-${randomBytes(6).toString('base64url')}-7a`;
  await realm.addPrincipal(DEMO_USER, password, { policy: 'demo', needChange: true });
  return password;
}

function printWelcome(url: string, realm: TestRealm, password: string): void {
  process.stdout.write(
    [
      '',
      `kerbside demo is running: realm ${realm.realm}, KDC on 127.0.0.1:${realm.kdcPort}`,
      '',
      `  Log in:    ${url}/cas/login`,
      `  User:      ${DEMO_USER}`,
      `  Password:  ${password}   (must be changed at first login)`,
      '',
      '  Or with curl, the documented flow: see "Try it with curl" in the README.',
      '',
      'Ctrl-C stops the service and the realm.',
      '',
    ].join('\n'),
  );
}
