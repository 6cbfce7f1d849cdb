// briefdeck import with real pastes and bad input: the report never overstates, a bad file is
// a one-line message naming it (exit 1, 2 for usage), nothing is written, never a stack trace.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineText } from '../src/model/content.ts';
import { memoSentences, normalize } from '../src/model/fidelity.ts';
import { parseMemo } from '../src/parse/parse.ts';
import type { Inline, TextBlock } from '../src/model/types.ts';
import { longMemo, timeImport } from '../scripts/bench-import.ts';
import { BUNDLED_DECK, FIXTURES, runCli, tempDir } from './helpers.ts';

const bundled = parseMemo(readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8'), 'memo.md').memo!;
/** A sentence as a web page shows it: a note reference is its number after the sentence. */
const shown = (content: Inline[]) => inlineText(content, true);
const blockLines = (blocks: TextBlock[]): string[] => blocks.flatMap((b) => [...b.sentences.map((s) => shown(s.content)), ...blockLines(b.children)]);

/** The bundled memo as a web repost shows it: each sentence a paragraph, two blank lines between. */
function repost(above: string[], below: string[]): string {
  const memo = bundled.sections.flatMap((s) => [
    s.heading.text,
    ...blockLines(s.blocks.filter((b): b is TextBlock => b.type === 'text')),
    ...s.parts.flatMap((p) => [p.heading.text, ...blockLines(p.blocks.filter((b): b is TextBlock => b.type === 'text'))]),
  ]);
  const notes = bundled.footnotes.map((f) => `${f.label} ${f.sentences.map((s) => s.text).join('')}`);
  return `${[...above, ...memo, ...notes, ...below].join('\n\n\n')}\n`;
}

const GREETING = ['政策ウォッチ ブログ', '2024年3月1日', 'こんにちは、政策ウォッチです。今日は日米同盟に関するメモを紹介します。', 'ありがとうございます。感謝です。'];
const PROFILE = ['この記事を書いた人', '政策 太郎', '外交と安全保障について書いています。', 'コメント 12', '文字数 8,421', '#日米同盟 #テクノロジー'];

async function importText(name: string, content: string | Buffer, ...options: string[]) {
  const dir = tempDir();
  const input = path.join(dir, name);
  writeFileSync(input, content);
  const out = path.join(dir, 'deck/memo.md');
  const result = await runCli('import', input, '--out', path.dirname(out), ...options);
  return { ...result, input, out, written: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+\(|\bat file:\/\/|a bug in briefdeck/);

describe('a web repost of the memo, pasted (each sentence a paragraph, site text around)', () => {
  it('the thanks line above the memo is not its end: every sentence of the memo is placed, only the site text dropped', async () => {
    const { code, stderr, written } = await importText('repost.txt', repost(GREETING, PROFILE));
    expect(code, stderr).toBe(0);
    const memo = parseMemo(written!, 'memo.md').memo!;
    const placed = normalize(memoSentences(memo).map((s) => s.text).join(''));
    const missing = memoSentences(bundled).filter((s) => !placed.includes(normalize(s.text)));
    expect(missing).toEqual([]);
    expect(stderr).toMatch(/the memo's body (\d+), placed \1 \(100%\); dropped \d+ \(\d\.\d% of the text as site text\)/);
    const dropped = [...stderr.matchAll(/dropped line \d+ \([^)]*\(site text\)\): (.*)/g)].map((m) => m[1]);
    expect(dropped).toEqual([...GREETING, ...PROFILE]);
  }, 30_000);

  it('a paste that is mostly site text fails, naming what it would drop; --allow-drop writes it', async () => {
    const comments = Array.from({ length: 200 }, (_, i) => `読者${i + 1}さんのコメントです。このメモはとても参考になりました。次回の記事も楽しみにしています。`);
    const content = repost(GREETING, ['コメント 200', ...comments]);
    const { code, stderr, written } = await importText('mostly-site.txt', content);
    expect(code).toBe(1);
    expect(stderr).toMatch(/mostly-site\.txt:\d+: error: \d+% of the input would be dropped as site text \(more than 20%\)/);
    expect(stderr).toContain('--allow-drop');
    expect(written).toBeUndefined();
    const allowed = await importText('mostly-site.txt', content, '--allow-drop');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/dropped \d+ \(\d+\.\d% of the text as site text\)/);
  }, 30_000);
});

describe('a web page whose article has a header and footer of its own', () => {
  it('takes the article’s title and byline into the front matter, drops the site’s menu and footer', async () => {
    const { code, stderr, written } = await importText('page.html', readFileSync(path.join(FIXTURES, 'import/article-header.html')));
    expect(code, stderr).toBe(0);
    expect(written).toMatch(/^title: Water for the city$/m);
    expect(written).toMatch(/^authors:\n {2}- A\. Writer$/m);
    expect(written).not.toContain('By A. Writer');
    expect(stderr).toContain('title block → authors: By A. Writer');
    // The text under the title, before any heading, keeps the title for its section heading.
    expect(written).toContain('## Water for the city\n\nThe network is old.');
    expect(written).toContain('### Measure 1: Renewal {.initiative}');
    expect(written).toContain('Published 2024.');
    expect(stderr).toContain("dropped the page (site text (not in the page's <article>)): Home About");
    expect(stderr).toContain("dropped the page (site text (not in the page's <article>)): © Blog");
  });
});

describe('bad input: one clear line, exit 1 (2 for usage), nothing written, never a stack trace', () => {
  const web = readFileSync(path.join(FIXTURES, 'import/water.web.txt'), 'utf8');

  it('a folder as the memo', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli('import', dir, '--out', path.join(dir, 'x'));
    expect(code).toBe(1);
    expect(stderr).toContain(`${dir}: is a folder: give the memo as a file`);
    noStack(stderr);
  });

  for (const [name, meta, message] of [
    ['missing', undefined, 'cannot read the meta file: no such file'],
    ['a list', '- title: 水道\n- authors: [a]\n', 'meta.yaml:1: error: the meta file: must be keys and values'],
    ['of an unknown key', 'title: 水道\nauthor: 誰か\n', 'meta.yaml:2: error: unknown key "author" in the meta file'],
    ['of a wrong type', 'title: 水道\nauthors: {a: 1}\n', 'meta.yaml:2: error: "authors": must be a name or a list of names'],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\ntitle: x\n`, 'the meta file cannot be read'],
  ] as const) {
    it(`a --meta file that is ${name}`, async () => {
      const dir = tempDir();
      const metaFile = path.join(dir, 'meta.yaml');
      if (meta !== undefined) writeFileSync(metaFile, meta);
      const { code, stderr, written } = await importText('memo.txt', web, '--meta', metaFile);
      expect(code).toBe(1);
      expect(stderr).toContain('meta.yaml');
      expect(stderr).toContain(message);
      expect(written).toBeUndefined();
      noStack(stderr);
    });
  }

  it('--out that is a file, a memo.md that is a folder, --out naming the memo.md', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'deck'), 'a file');
    const input = path.join(dir, 'memo.txt');
    writeFileSync(input, web);
    const file = await runCli('import', input, '--out', path.join(dir, 'deck'));
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/deck\/memo\.md: cannot write: .*deck is a file, not a folder/);
    noStack(file.stderr);
    mkdirSync(path.join(dir, 'other/memo.md'), { recursive: true });
    const folder = await runCli('import', input, '--out', path.join(dir, 'other'), '--force');
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('memo.md: is a folder, where the memo source goes');
    const named = await runCli('import', input, '--out', path.join(dir, 'new/memo.md'));
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('--out is the deck folder memo.md goes into');
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
  });

  it('--out in a folder that cannot be written', async () => {
    const dir = tempDir();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    // A user cannot write a folder without the permission; root (as CI runs) writes anywhere, but
    // not on a read-only file system: a small one of its own, mounted for the test.
    const root = process.getuid?.() === 0;
    if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', locked]);
    else chmodSync(locked, 0o500);
    try {
      const input = path.join(dir, 'memo.txt');
      writeFileSync(input, web);
      const { code, stderr } = await runCli('import', input, '--out', locked);
      expect(code).toBe(1);
      expect(stderr).toContain(`cannot write the memo source: ${root ? 'the file system is read-only' : 'permission denied'} (nothing was written)`);
      noStack(stderr);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      if (root) execFileSync('umount', [locked]);
    }
  });

  it('Shift_JIS and EUC-JP: read when the encoding is certain, with a warning', async () => {
    const reference = await importText('utf8.txt', web);
    for (const [label, name] of [
      ['shift_jis', 'Shift_JIS'],
      ['euc-jp', 'EUC-JP'],
    ] as const) {
      const { code, stderr, written } = await importText(`${label}.txt`, encode(web, label));
      expect(code, stderr).toBe(0);
      expect(stderr).toContain(`${label}.txt:1: warning: read as ${name} (the file is not UTF-8)`);
      expect(written!.replace(/^source: .*$/m, '')).toBe(reference.written!.replace(/^source: .*$/m, ''));
    }
  });

  it('a file that no single encoding reads: the file, the line and the likely encoding', async () => {
    const lines = web.split('\n');
    const mixed = Buffer.concat([Buffer.from(lines.slice(0, 6).join('\n') + '\n'), encode(`${lines[6]}\n`, 'shift_jis'), Buffer.from(lines.slice(7).join('\n'))]);
    const { code, stderr, written } = await importText('mixed.txt', mixed);
    expect(code).toBe(1);
    expect(stderr).toMatch(/mixed\.txt:7: error: the file is not UTF-8 \(likely Shift_JIS\)/);
    expect(written).toBeUndefined();
    noStack(stderr);
  });

  it('a UTF-8 byte order mark changes nothing', async () => {
    const plain = await importText('plain.txt', web);
    const bom = await importText('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(web)]));
    expect(bom.code, bom.stderr).toBe(0);
    expect(bom.written!.replace(/^source: .*$/m, '')).toBe(plain.written!.replace(/^source: .*$/m, ''));
  });

  it('a PDF without text (a scan)', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    const { code, stderr, written } = await importText('scan.pdf', Buffer.from(await doc.save()));
    expect(code).toBe(1);
    expect(stderr).toContain('scan.pdf:1: error: the PDF holds no text (scanned pages?)');
    expect(written).toBeUndefined();
  });

  it('a PDF that is cut short', async () => {
    const pdf = readFileSync(path.join(FIXTURES, 'import/findings/findings.pdf'));
    const { code, stderr, written } = await importText('cut.pdf', pdf.subarray(0, 2000));
    expect(code).toBe(1);
    expect(stderr).toMatch(/cut\.pdf:1: error: the PDF (cannot be read|holds no text)/);
    expect(written).toBeUndefined();
    noStack(stderr);
  });
});

/** Text in a legacy Japanese encoding, made by the TextDecoder's inverse: a table of every character used. */
function encode(text: string, label: 'shift_jis' | 'euc-jp'): Buffer {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    const c = decoder.decode(Uint8Array.from(bytes));
    if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, bytes);
  };
  for (let b = 0; b < 0x80; b++) add([b]);
  const [leads, trails] = label === 'shift_jis' ? [[...range(0x81, 0x9f), ...range(0xe0, 0xfc)], [...range(0x40, 0x7e), ...range(0x80, 0xfc)]] : [range(0xa1, 0xfe), range(0xa1, 0xfe)];
  for (const lead of leads) for (const trail of trails) add([lead, trail]);
  return Buffer.from([...text].flatMap((c) => table.get(c) ?? [...Buffer.from('?')]));
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The CPU time this process spent on an import (it runs synchronously), not the clock's: the test
 * files running beside it on the same cores stretch the clock — a clean-clone CI once measured 31×
 * for what takes 8–9× alone.
 */
function cpuOfImport(text: string): number {
  const start = process.cpuUsage();
  timeImport(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('import is linear in its input', () => {
  it('ten times the text takes about ten times as long, not a hundred (bounded loosely: under 25×)', () => {
    cpuOfImport(longMemo(50_000)); // warm up
    // The least of two runs each (a garbage collection may fall in one).
    const small = Math.min(cpuOfImport(longMemo(200_000)), cpuOfImport(longMemo(200_000)));
    const large = Math.min(cpuOfImport(longMemo(2_000_000)), cpuOfImport(longMemo(2_000_000)));
    expect(large / small).toBeLessThan(25);
  }, 120_000);

  it('shows its progress on long input', async () => {
    const { code, stderr } = await importText('long.txt', longMemo(1_200_000));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/reading pdf-text…[\s\S]*finding the structure…[\s\S]*checking every sentence…[\s\S]*placed (\d+) \(100%\)/);
  }, 120_000);
});
