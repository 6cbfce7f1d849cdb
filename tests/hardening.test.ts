// Hostile and everyday-but-unusual input, as a user meets it: every case ends in a complete deck
// or in a clear message at its file and line (exit 1, 2 for usage), never a stack trace, and a
// failure leaves the previous outputs exactly as they were.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDeck } from '../src/pipeline/compile.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { DiagramRenderer } from '../src/diagrams/render.ts';
import { missingSentences, slidesText } from '../src/model/fidelity.ts';
import { loadTheme } from '../src/model/theme.ts';
import { BUNDLED_DECK, ROOT, build, copyDeck, openDeck, runCli, serve, snapshot, spawnCli, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

/** A deck folder holding this memo (and deck.yaml, if given). */
function deckWith(memo: string | Buffer, deckYaml?: string, name = 'deck'): string {
  const dir = path.join(tempDir(), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'memo.md'), memo);
  if (deckYaml !== undefined) writeFileSync(path.join(dir, 'deck.yaml'), deckYaml);
  return dir;
}

const memo = (body: string, front = 'title: A memo\nlanguage: en') => `---\n${front}\n---\n\n${body}`;
const SIMPLE = '## Findings\n\nThe first finding is here. It has a second sentence.\n';

/** No JavaScript stack in what the user reads. */
function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+[:(]\d+/m);
  expect(stderr).not.toContain('a bug in briefdeck');
}

/** Runs the CLI; expects a failure at `file:line` with this code. */
async function expectError(args: string[], where: RegExp, code = 1, env: Record<string, string> = {}): Promise<string> {
  const result = await (Object.keys(env).length > 0 ? spawnCli(env) : runCli)(...args);
  expectNoTrace(result.stderr);
  expect(result.stderr).toMatch(where);
  expect(result.code).toBe(code);
  return result.stderr;
}

/** Compiles a deck and returns its slides' sentence coverage (what the build promises). */
async function coverage(dir: string): Promise<{ missing: string[]; slides: number }> {
  const renderer = new DiagramRenderer(browser, loadTheme());
  try {
    const compiled = await compileDeck(deckAt(dir), renderer);
    return { missing: missingSentences(compiled.memo, slidesText(compiled.slides)).map((s) => s.text), slides: compiled.slides.length };
  } finally {
    await renderer.close();
  }
}

describe('configuration is validated, at its line', () => {
  it('an unknown deck.yaml key (a typo) is an error naming it and the known keys', async () => {
    const dir = deckWith(memo(SIMPLE), 'meta:\n  series: "X #1"\nlables:\n  The first: First\n');
    const stderr = await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /deck\.yaml:3: error: unknown key "lables" in deck\.yaml \[deck-config-key\]/);
    expect(stderr).toContain('known keys here: labels, meta, limits');
  });

  for (const [value, why] of [['-1', 'greater than 0'], ['0', 'greater than 0'], ['.inf', 'finite number'], ['.nan', 'finite number'], ['"big"', 'finite number']]) {
    it(`a limit of ${value} is an error at its line`, async () => {
      const dir = deckWith(memo(SIMPLE), `# limits\nlimits:\n  maxBodyLines: 10\n  minFontPx: ${value}\n`);
      await expectError(['build', dir, '--no-pdf', '--out', tempDir()], new RegExp(`deck\\.yaml:4: error: "limits\\.minFontPx": must be .*${why}`));
    });
  }

  it('a blank title, an unknown front matter key and a language that is no language tag are errors at their lines', async () => {
    const dir = deckWith(memo(SIMPLE, 'title: "  "\nlanguage: __proto__\nauthor: Someone'));
    const stderr = await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md:2: error: "title": must not be blank/);
    expect(stderr).toMatch(/memo\.md:3: error: "language": must be a language tag/);
    expect(stderr).toMatch(/memo\.md:4: error: unknown key "author" in front matter/);
  });

  it('language: constructor is no lookup key either', async () => {
    const dir = deckWith(memo(SIMPLE, 'title: T\nlanguage: constructor'));
    await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md:3: error: "language": must be a language tag/);
  });

  it('a YAML alias bomb in the front matter or deck.yaml is refused at once', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    await expectError(['build', deckWith(memo(SIMPLE, `title: T\n${bomb}`)), '--no-pdf', '--out', tempDir()], /memo\.md:\d+: error: front matter cannot be read: .*alias/i);
    await expectError(['build', deckWith(memo(SIMPLE), bomb), '--no-pdf', '--out', tempDir()], /deck\.yaml:\d+: error: deck\.yaml cannot be read: .*alias/i);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('deck.yaml that is a list, or meta that is not a mapping, is an error', async () => {
    await expectError(['build', deckWith(memo(SIMPLE), '- a\n- b\n'), '--no-pdf', '--out', tempDir()], /deck\.yaml:1: error: deck\.yaml: /);
    await expectError(['build', deckWith(memo(SIMPLE), 'meta: [a, b]\n'), '--no-pdf', '--out', tempDir()], /deck\.yaml:1: error: "meta": /);
  });
});

describe('input as it really comes', () => {
  it('a memo with a UTF-8 byte order mark builds, its front matter read', async () => {
    const dir = deckWith(`\uFEFF${memo(SIMPLE, 'title: With a BOM\nlanguage: en')}`);
    const out = tempDir();
    const { code, stderr } = await runCli('build', dir, '--no-pdf', '--out', out);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(readFileSync(path.join(out, 'deck/index.html'), 'utf8')).toContain('<title>With a BOM</title>');
  });

  it('a memo saved in Shift_JIS is an error at the first line that is not UTF-8, naming the encoding', async () => {
    const text = memo('## 評価\n\n日本語の文である。\n', 'title: 日本語\nlanguage: ja');
    const encoded = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'SHIFT_JIS'], { input: text });
    const stderr = await expectError(['build', deckWith(encoded), '--no-pdf', '--out', tempDir()], /memo\.md:2: error: the file is not UTF-8 \(likely Shift_JIS\) \[memo-encoding\]/);
    expect(stderr).toContain('iconv -f SHIFT_JIS -t UTF-8');
  });

  it('a memo saved in EUC-JP is named as such', async () => {
    const encoded = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'EUC-JP'], { input: memo('## 評価\n\n日本語の文である。\n', 'title: 日本語\nlanguage: ja') });
    await expectError(['build', deckWith(encoded), '--no-pdf', '--out', tempDir()], /memo\.md:2: error: the file is not UTF-8 \(likely EUC-JP\) \[memo-encoding\]/);
  });

  it('memo.md that is a folder is a message, not a trace', async () => {
    const dir = path.join(tempDir(), 'deck');
    mkdirSync(path.join(dir, 'memo.md'), { recursive: true });
    await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md: the memo source is not a file/);
  });
});

describe('user text is data', () => {
  it('a title holding $& $` and $\' is shown literally: the page is not pasted into itself', async () => {
    const title = "Costs $& benefits $` and $' of it";
    const dir = deckWith(memo(SIMPLE, `title: "${title}"\nauthors: ["A $' B"]\nlanguage: en`));
    const built = await build(dir, browser);
    const html = readFileSync(built.html, 'utf8');
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html).toContain(`<title>${title.replace(/&/g, '&amp;')}</title>`);
    // The one-file deck holds as much page as one with a plain title: not the shell twice.
    const oneFile = readFileSync(path.join(built.dir, 'deck.html'), 'utf8');
    const plain = await build(deckWith(memo(SIMPLE, 'title: Costs and benefits\nlanguage: en')), browser);
    const plainOneFile = readFileSync(path.join(plain.dir, 'deck.html'), 'utf8');
    expect(oneFile.match(/<html/g)).toHaveLength(plainOneFile.match(/<html/g)!.length);
    expect(Math.abs(oneFile.length - plainOneFile.length)).toBeLessThan(2_000);
    expect(oneFile).toContain(`<title>${title.replace(/&/g, '&amp;')}</title>`);
  });

  it('an author or title holding a placeholder of the page ({{series}}) is shown as written', async () => {
    const title = 'Plans {{series}} and {{lang}}';
    const built = await build(deckWith(memo(SIMPLE, `title: "${title}"\nauthors: ["A {{series}} B"]\nseries: Memo 9\nlanguage: en`)), browser);
    const html = readFileSync(built.html, 'utf8');
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain('<meta name="author" content="A {{series}} B"');
    expect(html).toContain('<meta name="briefdeck:series" content="Memo 9"');
    expect(html).toContain('<html lang="en"');
  });
});

describe('a build never loses content with exit 0', () => {
  it('items nested three and four levels deep reach the notes; an unreferenced footnote is listed, with a warning', async () => {
    const dir = deckWith(memo('## Points\n\n- Level one.\n  - Level two.\n    - Level three is here.\n      - Level four is here. And its second sentence.\n\nText with a note.[^a]\n\n[^a]: The used note.\n[^b]: The unused note. It has two sentences.\n'));
    const { missing } = await coverage(dir);
    expect(missing).toEqual([]);
    const out = tempDir();
    const { code, stderr } = await runCli('build', dir, '--no-pdf', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/memo\.md:16: warning: the footnote \[\^b\] is never referenced/);
    const html = readFileSync(path.join(out, 'deck/index.html'), 'utf8');
    for (const text of ['Level three is here.', 'Level four is here.', 'And its second sentence.', 'The unused note.']) expect(html).toContain(text);
  });

  it('a list nested 50 levels is an error at its line, not a memo cut short', async () => {
    const list = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- Level ${i + 1}.`).join('\n');
    const dir = deckWith(memo(`## Deep\n\n${list}\n\n## After\n\nThis section comes after.\n`));
    await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md:\d+: error: lists or quotes nest too deeply here.*\[nesting-limit\]/);
  });

  it('a blockquote nested 120 levels is an error at its line', async () => {
    const dir = deckWith(memo(`## Quotes\n\n${'>'.repeat(120)} Deep.\n\n## After\n\nThis section comes after.\n`));
    await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md:8: error: lists or quotes nest too deeply/);
  });

  it('a quoted paragraph and a bullet inside a quote are kept', async () => {
    const dir = deckWith(memo('## Quotes\n\n> A quoted sentence.\n>\n> - A quoted item.\n'));
    expect((await coverage(dir)).missing).toEqual([]);
  });

  it('a 100,000-character paragraph without punctuation is refused at its line before any browser work', async () => {
    const dir = deckWith(memo(`## Long\n\n${'あいうえおかきくけこ'.repeat(10_000)}\n`, 'title: 長い\nlanguage: ja'));
    const started = Date.now();
    await expectError(['build', dir, '--out', tempDir()], /memo\.md:8: error: a sentence of 100,000 characters/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('nothing leaves the machine when a deck is opened', () => {
  for (const src of ['http://example.com/x.png', '//example.com/y.png', 'https://example.com/z.svg']) {
    it(`an image at ${src} is refused at its line`, async () => {
      await expectError(['build', deckWith(memo(`## Images\n\nA picture follows.\n\n![x](${src})\n`)), '--no-pdf', '--out', tempDir()], /memo\.md:10: error: the image ".*" is on another host/);
    });
  }

  it('Mermaid directives that turn on HTML labels or bring in CSS are refused at their line', async () => {
    const fence = (directive: string) => memo(`## D\n\nA diagram.\n\n\`\`\`mermaid\n${directive}\nflowchart LR\n  A --> B\n\`\`\`\n`);
    await expectError(['build', deckWith(fence('%%{init: {"flowchart": {"htmlLabels": true}}}%%')), '--no-pdf', '--out', tempDir()], /memo\.md:11: error: Mermaid diagram: the setting "flowchart\.htmlLabels" is not allowed/);
    await expectError(['build', deckWith(fence("%%{init: {'themeCSS': '.node { background: url(http://example.com/x.png) }'}}%%")), '--no-pdf', '--out', tempDir()], /memo\.md:11: error: Mermaid diagram: the setting "themeCSS" is not allowed/);
    await expectError(['build', deckWith(fence('%%{init: {"themeVariables": {"primaryColor": "url(http://example.com/x)"}}}%%')), '--no-pdf', '--out', tempDir()], /memo\.md:11: error: Mermaid diagram: "themeVariables\.primaryColor" may only be/);
    await expectError(['build', deckWith(memo('## D\n\nA diagram.\n\n```mermaid\n---\nconfig:\n  htmlLabels: true\n---\nflowchart LR\n  A --> B\n```\n')), '--no-pdf', '--out', tempDir()], /memo\.md:11: error: Mermaid diagram: the setting "config\.htmlLabels"/);
  });

  it('a Mermaid node with a remote image is refused', async () => {
    const dir = deckWith(memo('## D\n\nA diagram.\n\n```mermaid\nflowchart LR\n  A@{ img: "https://example.com/x.png", label: "Pic" } --> B\n```\n'));
    await expectError(['build', dir, '--no-pdf', '--out', tempDir()], /memo\.md:12: error: Mermaid diagram: a node with an image/);
  });

  it('a harmless directive (theme, spacing) is allowed, and the deck makes no request outside loopback when opened', async () => {
    const dir = deckWith(memo('## D\n\nA diagram follows.\n\n```mermaid\n%%{init: {"theme": "neutral", "flowchart": {"nodeSpacing": 40}}}%%\nflowchart LR\n  A --> B\n```\n'));
    const built = await build(dir, browser);
    const { url, server } = await serve(built.dir);
    const requests: string[] = [];
    try {
      await browser.withPage(async (page) => {
        page.on('request', (r) => requests.push(r.url()));
        await openDeck(page, url);
      });
    } finally {
      await server.close();
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(url) && !/^(data|blob):/.test(u))).toEqual([]);
  });

  it('check reports a resource from outside the deck as an error at the slide', async () => {
    // What a deck would look like had a remote image got in: check must catch it.
    const built = await build(deckWith(memo(SIMPLE)), browser);
    const file = built.html;
    writeFileSync(file, readFileSync(file, 'utf8').replace('The first finding is here.', 'The first finding is here.<img src="http://example.com/leak.png" alt="">'));
    const { checkBuilt } = await import('../src/check/check.ts');
    const result = await checkBuilt(built.dir, built.deck, browser);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'external-resource', severity: 'error', line: 6 }));
  });
});

describe('one error path: environment problems are messages', () => {
  it('dev and preview with a port that is not a port: usage error, at once', async () => {
    await expectError(['dev', 'asi-policy-memo-4', '--port', 'abc'], /--port <n>.* must be a port number from 1 to 65535, not "abc"/, 2);
    await expectError(['preview', 'asi-policy-memo-4', '--port', '70000'], /--port <n>.* must be a port number/, 2);
  });

  const deck = BUNDLED_DECK;
  const hang = path.join(tempDir(), 'hang.sh');
  writeFileSync(hang, '#!/bin/sh\nexec sleep 300\n');
  chmodSync(hang, 0o755);
  const cases: Array<[string, string, RegExp]> = [
    ['a folder', tempDir(), /the browser configured in BRIEFDECK_BROWSER is not a file/],
    ['a file that is no program', path.join(ROOT, 'package.json'), /the browser configured in BRIEFDECK_BROWSER is not executable/],
    ['a program that exits at once', '/bin/false', /could not start the browser \/bin\/false: it exited before it answered/],
    ['a program that never answers', hang, /could not start the browser .*hang\.sh: it did not answer within 2 s/],
  ];
  for (const [what, browserPath, message] of cases) {
    it(`BRIEFDECK_BROWSER pointing at ${what}`, async () => {
      const out = tempDir();
      await expectError(['pdf', deck, '--out', out], message, 1, { BRIEFDECK_BROWSER: browserPath, BRIEFDECK_BROWSER_TIMEOUT: '2' });
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('leaves no program behind that never answered', () => {
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', hang], { encoding: 'utf8' });
    } catch {
      // none
    }
    expect(left).toBe('');
  });

  it('--out that is a file is a message naming it', async () => {
    const file = path.join(tempDir(), 'dist');
    writeFileSync(file, 'not a folder');
    await expectError(['build', BUNDLED_DECK, '--no-pdf', '--out', file], /error: cannot create the folder .*dist: a file is in the way \(EEXIST\)/);
  });
});

// A small file system of its own: a full disk and a read-only one are real file systems, which
// the tests mount (tmpfs). They run as root, as this project's CI does; elsewhere they fail
// saying why rather than pass unseen.
function mountTmpfs(options: string): string {
  const dir = tempDir('briefdeck-mnt-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`these tests mount a tmpfs of their own and need root (mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`);
  }
  return dir;
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', ['-l', dir]);
});
describe('outputs that cannot be written', () => {
  it('a full disk: a message, and the previous deck and PDFs stay byte for byte', async () => {
    const out = mountTmpfs('size=8m');
    mounted.push(out);
    const dir = copyDeck(BUNDLED_DECK, 'asi-policy-memo-4');
    const first = await runCli('build', dir, '--out', out);
    expect(first.code).toBe(0);
    const before = snapshot(out);
    // Fill what is left, then edit the memo and build again.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${path.join(out, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
    } catch {
      // dd stops with an error when the disk is full: that is the point
    }
    const memoFile = path.join(dir, 'memo.md');
    writeFileSync(memoFile, readFileSync(memoFile, 'utf8').replace('はじめに', 'はじめに（改）'));
    const stderr = await expectError(['build', dir, '--out', out], /no space left on the device \(ENOSPC\)/);
    expect(stderr).not.toContain('Stack backtrace');
    const after = snapshot(out);
    delete after.filler;
    expect(after).toEqual(before);
  });

  it('a read-only file system: a message naming it', async () => {
    const out = mountTmpfs('ro,size=64k');
    mounted.push(out);
    await expectError(['build', BUNDLED_DECK, '--no-pdf', '--out', out], /the file system is read-only \(EROFS\)/);
  });
});

describe('leftovers of killed runs are swept', () => {
  it('staging folders and temporary files of a process that is gone are removed by the next build', async () => {
    const out = tempDir();
    // A process id that is surely not running: a child that has exited.
    const child = spawn('true');
    await new Promise((resolve) => child.on('exit', resolve));
    const dead = child.pid!;
    mkdirSync(path.join(out, `.deck.building-${dead}`));
    mkdirSync(path.join(out, `.deck.old-${dead}`));
    mkdirSync(path.join(out, 'deck'));
    // Another deck's output whose name reads like a leftover is a deck's: it stays.
    const named = `plan.old-${dead}`;
    mkdirSync(path.join(out, named));
    writeFileSync(path.join(out, named, 'index.html'), '<p>another deck</p>');
    writeFileSync(path.join(out, 'deck', `.deck.pdf.${dead}.tmp`), 'half a pdf');
    const live = `.other.building-${process.pid}`;
    mkdirSync(path.join(out, live));
    const { code, stderr } = await runCli('build', deckWith(memo(SIMPLE)), '--no-pdf', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(`removed .deck.building-${dead}`);
    expect(readdirSync(out).sort()).toEqual([live, 'deck', named].sort());
    expect(existsSync(path.join(out, 'deck', `.deck.pdf.${dead}.tmp`))).toBe(false);
  });
});
