// Input nested far deeper than any memo (60,000 emphasis marks, 10,000 nested HTML elements) is
// refused at its file and line in bounded time: in `build`, in `build --watch` and in the dev
// server's overlay; never a stack trace, nothing written.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckAt } from '../src/core/deck-folder.ts';
import { startDevServer } from '../src/pipeline/dev.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

/** A deck whose memo has, at line 9 (a paragraph's second line), this text. */
function deckWith(deep: string, name = 'deep'): string {
  const dir = path.join(tempDir(), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'memo.md'), `---\ntitle: A memo\nlanguage: en\n---\n\n## Findings\n\nThe first finding is here.\n${deep}\n\nA last sentence.\n`);
  return dir;
}

const N = 60_000;
const DEEP_EMPHASIS: Record<string, string> = {
  '*': `${'*'.repeat(N)}text${'*'.repeat(N)}`,
  _: `${'_'.repeat(N)}text${'_'.repeat(N)}`,
  '**': `${'**'.repeat(N)}text${'**'.repeat(N)}`,
};

function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+[:(]\d+/m);
  expect(stderr).not.toContain('a bug in briefdeck');
  expect(stderr).not.toContain('Maximum call stack');
}

describe('deeply nested emphasis in memo.md', () => {
  for (const [marker, text] of Object.entries(DEEP_EMPHASIS)) {
    it(`"${marker}" nested thousands deep is an error at its line, nothing built`, async () => {
      const dir = deckWith(text);
      const out = tempDir();
      const result = await runCli('build', dir, '--no-pdf', '--out', out);
      expectNoTrace(result.stderr);
      expect(result.stderr).toMatch(/memo\.md:9: error: emphasis, bold, strikethrough or links nest more than 32 levels deep.*\[inline-nesting\]/);
      expect(result.code).toBe(1);
      expect(readdirSync(out)).toEqual([]);
    }, 60_000);
  }

  it('a line of 120,000 tildes (an unclosed fence) is named by its length, not quoted whole', async () => {
    const result = await runCli('build', deckWith('~'.repeat(2 * N)), '--no-pdf', '--out', tempDir());
    expectNoTrace(result.stderr);
    expect(result.stderr).toMatch(/memo\.md:9: error: the ~~~… \(120,000 "~"\) fence opened here is never closed/);
    expect(result.stderr.length).toBeLessThan(1000);
    expect(result.code).toBe(1);
  }, 60_000);

  it('emphasis nested as deep as the limit still builds', async () => {
    const dir = deckWith(`${'*'.repeat(62)}deep text${'*'.repeat(62)}`);
    const result = await runCli('build', dir, '--no-pdf', '--out', tempDir());
    expectNoTrace(result.stderr);
    expect(result.code).toBe(0);
  }, 60_000);

  it('build --watch reports it at its line and goes on watching', async () => {
    const dir = deckWith('Plain text.', 'watched');
    const out = tempDir();
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'build', dir, '--no-pdf', '--out', out, '--watch'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (what: RegExp) => {
      const started = Date.now();
      while (!what.test(stderr)) {
        if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await waitFor(/up to date in/);
      writeFileSync(path.join(dir, 'memo.md'), `---\ntitle: A memo\nlanguage: en\n---\n\n## Findings\n\nThe first finding is here.\n${DEEP_EMPHASIS['*']}\n`);
      await waitFor(/memo\.md:9: error: emphasis, bold, strikethrough or links nest more than 32 levels deep/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expectNoTrace(stderr);
    expect(existsSync(path.join(out, 'watched/index.html'))).toBe(true);
  }, 90_000);

  it("the dev server's overlay names the file and line", async () => {
    const dir = deckWith(DEEP_EMPHASIS['_']!);
    const dev = await startDevServer(deckAt(dir), browser, 0);
    const page = await (await browser.get()).newPage();
    try {
      await page.goto(dev.url, { waitUntil: 'load' });
      await page.waitForFunction(() => !!document.querySelector('vite-error-overlay'), { timeout: 30_000 });
      const message = await page.evaluate(() => document.querySelector('vite-error-overlay')!.shadowRoot!.textContent ?? '');
      expect(message).toContain('memo.md:9');
      expect(message).toContain('nest more than 32 levels deep');
      expect(message).not.toContain('Maximum call stack');
    } finally {
      await page.close();
      await dev.close();
    }
  }, 90_000);
});

describe('deeply nested input to import', () => {
  const page = (inner: string) => `<!doctype html><html><head><title>A memo</title></head><body><article>\n<h1>A memo</h1>\n<h2>Findings</h2>\n<p>The first finding is here. It has a second sentence.</p>\n${inner}\n</article></body></html>\n`;

  for (const n of [10_000, 110_000]) {
    it(`a web page of ${n.toLocaleString('en')} nested <div> is an error naming the file and line, nothing written`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'deep.html');
      writeFileSync(file, page(`${'<div>'.repeat(n)}<p>Deep text.</p>${'</div>'.repeat(n)}`));
      const out = path.join(dir, 'out');
      const result = await runCli('import', file, '--out', out);
      expectNoTrace(result.stderr);
      expect(result.stderr).toMatch(/deep\.html:5: error: elements of the page nest more than 200 levels deep here.*\[import-too-deep\]/);
      expect(result.code).toBe(1);
      expect(existsSync(out)).toBe(false);
    }, 120_000);
  }

  it('a Markdown memo with 60,000 nested emphasis marks is an error at its line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'deep.md');
    writeFileSync(file, `# A memo\n\n## Findings\n\nThe first finding is here.\n\n${DEEP_EMPHASIS['*']}\n`);
    const result = await runCli('import', file, '--out', path.join(dir, 'out'));
    expectNoTrace(result.stderr);
    expect(result.stderr).toMatch(/deep\.md:7: error: emphasis, links, lists or quotes nest more than 200 levels deep here/);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  }, 60_000);

  it('a Markdown memo with quotes or lists nested past the reader\'s limit is an error at its line (the reader drops what is deeper)', async () => {
    const dir = tempDir();
    for (const [name, deep] of [['quotes', `${'> '.repeat(60_000)}q.`], ['lists', Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')]] as const) {
      const file = path.join(dir, `${name}.md`);
      writeFileSync(file, `# A memo\n\nThe first finding is here.\n\n${deep}\n`);
      const result = await runCli('import', file, '--out', path.join(dir, name));
      expectNoTrace(result.stderr);
      expect(result.stderr, name).toMatch(new RegExp(`${name}\\.md:\\d+: error: emphasis, links, lists or quotes nest more than 100 levels deep here.*\\[import-too-deep\\]`));
      expect(result.stderr, name).not.toMatch(/import-lost|report the document/);
      expect(result.code).toBe(1);
      expect(existsSync(path.join(dir, name))).toBe(false);
    }
    // As deep as a memo goes: read whole.
    const file = path.join(dir, 'ok.md');
    writeFileSync(file, `# A memo\n\nThe first finding is here.\n\n${'> '.repeat(20)}A quote twenty deep.\n`);
    expect((await runCli('import', file, '--out', path.join(dir, 'ok'))).code).toBe(0);
  }, 60_000);

  it('a page nested 150 deep, with end tags a page may leave out (1,000 <li> and <p>, table cells), still imports whole', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'page.html');
    const items = Array.from({ length: 1000 }, (_, i) => `<li>Item ${i} is listed here`).join('\n');
    const paras = Array.from({ length: 1000 }, (_, i) => `<p>Paragraph ${i} says one thing.`).join('\n');
    const cells = Array.from({ length: 300 }, (_, i) => `<tr><td>Cell ${i}<td>Value ${i}`).join('\n');
    writeFileSync(file, page(`<ul>\n${items}\n</ul>\n${paras}\n<table>${cells}</table>\n${'<div>'.repeat(150)}<p>The deepest sentence is here.</p>${'</div>'.repeat(150)}`));
    const out = path.join(dir, 'out');
    const result = await runCli('import', file, '--out', out);
    expectNoTrace(result.stderr);
    expect(result.code).toBe(0);
    const memo = readFileSync(path.join(out, 'memo.md'), 'utf8');
    expect(memo).toContain('The deepest sentence is here.');
    expect(memo).toContain('Paragraph 999 says one thing.');
  }, 120_000);
});
