// The PDF post-processing: metadata and the outline appended to what Chromium printed, read
// back by poppler, qpdf and pdf-lib; a PDF of another make is finished by pdf-lib instead.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { finishPdf, type OutlineNode } from '../src/pdf/finish.ts';
import { tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
let printed: Uint8Array;
beforeAll(async () => {
  printed = await browser.withPage(async (page) => {
    await page.setContent('<html lang="en"><title>Chromium title</title><h1>One</h1><p style="page-break-after:always">first page</p><h1>Two</h1><p>second page</p>');
    return page.pdf({ format: 'A4' });
  });
}, 60_000);

const info = { title: 'テクノ・ナショナリズムの時代における日米同盟', authors: ['ジェームス・L・ショフ', '森 聡'], subject: 'ASI Policy Memorandum #4', language: 'ja' };
const outline: OutlineNode[] = [
  { title: '評価', page: 0, children: [{ title: '評価1（問題提起）', page: 0, children: [] }, { title: '(括弧) と \\ 記号', page: 1, children: [] }] },
  { title: 'Closing', page: 1, children: [] },
];

function tool(name: string, args: string[]): string {
  return execFileSync(name, args, { encoding: 'utf8' });
}

/** The outline as titles and page indexes, read with pdf-lib. */
async function readOutline(bytes: Uint8Array): Promise<Array<{ title: string; page: number; children: unknown[] }>> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((p) => p.ref.toString());
  const text = (v: unknown) => (v instanceof PDFHexString || v instanceof PDFString ? v.decodeText() : String(v));
  const read = (ref: unknown): Array<{ title: string; page: number; children: unknown[] }> => {
    const out = [];
    for (let item = ref ? doc.context.lookup(ref as never, PDFDict) : undefined; item; ) {
      const dest = item.lookup(PDFName.of('Dest')) as unknown as { get(i: number): { toString(): string } };
      out.push({ title: text(item.get(PDFName.of('Title'))), page: pages.indexOf(dest.get(0).toString()), children: read(item.get(PDFName.of('First'))) });
      const next = item.get(PDFName.of('Next'));
      item = next ? doc.context.lookup(next, PDFDict) : undefined;
    }
    return out;
  };
  return read(doc.context.lookup(doc.catalog.get(PDFName.of('Outlines')), PDFDict).get(PDFName.of('First')));
}

const expected = [
  { title: '評価', page: 0, children: [{ title: '評価1（問題提起）', page: 0, children: [] }, { title: '(括弧) と \\ 記号', page: 1, children: [] }] },
  { title: 'Closing', page: 1, children: [] },
];

describe('finishing a printed PDF', () => {
  it("appends to Chromium's bytes: metadata, language, outline; the file stays valid", async () => {
    const out = await finishPdf(printed, info, outline);
    // An incremental update: what Chromium wrote is unchanged at the start of the file.
    expect(Buffer.from(out.subarray(0, printed.length)).equals(Buffer.from(printed))).toBe(true);
    const file = path.join(tempDir(), 'finished.pdf');
    writeFileSync(file, out);
    expect(tool('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
    const pdfinfo = tool('pdfinfo', [file]);
    expect(pdfinfo).toMatch(/Title:\s+テクノ・ナショナリズムの時代における日米同盟/);
    expect(pdfinfo).toMatch(/Author:\s+ジェームス・L・ショフ, 森 聡/);
    expect(pdfinfo).toMatch(/Subject:\s+ASI Policy Memorandum #4/);
    expect(pdfinfo).toMatch(/Pages:\s+2/);
    expect(await readOutline(out)).toEqual(expected);
    const doc = await PDFDocument.load(out);
    expect(String(doc.catalog.get(PDFName.of('PageMode')))).toBe('/UseOutlines');
    expect((doc.catalog.get(PDFName.of('Lang')) as PDFHexString).decodeText()).toBe('ja');
    // The catalog kept what Chromium put there (the tagged PDF's structure).
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(tool('pdftotext', [file, '-']).replace(/\s+/g, ' ')).toMatch(/One first page .*Two second page/);
  });

  it('finishes a PDF whose cross-references are a stream with pdf-lib, to the same result', async () => {
    const compressed = await (await PDFDocument.load(printed)).save({ useObjectStreams: true });
    expect(Buffer.from(compressed).includes('/XRef')).toBe(true);
    const out = await finishPdf(compressed, info, outline);
    expect(Buffer.from(out.subarray(0, compressed.length)).equals(Buffer.from(compressed))).toBe(false);
    expect(await readOutline(out)).toEqual(expected);
    const file = path.join(tempDir(), 'fallback.pdf');
    writeFileSync(file, out);
    expect(tool('pdfinfo', [file])).toMatch(/Author:\s+ジェームス・L・ショフ, 森 聡/);
  });
});
