import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { kdcAddresses, kpasswdAddresses, loadKrb5Config } from '../../src/krb5/config/index.js';
import {
  TestRealmError,
  kadminArg,
  startRealm,
  type TestRealm,
} from '../../src/testrealm/index.js';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Passwords that only an exact path through kadmin's line parser keeps intact. */
const TRICKY: Record<string, string> = {
  spaces: '  leading, inner  and trailing  ',
  quotes: '"quoted" in"side" and "',
  nonAscii: 'Grüße Jürgen, ça va? 漢字 😀',
  long200: 'abcdefghij'.repeat(19) + ' 123456 "',
  long1000: 'The quick brown fox jumps over the lazy dog. '.repeat(22).slice(0, 1000),
};

describe('a throwaway realm', () => {
  let realm: TestRealm;
  before(async () => {
    realm = await startRealm({ realm: 'THROWAWAY.TEST' });
  });
  after(async () => {
    await realm?.stop();
  });

  it('listens on loopback ports named in its own krb5.conf', async () => {
    for (const port of [realm.kdcPort, realm.kadminPort, realm.kpasswdPort]) {
      assert.ok(await accepts(port), `port ${port}`);
    }
    assert.equal(realm.env.KRB5_CONFIG, realm.krb5ConfPath);
    assert.equal(realm.env.TZ, 'UTC');
    for (const key of ['KRB5_KDC_PROFILE', 'KRB5CCNAME', 'KRB5RCACHEDIR', 'KRB5_KTNAME']) {
      assert.ok(realm.env[key]!.includes(realm.dir), key);
    }

    const cfg = await loadKrb5Config(realm.env);
    assert.equal(cfg.defaultRealm, 'THROWAWAY.TEST');
    assert.deepEqual(kdcAddresses(cfg, realm.realm), [{ host: '127.0.0.1', port: realm.kdcPort }]);
    assert.deepEqual(kpasswdAddresses(cfg, realm.realm), [
      { host: '127.0.0.1', port: realm.kpasswdPort },
    ]);
    const kdcConf = readFileSync(realm.env.KRB5_KDC_PROFILE!, 'utf8');
    assert.doesNotMatch(kdcConf.replaceAll('127.0.0.1:', ''), /\d+\.\d+\.\d+\.\d+:/);
  });

  it('has kadmin/changepw, made by kdb5_util', async () => {
    const list = await realm.kadmin(['listprincs']);
    assert.match(list, /^kadmin\/changepw@THROWAWAY\.TEST$/m);
    assert.match(list, /^krbtgt\/THROWAWAY\.TEST@THROWAWAY\.TEST$/m);
  });

  it('adds principals with all four AES keys and pre-authentication', async () => {
    await realm.addPrincipal('plain', 'Plain password 1');
    const keys = await realm.exportKeys('plain');
    assert.deepEqual(keys.map((k) => k.key.keytype).sort(), [17, 18, 19, 20]);
    assert.ok(keys.every((k) => k.kvno === 1 && k.realm === 'THROWAWAY.TEST'));
    assert.ok(keys.every((k) => k.principal.nameString.join('/') === 'plain'));
    assert.match(await realm.kadmin(['getprinc plain']), /Attributes: REQUIRES_PRE_AUTH$/m);
  });

  it('adds policies and must-change principals that keep pre-authentication', async () => {
    await realm.addPolicy('strict', {
      minLength: 8,
      minClasses: 2,
      history: 2,
      minLife: '0 seconds',
      maxFailure: 3,
      failureCountInterval: '10 minutes',
      lockoutDuration: '5 minutes',
    });
    const pol = await realm.kadmin(['getpol strict']);
    assert.match(pol, /Minimum password length: 8/);
    assert.match(pol, /Minimum number of password character classes: 2/);
    assert.match(pol, /Number of old keys kept: 2/);
    assert.match(pol, /Maximum password failures before lockout: 3/);

    await realm.addPrincipal('newbie', 'Initial pw 1', {
      policy: 'strict',
      needChange: true,
      pwExpireNow: true,
    });
    const info = await realm.kadmin(['getprinc newbie']);
    assert.match(info, /Attributes: REQUIRES_PRE_AUTH REQUIRES_PWCHANGE$/m);
    assert.match(info, /Policy: strict$/m);
    assert.doesNotMatch(info, /Password expiration date: \[never\]/);
  });

  it('reports kadmin failures without echoing the password', async () => {
    await assert.rejects(
      realm.addPrincipal('plain', 'another Secret 9'),
      (err: unknown) =>
        err instanceof TestRealmError &&
        /already exists while creating "plain@THROWAWAY.TEST"/.test(err.message),
    );
    await assert.rejects(
      realm.addPrincipal('weak', 'abc', { policy: 'strict' }),
      (err: unknown) => err instanceof TestRealmError && !err.message.includes('abc'),
    );
    await assert.rejects(realm.kadmin(['getprinc nobody']), /Principal does not exist/);
    await assert.rejects(realm.kadmin(['!id']), /cannot start with "!"/);
    await assert.rejects(realm.addPrincipal('x', 'two\nlines'), /line break/);
  });

  it('sets passwords exactly, as MIT kinit (password on stdin) shows', async () => {
    for (const [name, password] of Object.entries(TRICKY)) {
      await realm.addPrincipal(name, password);
      assert.equal(await realm.kinit(name, password), true, name);
      assert.equal(await realm.kinit(name, password.trim()), password.trim() === password, name);
    }
    await realm.setPassword('plain', TRICKY.quotes!);
    assert.equal(await realm.kinit('plain', TRICKY.quotes!), true);
    assert.equal(await realm.kinit('plain', 'Plain password 1'), false);
    const keys = await realm.exportKeys('plain');
    assert.ok(keys.every((k) => k.kvno === 2));
  });

  it('quotes kadmin arguments the way its parser reads them', () => {
    assert.equal(kadminArg(' a "b" '), '" a ""b"" "');
    assert.equal(kadminArg(''), '""');
    assert.throws(() => kadminArg('a\nb'), TestRealmError);
  });
});

describe('stopping a realm', () => {
  it('stops the servers and removes a temporary folder', async () => {
    const realm = await startRealm();
    const ports = [realm.kdcPort, realm.kadminPort, realm.kpasswdPort];
    await realm.stop();
    for (const port of ports) assert.equal(await accepts(port), false);
    assert.equal(existsSync(realm.dir), false);
    await realm.stop();
  });

  it("keeps a caller's folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kerbside-keep-'));
    try {
      const realm = await startRealm({ dir, realm: 'KEPT.TEST' });
      await realm.stop();
      assert.ok(existsSync(join(dir, 'kdc.conf')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs two realms side by side', async () => {
    const [a, b] = await Promise.all([
      startRealm({ realm: 'A.TEST' }),
      startRealm({ realm: 'B.TEST' }),
    ]);
    try {
      assert.notEqual(a.kdcPort, b.kdcPort);
      await a.addPrincipal('u', 'pw for a');
      await b.addPrincipal('u', 'pw for b');
      assert.equal(await a.kinit('u', 'pw for a'), true);
      assert.equal(await b.kinit('u', 'pw for a'), false);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('no server outlives the process that started it', () => {
  const entry = fileURLToPath(new URL('../../src/testrealm/index.ts', import.meta.url));

  async function childRealm(ending: string): Promise<{ pids: number[]; dir: string }> {
    const script = `
      import { startRealm } from ${JSON.stringify(entry)};
      const realm = await startRealm();
      const { readdirSync, readFileSync } = await import('node:fs');
      const pids = readdirSync('/proc').filter((d) => /^\\d+$/.test(d)).filter((d) => {
        try {
          const stat = readFileSync('/proc/' + d + '/stat', 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(process.pid);
        } catch { return false; }
      }).map(Number);
      process.stdout.write(JSON.stringify({ pids, dir: realm.dir }) + '\\n');
      ${ending}
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    return JSON.parse(out.trim()) as { pids: number[]; dir: string };
  }

  it('on a normal exit without stop()', async () => {
    const { pids, dir } = await childRealm('process.exit(0);');
    try {
      assert.equal(pids.length, 2);
      assert.ok(await eventually(() => pids.every((p) => !alive(p))), `still alive: ${pids}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the process is killed with SIGKILL', async (t) => {
    if (!existsSync('/usr/bin/setpriv') && !existsSync('/bin/setpriv')) {
      t.skip('needs setpriv (util-linux) for the parent-death signal');
      return;
    }
    const { pids, dir } = await childRealm("process.kill(process.pid, 'SIGKILL');");
    try {
      assert.equal(pids.length, 2);
      assert.ok(await eventually(() => pids.every((p) => !alive(p))), `still alive: ${pids}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
