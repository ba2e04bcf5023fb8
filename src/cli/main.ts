import { runCheckPassword } from './check-password.js';
import { runDemo } from './demo.js';
import { runPasswd } from './passwd.js';
import { runServe } from './serve.js';
import { CliUsageError, type Command } from './command.js';

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: runServe,
  demo: runDemo,
  passwd: runPasswd,
  'check-password': runCheckPassword,
};

const USAGE = `kerbside: self-service Kerberos login and password change

Usage:
  kerbside serve [--listen HOST:PORT] [--config FILE]   start the service
  kerbside demo  [--listen HOST:PORT]                   throwaway realm + service, ready to log in
  kerbside passwd --url URL [--user NAME] [--ca FILE]   change your password through a server
  kerbside check-password [--user NAME] [--config FILE] check a password against the policy
  kerbside COMMAND --help                               help for one command

The realm and its KDCs come from krb5.conf (KRB5_CONFIG, else /etc/krb5.conf).
`;

/** Runs the command line; resolves to the process exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }

  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`kerbside: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`kerbside ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
