// Reading a PDF leaves the JavaScript engine as it was. pdf.js's build for Node 20 brings core-js,
// which put its own JavaScript in place of the engine's Array.prototype.push, JSON.parse and
// JSON.stringify for the whole process: after one PDF was read, everything else the process did
// (the import's layout of the text, a studio, the next test files of a worker) ran those about 3×
// slower. src/import/pdf.ts puts the engine's back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { expect, it } from 'vitest';
import { readPdfRuns } from '../src/import/pdf.ts';

const CORPUS = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');

it('leaves the engine its own push, JSON.parse and JSON.stringify, and still reads the PDF', async () => {
  const { pages } = await readPdfRuns(new Uint8Array(readFileSync(path.join(CORPUS, '18f-ai-basics/forms/pdf-chromium.pdf'))));
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.flatMap((p) => p.runs.map((r) => r.text)).join(' ')).toContain('AI');
  // Asked of a fresh realm's Function.prototype.toString: core-js replaces this realm's too, so that its functions pass for the engine's.
  const source = vm.runInNewContext('Function.prototype.toString') as (this: unknown) => string;
  for (const [name, fn] of Object.entries({ 'Array.prototype.push': Array.prototype.push, 'JSON.parse': JSON.parse, 'JSON.stringify': JSON.stringify, 'Function.prototype.toString': Function.prototype.toString })) {
    expect(source.call(fn), name).toMatch(/\{ \[native code\] \}$/);
  }
});
