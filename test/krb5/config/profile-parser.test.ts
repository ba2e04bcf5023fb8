import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Profile, parseProfile, type ProfileFileSystem } from '../../../src/krb5/config/index.js';
import { ConfigError } from '../../../src/krb5/errors.js';

function profile(...texts: string[]): Profile {
  return new Profile(texts.map((t) => parseProfile(t)));
}

describe('parseProfile', () => {
  it('reads sections, repeated tags and nested subsections', () => {
    const p = profile(`[realms]
  R = {
    kdc = a
    kdc = b:99
    nested = {
      deep = yes
    }
  }
[libdefaults]
  default_realm = R
`);
    assert.deepEqual(p.values(['realms', 'R', 'kdc']), ['a', 'b:99']);
    assert.deepEqual(p.values(['realms', 'R', 'nested', 'deep']), ['yes']);
    assert.equal(p.value(['libdefaults', 'default_realm']), 'R');
    assert.deepEqual(p.sectionNames(['realms']), ['R']);
  });

  it('ignores comment lines starting with # or ; and keeps text after a value', () => {
    const p = profile(`[a]
  # comment = no
  ; also = no
x = 1 # not a comment in MIT's format
`);
    assert.deepEqual(p.values(['a', 'also']), []);
    assert.deepEqual(p.values(['a', 'x']), ["1 # not a comment in MIT's format"]);
  });

  it('ignores lines before the first section header', () => {
    const p = profile('junk without equals\nx = 1\n[a]\ny = 2\n');
    assert.deepEqual(p.values(['a', 'y']), ['2']);
    assert.equal(p.files[0]!.relations.size, 0);
  });

  it('tolerates CRLF, tabs, spaces around = and trailing blanks', () => {
    const p = profile('[a]\r\n\t  k\t=\t v w  \r\n  R =\r\n\r\n  {  \r\n  kdc=h:1\r\n }\r\n');
    assert.deepEqual(p.values(['a', 'k']), ['v w']);
    assert.deepEqual(p.values(['a', 'R', 'kdc']), ['h:1']);
  });

  it('accepts "tag =" with the brace on a later line', () => {
    const p = profile('[realms]\nR =\n# why not\n{\nkdc = x\n}\n');
    assert.deepEqual(p.values(['realms', 'R', 'kdc']), ['x']);
  });

  it('decodes double-quoted values with escapes', () => {
    const p = profile('[a]\nq = "  spaced\\tt\\n\\"x\\\\"  ignored\n');
    assert.deepEqual(p.relations(['a', 'q']), [
      { value: '  spaced\tt\n"x\\', quoted: true, final: false },
    ]);
  });

  it('merges a section repeated in the same file', () => {
    const p = profile('[a]\nx = 1\n[b]\ny = 2\n[a]\nx = 3\n');
    assert.deepEqual(p.values(['a', 'x']), ['1', '3']);
  });

  it('takes values from earlier files first and stops at final sections and tags', () => {
    const first = '[libdefaults]\nclockskew = 1\n[realms]\nR = {\nkdc = first\n}\n';
    const second =
      '[libdefaults]\nclockskew = 2\n[realms]\nR = {\nkdc = second\n}\nS = {\nkdc = s\n}\n';
    assert.deepEqual(profile(first, second).values(['realms', 'R', 'kdc']), ['first', 'second']);
    assert.equal(profile(first, second).value(['libdefaults', 'clockskew']), '1');

    const finalSection = '[realms]*\nR = {\nkdc = first\n}\n';
    assert.deepEqual(profile(finalSection, second).values(['realms', 'R', 'kdc']), ['first']);
    assert.deepEqual(profile(finalSection, second).sectionNames(['realms']), ['R']);

    const finalSub = '[realms]\nR* = {\nkdc = first\n}\n';
    assert.deepEqual(profile(finalSub, second).values(['realms', 'R', 'kdc']), ['first']);
    const finalBrace = '[realms]\nR = {\nkdc = first\n}*\n';
    assert.deepEqual(profile(finalBrace, second).values(['realms', 'R', 'kdc']), ['first']);
    const finalTag = '[realms]\nR = {\nkdc* = first\n}\n';
    assert.deepEqual(profile(finalTag, second).values(['realms', 'R', 'kdc']), ['first']);
    assert.deepEqual(profile(finalTag, second).sectionNames(['realms']), ['R', 'S']);
  });

  it('reports syntax errors with the source and line', () => {
    const bad: Array<[string, RegExp]> = [
      ['[a]\nno equals sign\n', /:2: expected "tag = value"/],
      ['[a]\nx = {\n[b]\n', /:3: section header inside/],
      ['[a]\n}\n', /:2: "}" without a matching "{"/],
      ['[a\n', /:1: section header without "]"/],
      ['[a] junk\n', /:1: unexpected text after section header/],
      ['[a]\nt u = v\n', /:2: a tag cannot contain spaces/],
      ['[a]\nx =\ny = 1\n', /:3: expected "{"/],
      ['[a]\n = v\n', /:2: expected "tag = value"/],
    ];
    for (const [text, pattern] of bad) {
      assert.throws(
        () => parseProfile(text, { source: 'f.conf' }),
        (err: unknown) => err instanceof ConfigError && pattern.test(err.message),
        text,
      );
    }
  });

  it('follows include and includedir through the given file system', () => {
    const files: Record<string, string> = {
      '/inc/one.conf': '[realms]\nONE = {\nkdc = one\n}\n',
      '/d/a-b_1': '[realms]\nDIR1 = {\nkdc = d1\n}\n',
      '/d/z.conf': '[realms]\nDIR2 = {\nkdc = d2\n}\n',
      '/d/.hidden.conf': '[realms]\nHIDDEN = {\nkdc = no\n}\n',
      '/d/x.conf.bak': '[realms]\nBAK = {\nkdc = no\n}\n',
      '/d/has.dot': '[realms]\nDOT = {\nkdc = no\n}\n',
    };
    const fs: ProfileFileSystem = {
      readFile: (p) => {
        const text = files[p];
        if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
        return text;
      },
      readDir: (d) =>
        Object.keys(files)
          .filter((p) => p.startsWith(`${d}/`))
          .map((p) => p.slice(d.length + 1)),
    };
    // The include sits inside a section: the included file starts afresh, and the lines after
    // the directive still belong to the section that was open before it.
    const main = '[realms]\nMAIN = {\nkdc = m\n}\ninclude /inc/one.conf\nincludedir /d/\n';
    const p = new Profile([parseProfile(main, { fs })]);
    assert.deepEqual(p.sectionNames(['realms']), ['MAIN', 'ONE', 'DIR1', 'DIR2']);

    assert.throws(
      () => parseProfile('include /inc/missing.conf\n', { fs, source: 'm' }),
      /m:1: cannot read included file \/inc\/missing.conf \(ENOENT\)/,
    );
    assert.throws(() => parseProfile('include /x\n'), ConfigError);
    const loop = { ...fs, readFile: () => 'include /self\n' };
    assert.throws(() => parseProfile('include /self\n', { fs: loop }), /nested deeper/);
  });

  it('only recognises include directives at the start of a line', () => {
    const p = profile('[a]\n  include = /not/a/directive\n');
    assert.deepEqual(p.values(['a', 'include']), ['/not/a/directive']);
  });
});
