// A list's markers drawn as shapes (Chromium prints a bullet as a small filled circle, a hollow
// one a level down, with no character in the text): read as the markers they stand for, so each
// point is an item of its own. Team Mirai's medical manifesto as Chromium printed it (corpus).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { markBullets, type DrawnMark } from '../src/import/pdf-marks.ts';
import { readPdfRuns } from '../src/import/pdf.ts';
import type { PdfRun } from '../src/import/pdf-runs.ts';
import { dropMargins } from '../src/import/pdf-drop-lines.ts';
import type { Line } from '../src/import/pdf-line-text.ts';
import type { Dropped } from '../src/import/text.ts';
import { ROOT } from './helpers.ts';

const FORM = path.join(ROOT, 'tests/corpus/mirai-17-iryo/forms/pdf-chromium.pdf');
const run = (text: string, x: number, y = 100): PdfRun => ({ text, x, y, width: 10 * text.length, size: 10, bold: false });
const disc = (x: number, y = 102): DrawnMark => ({ x, y, width: 3.7, height: 3.7, filled: true });

describe('markers drawn as shapes', () => {
  it('a disc before a line is a "•" where it is drawn, a ring a "◦"; the page’s other runs unchanged', async () => {
    const { pages } = await readPdfRuns(readFileSync(FORM));
    const first = pages[0]!;
    const marks = first.runs.filter((r) => r.text === '•' || r.text === '◦');
    // The vision's three points, the first section's point and its two sub-points, …: each line a mark opens.
    expect(marks.map((m) => m.text).slice(0, 6)).toEqual(['•', '•', '•', '•', '◦', '◦']);
    for (const m of marks) {
      const next = first.runs[first.runs.indexOf(m) + 1]!;
      expect(next.y).toBe(m.y);
      expect(next.x - m.x).toBeGreaterThan(5);
      expect(next.x - m.x).toBeLessThan(20);
    }
  });

  it('each point of a section is its own item: the vision’s three, not one block with their sentences glued', async () => {
    const { markdown } = await importBytes(readFileSync(FORM), { file: FORM, allowDrop: true });
    const vision = markdown!.slice(markdown!.indexOf('## ビジョン'), markdown!.indexOf('## 1）'));
    const items = vision.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^- 医療の現場をテクノロジーの力で支援することで、.*支援します$/u);
    expect(items[1]).toMatch(/^- 医療機関DXが進むことは/u);
    expect(markdown).not.toContain('支援します医療機関DX');
  });

  it('only a mark that opens a line: not one amid a line’s words, nor one far from the words after it', () => {
    const words = run('words', 50);
    expect(markBullets([words], [disc(36)]).map((r) => r.text)).toEqual(['•', 'words']);
    // A line's text to its left: an icon in the line, no marker.
    const before = run('see', 10);
    expect(markBullets([before, words], [disc(36)]).map((r) => r.text)).toEqual(['see', 'words']);
    // Five ems before the words: a shape of its own.
    expect(markBullets([words], [disc(0)]).map((r) => r.text)).toEqual(['words']);
    // Not level with the words (a line below).
    expect(markBullets([words], [disc(36, 80)]).map((r) => r.text)).toEqual(['words']);
    // Only stroked: a ring.
    expect(markBullets([words], [{ ...disc(36), filled: false }]).map((r) => r.text)).toEqual(['◦', 'words']);
  });
});

describe('markers drawn small', () => {
  it('a disc of a point and a half (li::marker at .6 em, Chromium, two columns) still opens its item', async () => {
    const file = path.join(ROOT, 'tests/fixtures/import/review-forms/ch-18f-c2small.pdf');
    const result = await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true });
    const items = (result.markdown ?? '').split('\n').filter((l) => /^\s*- /u.test(l));
    expect(items.some((i) => i.startsWith('- Natural language processing (NLP)'))).toBe(true);
    expect(items.some((i) => /programmed to do so Natural/u.test(i))).toBe(false);
    // The right column's sentence stays in its item, level with the left column's bullet as it is.
    expect(items.some((i) => i.startsWith('- Powering chatbots.') && i.includes('over 2.6 million unique customers.'))).toBe(true);
  });
});

describe('numbered lists, their numbers the PDF\'s text', () => {
  const FORMS = path.join(ROOT, 'tests/fixtures/import/review-forms');
  const imported = async (name: string) => {
    const file = path.join(FORMS, name);
    const result = await importBytes(readFileSync(file), { file });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    return (result.markdown ?? '').split('\n');
  };
  // (pandoc reads the source's first two lists, under a line with no blank line between, as the
  // paragraph's text: in the Word file, and so in LibreOffice's PDF, only the last list is one.)
  const lists = ['Use tools that help identify', '[Stakeholder mapping]'];
  for (const [name, producer, starts] of [
    ['ch-18f-ol2.pdf', 'Chromium, two columns', ['Powering chatbots.', 'Cleaning data.', 'Taking a first pass.', 'Natural language processing (NLP)', ...lists]],
    ['lo-18f-ol.pdf', 'LibreOffice from a Word file', lists],
  ] as const) {
    it(`a run of lines opening "1.", "2.", "3." is a list, each number's text an item of its own (${producer})`, async () => {
      const lines = await imported(name);
      const item = (start: string) => lines.filter((l) => l.replace(/^\s*- /u, '').startsWith(start));
      for (const start of starts) {
        expect(item(start), start).toHaveLength(1);
        expect(item(start)[0], start).toMatch(/^\s*- /u);
      }
      expect(lines.filter((l) => /^[0-9]+\\\./u.test(l) && !l.includes('Learn more'))).toEqual([]);
    });
  }

  it('a sentence wrapped onto a line opening with the next item\'s number is one sentence, the number kept (Chromium, numbers set inside)', async () => {
    const lines = await imported('fp1-inside.pdf');
    expect(lines.filter((l) => l.includes('in its section 2. The Department of Education’s Aidan Chat-bot answers'))).toHaveLength(1);
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items.map((l) => l.split('.')[0])).toEqual(['- Powering chatbots', '- Cleaning data', '- Taking a first pass']);
  });

  it('items 10 and after, their numbers set out a digit (Chromium sets them flush right), are items too', async () => {
    const lines = await imported('longlist-ch.pdf');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(22);
    expect(lines.filter((l) => /^[0-9]+\\\./u.test(l))).toEqual([]);
  });

  it('a line after the list, or inside an item, that opens "2. " after a sentence is text: the list\'s own item 2 is its item', async () => {
    const after = await imported('un2-selected.pdf');
    expect(after.filter((l) => l.startsWith('- ')).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['Fund the', 'Publish the']);
    expect(after.some((l) => l.includes('2. A national rollout follows'))).toBe(true);
    const inside = await imported('inl3.pdf');
    expect(inside.filter((l) => l.startsWith('- ')).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['Fund the', 'Publish the', 'Review the']);
    expect(inside.some((l) => l.includes('Each report has two parts. 1. A summary for the public, in plain language. 2. The raw data'))).toBe(true);
  });

  it('a list of one set in under a one-line item is its sub-list, not run into it (LibreOffice)', async () => {
    const lines = await imported('nested1-lo.pdf');
    const at = lines.indexOf('- Institutional barriers');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}- Use special zones and pilot projects/u);
    expect(lines.filter((l) => / 1\. [A-Z]/u.test(l))).toEqual([]);
  });

  // チームみらい's education chapter (an excerpt, make/kyoiku-num.md) in Word, its numbering set
  // as Japanese documents set it, printed by LibreOffice: each item ran into the one before where
  // its line before was full ("…できるようにします。④ 学習指導要領の…"), at 100%.
  const source = readFileSync(path.join(FORMS, 'make/kyoiku-num.md'), 'utf8');
  const sourceItems = [...source.matchAll(/^( *)[0-9]+\.\s+(.+)$/gmu)].map(([, indent, text]) => ({ depth: Math.min(1, indent!.length / 4), start: text!.slice(0, 12) }));
  for (const [name, form, number] of [
    ['kyoiku-num-paren.pdf', '"（1）" and a tab', /^（[0-9]）\s/u],
    ['kyoiku-num-fwnosp.pdf', '"１．" and no space', /^[0-9]．/u],
    ['kyoiku-num-circ.pdf', '"①"', /^[①-⑳]\s/u],
    ['kyoiku-num-aiueo.pdf', '"（ア）" (Word\'s aiueo numbering) and no space', /^（[ア-ン]）/u],
  ] as const) {
    it(`numbers set ${form} open the items of their lists, at their depths, none run into another, each number kept (LibreOffice from Word)`, async () => {
      const file = path.join(FORMS, name);
      const result = await importBytes(readFileSync(file), { file });
      expect(result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message)).toEqual([]);
      const lines = (result.markdown ?? '').split('\n');
      const items = lines.filter((l) => /^\s*- /u.test(l)).map((l) => ({ depth: (l.length - l.trimStart().length) / 2, text: l.trim().slice(2) }));
      // (The number stays the item's text: the text may cite it, "（３）の要件".)
      for (const { text } of items) expect(text).toMatch(number);
      expect(items.map(({ depth, text }) => ({ depth, start: text.replace(number, '').slice(0, 12) }))).toEqual(sourceItems);
      for (const { start } of sourceItems) expect(lines.filter((l) => l.includes(start)), start).toHaveLength(1);
    });
  }

  // Numbers a sentence cites at a line's start are its text, and a list's numbers that the text
  // cites stay the items' (tests/fixtures/import/numbering: a review's pages, Chromium).
  for (const [name, kept] of [
    ['fp-eqref.pdf', ['(1)式に(2)式を代入すれば、(2)式が確かに解である', '(2)式を時間で微分すると速度が得られ']],
    ['fp-eqref-en.pdf', ['(1) and (2) together imply that the solution stays bounded', '(2) alone is not enough']],
    ['fp-circ-para.pdf', ['①の場合、手数料は一件につき千円とする。', '②の場合、手数料は一件につき八百円とする。']],
    ['fp-paren-wrap.pdf', ['（１）で述べた', '（２）で述べた']],
    ['fp-circ-inline.pdf', ['①→②→③の順に進め', '②では特に']],
    ['ref-list.pdf', ['- （１） 市内に事業所を有すること。', '- （３） 過去に同種の補助金の交付を受けていないこと。', 'ただし、（３）の要件は']],
  ] as const) {
    it(`numbers the text cites keep their place in it (${name})`, async () => {
      const file = path.join(ROOT, 'tests/fixtures/import/numbering', name);
      const result = await importBytes(readFileSync(file), { file });
      const memo = result.markdown ?? '';
      for (const text of kept) expect(memo, text).toContain(text);
      // Not a line opening an item with what was left after its number.
      expect(memo).not.toMatch(/^\s*- (?:式|の場合|で述べた|→|では|and \(2\)|alone)/mu);
    });
  }

  it('a numbered list whose items hold bulleted sub-lists goes on after each (Chromium, チームみらい)', async () => {
    const file = path.join(ROOT, 'tests/fixtures/import/numbering/m36-excerpt.pdf');
    const result = await importBytes(readFileSync(file), { file });
    const items = (result.markdown ?? '').split('\n').filter((l) => /^\s*- /u.test(l)).map((l) => l.trim().slice(2));
    for (const start of ['制度間の財源転用', '特例措置が常態化しています', '控除額や所得制限の水準が', 'その数値も', '所得制限や給付水準の多くが']) expect(items.filter((i) => i.startsWith(start)), start).toHaveLength(1);
    expect(items.filter((i) => /[0-9]\. \S/u.test(i))).toEqual([]);
  });

  it('a bullet LibreOffice prints alone over a "(1)" item is its marker: each item its own, its number kept', async () => {
    const file = path.join(ROOT, 'tests/fixtures/import/numbering/m36-excerpt-lo.pdf');
    const result = await importBytes(readFileSync(file), { file });
    expect(result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message)).toEqual([]);
    const memo = result.markdown ?? '';
    expect(memo).not.toContain('•');
    const items = memo.split('\n').filter((l) => /^\s*- /u.test(l)).map((l) => l.trim().slice(2));
    for (const start of ['(1)制度間の財源転用', '(2)特例措置が常態化しています', '(3)控除額や所得制限の水準が', '(4)その数値も', '(5)所得制限や給付水準の多くが']) expect(items.filter((i) => i.replace(/\s/gu, '').startsWith(start)), start).toHaveLength(1);
  });

  it('a number opening one line alone (a list of one) stays its text', async () => {
    const lines = await imported('ch-18f-ol2.pdf');
    expect(lines.filter((l) => l.includes('Learn more about'))[0]).toMatch(/^1\\\. Learn more about/u);
  });
});

describe('running heads and feet set inside the margins (a word processor’s header and footer)', () => {
  /** A page of a US Letter PDF (792 pt high): its lines top to bottom, y measured from the page's foot. */
  const page = (n: number, lines: Array<[number, string]>): Line[] => lines.map(([y, text]) => ({ page: n, x: 72, end: 540, y, size: 11, bold: false, text, left: 72 }));
  const body = (n: number) => [[650, `Body text of page ${n}, a sentence that runs on.`], [636, 'More of it.'], [622, 'And the last line of the body.']] as Array<[number, string]>;

  it('drops a line repeated at the top of the pages, and the page’s own number at its foot, wherever they stand; says so', () => {
    // LibreOffice's Writer sets its header inside 1-inch margins: 710 pt, under the outer twelfth (729 pt).
    const pages = [1, 2, 3, 4].map((n) => page(n, [[710, 'Back to basics — Policy Brief'], ...body(n), [80, String(n)]]));
    const dropped: Dropped[] = [];
    const kept = dropMargins(pages, [792, 792, 792, 792], dropped);
    expect(kept.map((lines) => lines.length)).toEqual([3, 3, 3, 3]);
    expect(dropped.map((d) => d.why)).toEqual(['running header', 'page number', 'running header', 'page number', 'running header', 'page number', 'running header', 'page number']);
  });

  it('keeps a page’s first or last line that repeats on no other page, and a number there that is not the page’s own', () => {
    const pages = [1, 2, 3].map((n) => page(n, [[710, `Section ${'ABC'[n - 1]} opens here`], ...body(n), [80, n === 2 ? '2024' : `The end of page ${'xyz'[n - 1]}.`]]));
    const dropped: Dropped[] = [];
    const kept = dropMargins(pages, [792, 792, 792], dropped);
    expect(dropped).toEqual([]);
    expect(kept.map((lines) => lines.length)).toEqual([5, 5, 5]);
  });
});

describe('a LibreOffice PDF with a running header and page numbers (tests/fixtures/import/running-header)', () => {
  it('drops both on every page and lists them; the date over the text is the date, the first heading a section; every sentence whole', async () => {
    const file = path.join(ROOT, 'tests/fixtures/import/running-header/running-header.pdf');
    const result = await importBytes(new Uint8Array(readFileSync(file)), { file: 'running-header.pdf' });
    const markdown = result.markdown!;
    expect(markdown).not.toContain('Policy Brief');
    expect(markdown).not.toMatch(/^\s*- [0-9]\s*$/mu);
    const dropped = result.report!.dropped.map((d) => `${d.why}: ${d.text}`);
    for (const page of [1, 2, 3, 4]) expect(dropped).toContain(`page number: ${page}`);
    expect(dropped.filter((d) => d === 'running header: Back to basics in the age of AI — Policy Brief')).toHaveLength(4);
    expect(markdown).toMatch(/^date: June 18, 2024$/mu);
    expect(markdown).not.toMatch(/^series:/mu);
    expect(markdown).toMatch(/^## Defining AI$/mu);
    // The page's first sentences, whole and alone, as the post has them.
    for (const sentence of ['The federal government is abuzz with conversation about the way that artificial intelligence (AI) is going to change the game.', 'In the meantime, [AI is already in use]']) expect(markdown).toContain(sentence);
  });
});
