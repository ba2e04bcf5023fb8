import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';

import { ClientError } from './client-error.js';
import { CliUsageError, isLoopback, parseCommandLine } from './command.js';
import { HttpClient } from './http-client.js';
import { processConsole, readPasswordChange } from './password-input.js';
import { exitStatusOf, reasonOf, type ServerResult } from './result-reply.js';
import { describeResult } from './result-text.js';
import {
  casLogin,
  fetchLoginForm,
  logOut,
  loginCheck,
  modifySelfPassword,
  type LoginForm,
  type PasswordChange,
} from './web-flow.js';

const HELP = `Usage: kerbside passwd --url URL [--user NAME] [--ca FILE] [--json]

Changes your Kerberos password through a kerbside server: logs in with the current password
(CAS login, then login_check) and calls modify_self_password.

The passwords are read from the terminal without echo (current, new, new again), or, when
standard input is not a terminal, as three lines of it: current, new, new again. A line is
taken exactly; only its line ending is removed. Passwords are never taken from arguments or
the environment.

  --url URL    the kerbside server, e.g. https://kerbside.example:28443 (http:// only for
               127.0.0.1, ::1 or localhost)
  --user NAME  the user name, NAME or NAME@REALM (default: your login name)
  --ca FILE    also trust the CA certificate(s) in this PEM file, for a server whose
               certificate comes from a private CA; certificates are always verified
  --json       print only the server's reply (JSON); a refused login is given in the same
               shape, built from the login page's notice

Exit status: 0 the password was changed; 2 refused (wrong password, password rules, locked
account, the two new passwords differ...) or wrong arguments; 1 error (server unreachable,
TLS, unexpected reply, unusable input); 130 interrupted.

Examples:
  kerbside passwd --url https://kerbside.example:28443
  kerbside passwd --url https://kerbside.example:28443 --user alice@EXAMPLE.COM --ca ca.pem
  kerbside passwd --url http://127.0.0.1:8080 --json < three-lines.txt
`;

interface PasswdOptions {
  readonly origin: URL;
  readonly user: string;
  readonly ca: string | undefined;
  readonly json: boolean;
}

/** `kerbside passwd`. */
export async function runPasswd(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    url: { type: 'string' },
    user: { type: 'string' },
    ca: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }

  const options: PasswdOptions = {
    origin: parseServerUrl(values.url),
    user: values.user ?? userInfo().username,
    ca: values.ca === undefined ? undefined : await readCa(values.ca),
    json: values.json === true,
  };
  if (options.user === '') throw new CliUsageError('--user must not be empty');
  if (options.ca !== undefined && options.origin.protocol !== 'https:') {
    throw new CliUsageError('--ca is only for https:// URLs');
  }
  return changeOverWeb(options);
}

async function changeOverWeb(options: PasswdOptions): Promise<number> {
  const http = new HttpClient({
    origin: options.origin,
    ...(options.ca !== undefined && { ca: options.ca }),
  });
  try {
    // The server is reached before any password is asked for.
    const form = await fetchLoginForm(http);
    if (process.stdin.isTTY === true) {
      process.stderr.write(`Changing the password of ${options.user} at ${http.origin}\n`);
    }
    const change = await readPasswordChange(processConsole(), options.user);
    return report(await changeWithForm(http, form, options.user, change), options);
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    process.stderr.write(`kerbside passwd: ${err.message}\n`);
    return err.exitStatus;
  } finally {
    http.close();
  }
}

/** Steps 2 to 5 of the documented flow. */
async function changeWithForm(
  http: HttpClient,
  firstForm: LoginForm,
  user: string,
  change: PasswordChange,
): Promise<ServerResult> {
  let login = await casLogin(http, firstForm, user, change.oldPassword);
  if (!login.ok && reasonOf(login.result.body) === 'login_ticket_invalid') {
    // The ticket expired while the passwords were typed: one more try with a fresh form.
    login = await casLogin(http, await fetchLoginForm(http), user, change.oldPassword);
  }
  if (!login.ok) return login.result;
  const tgc = login.value;

  const check = await loginCheck(http, tgc);
  if (!check.ok) {
    await logOut(http, undefined, tgc);
    return check.result;
  }

  try {
    return await modifySelfPassword(http, check.value, change);
  } finally {
    await logOut(http, check.value, tgc);
  }
}

function report(result: ServerResult, options: PasswdOptions): number {
  const status = exitStatusOf(result.body);
  if (options.json) {
    process.stdout.write(`${result.json}\n`);
    return status;
  }
  const text = `${describeResult(result.body, options.user).join('\n')}\n`;
  (status === 0 ? process.stdout : process.stderr).write(text);
  return status;
}

/** The server's origin; plain HTTP only on loopback, where no one else can listen in. */
function parseServerUrl(text: string | undefined): URL {
  if (text === undefined) throw new CliUsageError('--url URL is required (see --help)');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(`--url: not a URL: '${text}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliUsageError('--url must start with https:// (or http:// on loopback)');
  }
  if (url.username !== '' || url.password !== '') {
    throw new CliUsageError('--url must not contain a user name or password');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new CliUsageError(`--url is the server's address only, e.g. ${url.origin}`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname.replace(/^\[|\]$/g, ''))) {
    throw new CliUsageError(
      `refusing to send passwords over plain HTTP to ${url.hostname}: use https://`,
    );
  }
  return url;
}

async function readCa(file: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new CliUsageError(`--ca: cannot read ${file} (${String(code ?? err)})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CliUsageError(`--ca: ${file} holds no PEM certificate`);
  }
  return pem;
}
