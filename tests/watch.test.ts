// `briefdeck build --watch`: every save rebuilds the deck and its handouts with one warm browser;
// a broken save keeps the last good outputs; Ctrl-C leaves nothing running.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DECK, ROOT, copyDeck, snapshot, tempDir } from './helpers.ts';

describe('build --watch', () => {
  it('rebuilds the deck and both PDFs on a save, keeps the last good outputs on a broken one, and ends on Ctrl-C', async () => {
    const deck = copyDeck(BUNDLED_DECK, 'watched');
    const out = tempDir();
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'build', deck, '--out', out, '--watch'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (count: number, what: RegExp) => {
      const started = Date.now();
      while ((stderr.match(new RegExp(what.source, 'g')) ?? []).length < count) {
        if (Date.now() - started > 90_000) throw new Error(`timed out waiting for ${what}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const pdfText = (file: string) => execFileSync('pdftotext', [path.join(out, 'watched', file), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    try {
      await waitFor(1, /up to date in/);
      expect(pdfText('watched.pdf')).not.toContain('監視中の変更');
      const memo = path.join(deck, 'memo.md');
      const original = readFileSync(memo, 'utf8');
      writeFileSync(memo, original.replace('## はじめに', '## はじめに（監視中の変更）'));
      await waitFor(2, /up to date in/);
      expect(pdfText('watched.pdf')).toContain('監視中の変更');
      expect(pdfText('watched-notes.pdf')).toContain('監視中の変更');
      expect(readFileSync(path.join(out, 'watched/index.html'), 'utf8')).toContain('監視中の変更');
      const good = snapshot(path.join(out, 'watched'));
      writeFileSync(memo, original.replace('## はじめに', '## はじめに {.nonsense}'));
      await waitFor(1, /memo\.md:\d+: error: unknown structure marker/);
      await waitFor(1, /the last good outputs stay;/);
      expect(snapshot(path.join(out, 'watched'))).toEqual(good);
      // A save whose build fails after its PDFs were put in place (its PowerPoint template is no
      // PowerPoint file): the PDFs are the new ones, and so is the stamp beside them (what a build
      // without PDFs keeps them by); the deck's page is the last good one.
      writeFileSync(path.join(deck, 'broken.pptx'), 'not a PowerPoint file');
      writeFileSync(path.join(deck, 'deck.yaml'), 'pptx:\n  template: broken.pptx\n');
      writeFileSync(memo, original.replace('## はじめに', '## はじめに（印刷後の失敗）'));
      await waitFor(1, /the last good outputs stay, but for the PDFs printed from this version before it failed;/);
      const after = snapshot(path.join(out, 'watched'));
      expect(pdfText('watched.pdf')).toContain('印刷後の失敗');
      expect(after['.watched.pdf-source']).not.toEqual(good['.watched.pdf-source']);
      expect(after['index.html']).toEqual(good['index.html']);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
