/**
 * The result-code table must match src/service/result-codes.ts row for row, in both
 * directions: the table lives in README.md.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { RESULT_CODES, resultCodeRows } from '../../src/service/result-codes.js';

const RESERVED_MARK = ' (reserved: not yet emitted)';

interface DocRow {
  readonly code: number;
  readonly status: number;
  readonly reason: string;
  readonly meaning: string;
  readonly action: string;
  readonly reserved: boolean;
}

function documentPaths(): string[] {
  const root = new URL('../../', import.meta.url);
  const readme = new URL('README.md', root);
  assert.ok(existsSync(readme), 'README.md does not exist');
  return [readme.pathname];
}

/** Rows of the table whose header is `| code | HTTP | reason | meaning | what to do |`. */
function parseTable(path: string): DocRow[] {
  const markdown = readFileSync(path, 'utf8');
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => /^\|\s*code\s*\|\s*HTTP\s*\|\s*reason\s*\|/i.test(l));
  assert.ok(
    header >= 0,
    `${path} has no result-code table (| code | HTTP | reason | meaning | what to do |): ` +
      'the README must list every code',
  );
  const rows: DocRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    assert.equal(cells.length, 5, `five cells in: ${line}`);
    const [code, status, reason, meaning, action] = cells as [
      string,
      string,
      string,
      string,
      string,
    ];
    const reserved = meaning.endsWith(RESERVED_MARK);
    rows.push({
      code: Number(code),
      status: Number(status),
      reason: reason.replace(/^`|`$/g, ''),
      meaning: reserved ? meaning.slice(0, -RESERVED_MARK.length) : meaning,
      action,
      reserved,
    });
  }
  return rows;
}

for (const path of documentPaths()) {
  test(`every code in the code is in ${path}, identically`, () => {
    const rows = parseTable(path);
    for (const [reason, info] of resultCodeRows()) {
      const row = rows.find((r) => r.code === info.code);
      assert.ok(row, `code ${info.code} (${reason}) is missing from the table`);
      assert.deepEqual(row, {
        code: info.code,
        status: info.status,
        reason,
        meaning: info.meaning,
        action: info.action,
        reserved: info.reserved === true,
      });
    }
  });

  test(`every code in the table of ${path} is in the code`, () => {
    const rows = parseTable(path);
    const known = new Set(resultCodeRows().map(([, info]) => info.code));
    for (const row of rows) assert.ok(known.has(row.code), `code ${row.code} is not in the code`);
    assert.equal(rows.length, known.size, 'no row twice');
  });
}

test('codes and names are unique, statuses are HTTP statuses', () => {
  const codes = Object.values(RESULT_CODES).map((info) => info.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const info of Object.values(RESULT_CODES)) {
    assert.ok(info.status >= 200 && info.status <= 599);
  }
});
