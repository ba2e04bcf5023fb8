import { parseCommandLine, parseListen } from './command.js';
import { startService, untilSignal } from './start-service.js';

const HELP = `Usage: kerbside serve [--listen HOST:PORT] [--config FILE]

Starts the access service (CAS login, login_check, modify_self_password, logout).

  --listen HOST:PORT   where to listen (env KERBSIDE_LISTEN; default 127.0.0.1:8080)
  --config FILE        JSON configuration (env KERBSIDE_CONFIG); see the README

The realm and its KDCs come from krb5.conf: KRB5_CONFIG, else /etc/krb5.conf.

Examples:
  kerbside serve
  KRB5_CONFIG=/etc/krb5.conf kerbside serve --listen 127.0.0.1:28443 --config kerbside.json
`;

/** `kerbside serve`. */
export async function runServe(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    listen: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }

  const listen = parseListen(values.listen ?? process.env['KERBSIDE_LISTEN'] ?? '127.0.0.1:8080');
  const configFile = values.config ?? process.env['KERBSIDE_CONFIG'];
  const service = await startService({
    listen,
    env: process.env,
    ...(configFile !== undefined && { configFile }),
  });
  process.stdout.write(`kerbside listening on ${service.url}\n`);

  await untilSignal();
  await service.close();
  return 0;
}
