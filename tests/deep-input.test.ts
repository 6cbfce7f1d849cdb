// Input nested far deeper than any memo (60,000 emphasis marks, 10,000 nested HTML elements) is
// refused at its file and line in bounded time: in `build`, in `build --watch` and in the dev
// server's overlay; never a stack trace, nothing written.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { startDevServer } from '../src/pipeline/dev.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

const browser = new BrowserGateway();
afterAll(() => browser.close());

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
