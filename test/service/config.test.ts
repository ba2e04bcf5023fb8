/**
 * ServiceConfig: defaults, the file's `service` section, environment variables, and clear
 * errors for anything unknown or out of range.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  DEFAULT_CONFIG,
  ServiceConfigError,
  loadServiceConfig,
  resolveServiceConfig,
} from '../../src/service/config.js';

test('no file and no environment: the defaults', async () => {
  assert.deepEqual(await loadServiceConfig(undefined, {}), DEFAULT_CONFIG);
  assert.equal(DEFAULT_CONFIG.policy.minLength, 8);
  assert.equal(DEFAULT_CONFIG.policy.maxLength, 64);
  assert.equal(DEFAULT_CONFIG.policy.minKinds, 4);
});

test(
  'the file service section overrides the ' + 'defaults, the environment overrides the file',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kerbside-config-'));
    try {
      const file = join(dir, 'kerbside.json');
      const json = {
        service: {
          remindDays: 3,
          allowedServices: ['https://app.example:8443/web/cas_security_check.htm?x=1'],
          policy: { minLength: 10 },
        },
      };
      await writeFile(file, JSON.stringify(json));
      const config = await loadServiceConfig(file, {
        KERBSIDE_REMIND_DAYS: '5',
        KERBSIDE_POLICY_MIN_KINDS: '3',
        KERBSIDE_PUBLIC_BASE_URL: 'https://kerbside.example:28443/',
        KERBSIDE_TRUST_PROXY: 'true',
      });
      assert.equal(config.remindDays, 5);
      assert.deepEqual(config.allowedServices, [
        'https://app.example:8443/web/cas_security_check.htm',
      ]);
      assert.equal(config.policy.minLength, 10);
      assert.equal(config.policy.minKinds, 3);
      assert.equal(config.policy.maxLength, 64);
      assert.equal(config.publicBaseUrl, 'https://kerbside.example:28443');
      assert.equal(config.trustProxy, true);
    } finally {
      await rm(dir, { recursive: true });
    }
  },
);

test('unknown keys and bad values are errors that name the key', () => {
  const cases: Array<[unknown, Record<string, string>, RegExp]> = [
    [{ remindDay: 3 }, {}, /service\.remindDay: unknown key/],
    [{ policy: { minLen: 3 } }, {}, /service\.policy\.minLen: unknown key/],
    [{ remindDays: -1 }, {}, /service\.remindDays: expected an integer/],
    [{ remindDays: '3' }, {}, /service\.remindDays/],
    [{ secureCookies: 'sometimes' }, {}, /expected one of auto, always, never/],
    [{ publicBaseUrl: 'https://x.example/path' }, {}, /publicBaseUrl: expected null or an origin/],
    [{ allowedServices: ['ftp://x'] }, {}, /allowedServices\[0\]/],
    [{ policy: { minLength: 20, maxLength: 10 } }, {}, /minLength is greater than maxLength/],
    [{}, { KERBSIDE_REMIND_DAYS: 'soon' }, /KERBSIDE_REMIND_DAYS: expected an integer/],
    [{}, { KERBSIDE_TRUST_PROXY: 'yes' }, /KERBSIDE_TRUST_PROXY: expected true or false/],
    ['text', {}, /service: expected an object/],
  ];
  for (const [section, env, message] of cases) {
    assert.throws(
      () => resolveServiceConfig(section, env),
      (err: unknown) => {
        assert.ok(err instanceof ServiceConfigError);
        assert.match(err.message, message);
        return true;
      },
    );
  }
});

test('a file that is not JSON is a clear error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kerbside-config-'));
  try {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{ service: ');
    await assert.rejects(loadServiceConfig(file, {}), /bad\.json: not valid JSON/);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a misspelt KERBSIDE_ variable or top-level section is refused, not ignored', async () => {
  assert.throws(
    () => resolveServiceConfig({}, { KERBSIDE_REMIND_DAY: '5' }),
    (err: unknown) =>
      err instanceof ServiceConfigError && /KERBSIDE_REMIND_DAY\b/.test(err.message),
  );
  assert.doesNotThrow(() =>
    resolveServiceConfig({}, { KERBSIDE_LISTEN: '127.0.0.1:1', KERBSIDE_CONFIG: 'x.json' }),
  );

  const dir = await mkdtemp(join(tmpdir(), 'kerbside-config-'));
  try {
    const file = join(dir, 'typo.json');
    await writeFile(file, JSON.stringify({ servce: { remindDays: 3 } }));
    await assert.rejects(loadServiceConfig(file, {}), /typo\.json: servce: unknown key/);
  } finally {
    await rm(dir, { recursive: true });
  }
});
