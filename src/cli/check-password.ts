import { userInfo } from 'node:os';

import { localViolationJson } from '../service/routes/modify-password.js';
import { loadServiceConfig } from '../service/config.js';
import { checkPassword, type PolicyConfig } from '../service/policy.js';
import { parseUserName } from '../service/user-name.js';
import { ClientError, EXIT } from './client-error.js';
import { CliUsageError, parseCommandLine } from './command.js';
import { processConsole, readCandidate } from './password-input.js';
import { describeViolation } from './result-text.js';

const HELP = `Usage: kerbside check-password [--user NAME] [--config FILE] [--json]

Checks a candidate password against the local password policy, the one kerbside serve
applies before asking the Kerberos server, without changing anything. The Kerberos server
may have rules of its own (history, common passwords).

The password is read from the terminal without echo, or, when standard input is not a
terminal, as one line of it (taken exactly; only the line ending is removed). It is never
taken from arguments or the environment.

  --user NAME    the user the password is for: it must not be the user name (default: your
                 login name)
  --config FILE  the policy of this configuration file's "service.policy" (env
                 KERBSIDE_CONFIG); KERBSIDE_POLICY_* variables apply as for kerbside serve;
                 without either, the default policy
  --json         print {"ok": ..., "violations": [...]} only

Exit status: 0 the password meets the policy; 2 it does not; 1 error.

Examples:
  kerbside check-password --user alice
  kerbside check-password --config /etc/kerbside/kerbside.json < candidate.txt
`;

/** `kerbside check-password`. */
export async function runCheckPassword(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    user: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }

  const user = parseUserName(values.user ?? userInfo().username, 'ANY')?.user;
  if (user === undefined) throw new CliUsageError('--user: expected NAME or NAME@REALM');

  try {
    const policy = await loadPolicy(values.config ?? process.env['KERBSIDE_CONFIG']);
    const candidate = await readCandidate(processConsole());
    const verdict = checkPassword(candidate, { user }, policy);
    return report(verdict.violations.map(localViolationJson), values.json === true);
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    process.stderr.write(`kerbside check-password: ${err.message}\n`);
    return err.exitStatus;
  }
}

async function loadPolicy(configFile: string | undefined): Promise<PolicyConfig> {
  try {
    return (await loadServiceConfig(configFile, process.env)).policy;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ClientError('ERR_CONFIG', `configuration: ${message}`);
  }
}

function report(violations: readonly Record<string, unknown>[], json: boolean): number {
  const ok = violations.length === 0;
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok, violations })}\n`);
  } else if (ok) {
    process.stdout.write('The password meets the local password policy.\n');
  } else {
    const lines = violations.map((violation) => `  - ${describeViolation(violation)}`);
    process.stdout.write(
      `The password does not meet the local password policy:\n${lines.join('\n')}\n`,
    );
  }
  return ok ? EXIT.ok : EXIT.refused;
}
