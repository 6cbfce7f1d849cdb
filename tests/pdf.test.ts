// The PDF handouts, read back with poppler and pdf-lib: pages, fonts, text, outline, links.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecks, type BuiltDeck } from '../src/pipeline/build.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { inlineText } from '../src/model/content.ts';
import { compact } from '../src/model/fidelity.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { BUNDLED_DECK, ROOT, copyDeck, readMemo, serve, tempDir } from './helpers.ts';
import { pageText } from './poppler.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { installedBrowser } from '../src/browser/find.ts';
import { resolveBrowserPath } from '../src/browser/launch.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
let built: BuiltDeck;
let pdfFile: string;
let notesFile: string;

beforeAll(async () => {
  [built] = (await buildDecks([deckAt(BUNDLED_DECK)], tempDir(), browser, { pdf: true })) as [BuiltDeck];
  pdfFile = built.pdf!.slides;
  notesFile = built.pdf!.notes;
});

const tool = (name: string, ...args: string[]) => execFileSync(name, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const info = (file: string) => Object.fromEntries(tool('pdfinfo', file).split('\n').filter(Boolean).map((l) => [l.split(':')[0]!, l.slice(l.indexOf(':') + 1).trim()]));

function text(value: unknown): string {
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : String(value);
}

describe('the slides PDF', () => {
  it('has one 16:9 page per slide', () => {
    const i = info(pdfFile);
    expect(Number(i.Pages)).toBe(built.deck.slides.length);
    expect(i['Page size']).toMatch(/^960 x 540 pts/);
  });

  it('embeds every font, as outline (not Type 3) fonts', () => {
    const rows = tool('pdffonts', pdfFile).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toContain('Type 3');
      expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it('carries each slide’s text on its own page, in reading order', () => {
    // pdftotext drops a hyphen that ends a line (it takes it for hyphenation): compare without them.
    const comparable = (x: string) => compact(x).replace(/-/g, '');
    for (const [i, slide] of built.deck.slides.entries()) {
      const page = comparable(pageText(pdfFile, i + 1));
      const parts = [...[slide.kicker, slide.title, slide.subtitle].map((x) => (x ? inlineText(x, true) : '')), ...slide.byline.flat(), ...slide.items.map((x) => inlineText(x.content, true))]
        .map(comparable)
        .filter((x) => x !== '');
      let at = 0;
      for (const part of parts) {
        const found = page.indexOf(part, at);
        expect(found, `slide ${i + 1} (#${slide.id}): "${part}"`).toBeGreaterThanOrEqual(0);
        at = found;
      }
    }
  });

  it('gives the title and a sentence of each initiative as extractable text', () => {
    const all = compact(tool('pdftotext', pdfFile, '-'));
    expect(all).toContain(compact('テクノ・ナショナリズムの時代における日米同盟'));
    for (const initiative of partsWithRole(readMemo(BUNDLED_DECK), 'initiative')) {
      expect(all).toContain(compact(listItems(initiative)[0]!.sentences[0]!.text));
    }
    expect(all).not.toMatch(/[\uFFFD□]/);
  });

  it('has metadata: title, authors, subject, language, creator', async () => {
    const i = info(pdfFile);
    expect(i.Title).toBe('テクノ・ナショナリズムの時代における日米同盟');
    expect(i.Author).toBe('ジェームス・L・ショフ, 森 聡');
    expect(i.Subject).toBe('ポリシー・メモランダム #4');
    expect(i.Creator).toBe('briefdeck');
    const doc = await PDFDocument.load(readFileSync(pdfFile));
    expect(text(doc.catalog.get(PDFName.of('Lang')))).toBe('ja');
  });

  it('has an outline of the sections with their slides under them', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfFile));
    const read = (first: unknown): Array<{ title: string; children: string[] }> => {
      const out: Array<{ title: string; children: string[] }> = [];
      let ref = first;
      while (ref instanceof PDFRef) {
        const item = doc.context.lookup(ref, PDFDict);
        const children = read(item.get(PDFName.of('First'))).map((c) => c.title);
        out.push({ title: text(item.get(PDFName.of('Title'))), children });
        ref = item.get(PDFName.of('Next'));
      }
      return out;
    };
    const outlines = doc.context.lookup(doc.catalog.get(PDFName.of('Outlines')), PDFDict);
    const top = read(outlines.get(PDFName.of('First')));
    const titles = top.map((t) => t.title);
    for (const section of readMemo(BUNDLED_DECK).sections) expect(titles).toContain(section.heading.text);
    expect(top.find((t) => t.title === '評価')!.children).toContain('1． テクノロジーをめぐる競争の出現');
    expect(titles[0]).toBe('テクノ・ナショナリズムの時代における日米同盟');
  });

  it('links agenda entries to their pages and URLs to the web', async () => {
    const doc = await PDFDocument.load(readFileSync(pdfFile));
    const pages = doc.getPages();
    const dests = doc.context.lookup(doc.catalog.get(PDFName.of('Dests')), PDFDict);
    const agendaIndex = built.deck.slides.findIndex((s) => s.id === 'agenda');
    const annots = pages[agendaIndex]!.node.Annots()!;
    const targets = annots.asArray().map((a) => {
      const dest = doc.context.lookup(a, PDFDict).get(PDFName.of('Dest'));
      const entry = dests.lookup(dest as PDFName, PDFArray);
      return pages.findIndex((p) => p.ref === entry.get(0));
    });
    const expected = built.deck.slides.filter((s) => s.kind === 'agenda').flatMap((s) => s.items.map((i) => built.deck.slides.findIndex((x) => x.id === i.href)));
    expect(targets).toEqual(expected);
    const uris = pages.flatMap((p) =>
      (p.node.Annots()?.asArray() ?? []).map((a) => doc.context.lookup(a, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI'))).filter(Boolean).map(text),
    );
    expect(uris).toContain('https://carnegieendowment.org/2019/10/10/competing-with-china-on-technology-and-innovation-pub-80010');
  });

  it('draws the framework diagram (the page is not blank where it is)', () => {
    const page = built.deck.slides.findIndex((s) => s.id.endsWith('-framework')) + 1;
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '24', '-f', String(page), '-l', String(page), pdfFile]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (let y = Math.floor(height * 0.3); y < height * 0.9; y++) for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 200) dark++;
    expect(dark / (width * height * 0.6)).toBeGreaterThan(0.05);
  });
});

describe('the notes PDF', () => {
  it('holds every slide with its speaker notes, in embedded fonts', () => {
    expect(Number(info(notesFile).Pages)).toBeGreaterThanOrEqual(built.deck.slides.length);
    const all = compact(tool('pdftotext', notesFile, '-'));
    for (const note of built.deck.slides.flatMap((s) => s.notes)) expect(all).toContain(compact(inlineText(note, true)));
    for (const row of tool('pdffonts', notesFile).split('\n').slice(2).filter(Boolean)) expect(row).toMatch(/yes yes yes/);
  });

  it('is the handout as its own view prints it (?print=notes), though printed from the slides’ page made the handout in place', async () => {
    const { url, server } = await serve(built.dir);
    const fresh = path.join(tempDir(), 'fresh-notes.pdf');
    try {
      await browser.withPage(async (page) => {
        await openDeckPage(page, `${url}index.html`, { print: 'notes', screen: true });
        writeFileSync(fresh, await page.pdf({ printBackground: true, preferCSSPageSize: true }));
      });
    } finally {
      await server.close();
    }
    // Every word in the same place on the same page (the document's information apart: briefdeck's, added after printing).
    const boxes = (file: string) => tool('pdftotext', '-bbox', file, '-').replace(/^[\s\S]*<body>/, '');
    expect(boxes(notesFile)).toBe(boxes(fresh));
  });
});

describe('briefdeck pdf', () => {
  const bin = path.join(ROOT, 'src/bin.js');
  const tag = `briefdeck-test-${process.pid}`;
  const chromiumLeft = () => {
    try {
      return execFileSync('pgrep', ['-f', tag], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string; signalSent: boolean }>((resolve) => {
      const child = spawn('node', [bin, ...args], { cwd: ROOT, timeout: 100_000, env: { ...process.env, BRIEFDECK_BROWSER_ARGS: `${process.env.BRIEFDECK_BROWSER_ARGS ?? ''} --${tag}`, ...env } });
      let stderr = '';
      let signalSent = false;
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (env.INTERRUPT_AT && stderr.includes(env.INTERRUPT_AT) && !signalSent) {
          signalSent = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', (code) => resolve({ code, stderr, signalSent }));
    });

  it('writes both PDFs, and a failed or interrupted export leaves them byte-identical, with no browser left', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const out = tempDir();
    const first = await run(['pdf', deckDir, '--out', out]);
    expect(first.code).toBe(0);
    const file = path.join(out, 'asi-policy-memo-4/asi-policy-memo-4.pdf');
    const notes = path.join(out, 'asi-policy-memo-4/asi-policy-memo-4-notes.pdf');
    const before = [readFileSync(file), readFileSync(notes)];
    expect(chromiumLeft()).toBe('');

    const noBrowser = await run(['pdf', deckDir, '--out', out], { BRIEFDECK_BROWSER: '/nonexistent/chrome' });
    expect(noBrowser.code).toBe(1);
    expect(noBrowser.stderr).toContain('BRIEFDECK_BROWSER does not exist: /nonexistent/chrome');

    const memo = path.join(deckDir, 'memo.md');
    const good = readFileSync(memo, 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(memo, good.replace('## 評価 {.assessment}', '## 評価 {.asesment}'));
    const broken = await run(['pdf', deckDir, '--out', out]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('memo.md:25: error: unknown structure marker');
    writeFileSync(memo, good.replace('大国間競争が、', '大国間競争が（改）、'));

    const interrupted = await run(['pdf', deckDir, '--out', out], { INTERRUPT_AT: 'printing' });
    expect(interrupted.signalSent).toBe(true);
    expect(interrupted.code).toBe(130);
    expect([readFileSync(file), readFileSync(notes)]).toEqual(before);
    expect(chromiumLeft()).toBe('');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(out, 'asi-policy-memo-4')).sort()).toEqual(['.asi-policy-memo-4.pdf-source', 'asi-policy-memo-4-notes.pdf', 'asi-policy-memo-4.pdf']);
    expect(readdirSync(out)).toEqual(['asi-policy-memo-4']);
  });

  it('prints the same two PDFs with Chromium itself as with its headless shell (a machine with only Chrome or Chromium)', async () => {
    // The shell, which briefdeck prefers, printed the file's PDFs (the tests' machine has it: npm test installs it on Debian).
    if (existsSync('/usr/lib/chromium/chromium-headless-shell')) expect(await resolveBrowserPath({})).toBe('/usr/lib/chromium/chromium-headless-shell');
    const full = installedBrowser(existsSync);
    expect(full, 'Chromium or Chrome itself (npm test installs Debian\'s chromium)').toBeDefined();
    const out = tempDir();
    const result = await run(['pdf', BUNDLED_DECK, '--out', out], { BRIEFDECK_BROWSER: full!, DEBUG: 'briefdeck' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`launching ${full}`);
    // Every word in the same place on the same page (the document's dates apart).
    const boxes = (file: string) => tool('pdftotext', '-bbox', file, '-').replace(/^[\s\S]*<body>/, '');
    expect(boxes(path.join(out, 'asi-policy-memo-4/asi-policy-memo-4.pdf'))).toBe(boxes(pdfFile));
    expect(boxes(path.join(out, 'asi-policy-memo-4/asi-policy-memo-4-notes.pdf'))).toBe(boxes(notesFile));
  });
});
