// The shape of the code: src/ is folders, one per stage or shared layer, each with a rank; a folder
// imports only the folders its row of tests/architecture-rules.ts lists (all of a lower rank), a
// library only from the folders its row names (Puppeteer from browser/ alone), and no files import
// each other in a circle. Read from the imports of the sources themselves (tests/architecture.ts);
// a copy of src/ with forbidden imports added shows the check fails on each.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkArchitecture, fileCycles, importsOf, RULES } from './architecture.ts';
import { tempDir } from './helpers.ts';

const SRC = path.resolve(__dirname, '../src');

describe('the layout of src/', () => {
  it('holds folders, and only the executable at its top', () => {
    const loose = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(loose).toEqual(['bin.js']);
  });

  it('ranks its folders: each may import only folders of a lower rank', () => {
    for (const [folder, { rank, may }] of Object.entries(RULES.folders)) {
      for (const other of may) {
        expect(RULES.folders[other], `${folder} may import ${other}, a folder with no row`).toBeDefined();
        expect(RULES.folders[other]!.rank, `${folder} (rank ${rank}) may import ${other}`).toBeLessThan(rank);
      }
    }
    // The shared layers import no stage.
    expect(RULES.folders.core!.may).toEqual([]);
    expect(RULES.folders.model!.may).toEqual(['core']);
  });

  it('has a row for each of its folders', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !RULES.folders[f])).toEqual([]);
  });

  it('keeps to the rules: folders, library gateways, no file cycles', () => {
    const report = checkArchitecture(SRC);
    expect(report.violations).toEqual([]);
    // The check reads the real imports: the stages it knows of are there.
    expect(report.folders.get('pipeline')).toContain('render');
    expect(report.packages.get('puppeteer-core')).toEqual(new Set(['browser']));
  });
});

describe('the checker', () => {
  it('reads static, type-only, re-exported and dynamic imports and import types, not declare module', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "import { type C, d } from './c.ts';",
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "const g = await import('./g.ts');",
      "let h: typeof import('./h.ts');",
      "declare module 'shim' { import type { X } from 'puppeteer-core'; }",
    ].join('\n');
    expect(importsOf(text, 'x/x.ts').map((i) => [i.specifier, i.typeOnly, i.line])).toEqual([
      ['./a.ts', false, 1],
      ['../b/b.ts', true, 2],
      ['./c.ts', false, 3],
      ['./e.ts', false, 4],
      ['./f.ts', true, 5],
      ['./g.ts', false, 6],
      ['./h.ts', true, 7],
    ]);
  });

  it('finds files that import each other in a circle', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a', 'd'])],
      ['e', new Set<string>()],
    ]);
    expect(fileCycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  describe('on a copy of src/ with forbidden imports added', () => {
    const copy = path.join(tempDir(), 'src');
    afterAll(() => rmSync(path.dirname(copy), { recursive: true, force: true }));
    cpSync(SRC, copy, { recursive: true });
    /** A file of the folder, to import. */
    const fileOf = (folder: string) => readdirSync(path.join(copy, folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()[0]!;
    const mutants: Array<[file: string, text: string, reported: RegExp]> = [
      ['parse/mutant.ts', `import { x } from '../render/${fileOf('render')}';`, /^parse\/mutant\.ts:1: parse\/ may not import render\//],
      ['pptx/mutant.ts', `export { y } from '../pdf/${fileOf('pdf')}';`, /^pptx\/mutant\.ts:1: pptx\/ may not import pdf\//],
      ['plan/mutant.ts', `\nconst z = await import('../browser/${fileOf('browser')}');`, /^plan\/mutant\.ts:2: plan\/ may not import browser\//],
      ['config/mutant.ts', `import type { W } from '../plan/${fileOf('plan')}';`, /^config\/mutant\.ts:1: config\/ may not import plan\//],
      ['plan/puppeteer.ts', "import type { Page } from 'puppeteer-core';", /^plan\/puppeteer\.ts:1: plan\/ may not import puppeteer-core; only browser\/ may/],
      ['render/zip.ts', "import JSZip from 'jszip';", /^render\/zip\.ts:1: render\/ may not import jszip; only pptx\/, import\/ may/],
      ['core/left-pad.ts', "import pad from 'left-pad';", /^core\/left-pad\.ts:1: left-pad is a package the rules do not list/],
      ['model/cycle-a.ts', "import { b } from './cycle-b.ts';\nexport const a = 1;", /^model\/cycle-a\.ts: these files import each other in a circle: model\/cycle-a\.ts, model\/cycle-b\.ts$/],
      ['model/cycle-b.ts', "import { a } from './cycle-a.ts';\nexport const b = 2;", /./],
      ['writers/new.ts', 'export const n = 1;', /^writers\/new\.ts: writers\/ is a folder the rules do not know/],
    ];
    for (const [file, text] of mutants) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      writeFileSync(path.join(copy, file), text);
    }

    it('reports each forbidden import at its file and line, and nothing else', () => {
      const { violations } = checkArchitecture(copy);
      for (const [file, , reported] of mutants) expect(violations.some((v) => reported.test(v)), `${file}: ${violations.join('\n')}`).toBe(true);
      // Every violation is one of the mutants': the copy is otherwise as clean as src/.
      expect(violations.filter((v) => !mutants.some(([file]) => v.startsWith(`${file}`))), violations.join('\n')).toEqual([]);
    });
  });
});
