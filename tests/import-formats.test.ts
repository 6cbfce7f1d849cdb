// briefdeck import of a memo in the form it is published: PDF (LibreOffice, Chromium, two
// columns, running headers and page numbers), Word, a web page with its site around it,
// Markdown — real files read by the real libraries, the command run as a user runs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoSentences, normalize } from '../src/model/fidelity.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { BUNDLED_DECK, FIXTURES, runCli, tempDir } from './helpers.ts';

const DIR = path.join(FIXTURES, 'import');

type Imported = { code: number; stderr: string; markdown: string; out: string };
const imported = new Map<string, Promise<Imported>>();

/** Imports a fixture with the CLI into a temp folder (once per file): its exit code, report and memo source. */
function importFixture(file: string): Promise<Imported> {
  if (!imported.has(file)) imported.set(file, runImport(file));
  return imported.get(file)!;
}

async function runImport(file: string, ...options: string[]): Promise<Imported> {
  const deck = path.join(tempDir(), 'deck');
  const out = path.join(deck, 'memo.md');
  const { code, stderr } = await runCli('import', path.join(DIR, file), '--out', deck, ...options);
  let markdown = '';
  try {
    markdown = readFileSync(out, 'utf8');
  } catch {
    // nothing written
  }
  return { code, stderr, markdown, out };
}

/** The memo source without the lines that name the input file and its authors (a Chromium PDF has none). */
const body = (markdown: string) => markdown.replace(/^source: .*\n/m, '').replace(/^authors:\n(?: {2}- .*\n)+/m, '');

const FORMS = {
  programme: ['programme.md', 'programme.docx', 'programme.html', 'programme.pdf', 'programme-chromium.pdf'],
  findings: ['findings.md', 'findings.docx', 'findings.html', 'findings.pdf', 'findings-2col.pdf'],
};

describe('one memo, one result: each published form imports to the same memo source', () => {
  for (const [memo, forms] of Object.entries(FORMS)) {
    it(`${memo}: ${forms.join(', ')}`, async () => {
      const results = await Promise.all(forms.map((form) => importFixture(`${memo}/${form}`)));
      const reference = results[0]!;
      expect(reference.code, reference.stderr).toBe(0);
      for (const [i, result] of results.entries()) {
        expect(result.code, `${forms[i]}: ${result.stderr}`).toBe(0);
        // Every sentence of the memo's body is placed: the report says 100% and means it.
        expect(result.stderr, forms[i]).toMatch(/the memo's body (\d+), placed \1 \(100%\)/);
        expect(body(result.markdown), forms[i]).toBe(body(reference.markdown));
      }
      expect(reference.markdown).toMatch(/^source: /m);
    }, 60_000);
  }

  it('reads the title and authors from the document: front matter, Word properties, the page, the PDF', async () => {
    for (const form of ['programme.md', 'programme.docx', 'programme.html', 'programme.pdf']) {
      const { markdown } = await importFixture(`programme/${form}`);
      expect(markdown, form).toMatch(/^title: 地域子育て支援プログラム\nauthors:\n {2}- 佐藤 次郎\nlanguage: ja\n/m);
    }
    const { markdown } = await importFixture('findings/findings.docx');
    expect(markdown).toMatch(/^authors:\n {2}- Ann Rivers\n {2}- Tom Bell\nlanguage: en\n/m);
  }, 60_000);
});

describe('the bundled memo, as its publisher could have published it', () => {
  const frontMatter = /^---\n[\s\S]*?\n---\n/;
  const bundled = readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8');

  it('from Markdown, Word and a web page: the bundled memo source, every marker inferred again', async () => {
    for (const form of ['asi-memo-4.md', 'asi-memo-4.docx', 'asi-memo-4.html']) {
      const { code, stderr, markdown } = await importFixture(`asi-memo-4/${form}`);
      expect(code, stderr).toBe(0);
      expect(markdown.replace(frontMatter, ''), form).toBe(bundled.replace(frontMatter, ''));
      expect(markdown, form).toMatch(/^authors:\n {2}- ジェームス・L・ショフ\n {2}- 森 聡\n/m);
    }
  }, 60_000);

  it('from its PDF (7 pages, notes at the page foot): the bundled memo source, the spaces between Japanese and Latin text kept where a line wraps between them', async () => {
    const { code, stderr, markdown } = await importFixture('asi-memo-4/asi-memo-4.pdf');
    expect(code, stderr).toBe(0);
    const shape = (md: string) => {
      const memo = parseMemo(md, 'memo.md').memo!;
      return {
        sections: memo.sections.map((s) => [s.heading.text, s.role, s.parts.map((p) => [p.heading.text.replace(/\s/g, ''), p.role, p.serves, p.blocks.length])]),
        items: partsWithRole(memo, 'initiative').map((p) => listItems(p).length),
        notes: memo.footnotes.map((f) => [f.label, f.links]),
        sentences: memoSentences(memo).map((s) => normalize(s.text)),
      };
    };
    expect(shape(markdown)).toEqual(shape(bundled));
    // The memo spaces Latin words and numbers from Japanese ("特に AI、", "5G との"): a line that
    // wraps where they meet leaves no space in the PDF, and the importer puts it back.
    expect(markdown.replace(frontMatter, '')).toBe(bundled.replace(frontMatter, ''));
  }, 60_000);
});

describe('the PDF reader', () => {
  it('drops running headers and footers and page numbers, and says so; joins lines; keeps notes from the page foot', async () => {
    const { code, stderr, markdown } = await importFixture('programme/programme-chromium.pdf');
    expect(code, stderr).toBe(0);
    // Chromium printed the date and title at the head of each of the 3 pages, the address and "n/3" at the foot.
    expect(stderr.match(/dropped page [123] \(running header\)/g)).toHaveLength(3);
    expect(stderr.match(/dropped page [123] \(running footer\): file:\/\/\S+ [123]\/3/g)).toHaveLength(3);
    expect(markdown).not.toMatch(/file:\/\/|Policy Notes Blog/);
    expect(markdown).toContain('本プログラムは、市が今後三年間に取り組む三つの施策をまとめたものである。各施策について、現状と課題を分析し、主な政策を示す。');
    expect(markdown).toContain('需要は駅の周辺に集中している。[^1]');
    expect(markdown).toContain('[^1]: 市の統計による（<https://example.org/city/stats-2023>）。');
  }, 30_000);

  it('reads a two-column page column by column, items without markers by their indent, notes in small type at the end', async () => {
    const { markdown } = await importFixture('findings/findings-2col.pdf');
    const memo = parseMemo(markdown, 'memo.md').memo!;
    expect(memo.sections.map((s) => s.heading.text)).toEqual(['Safer Cycling Streets', 'Findings', 'Recommendations']);
    const recommendations = memo.sections[2]!.blocks[0]!;
    expect(recommendations.type === 'text' && recommendations.kind).toBe('item');
    expect(markdown).toContain('- Lower the speed limit on the six arterial roads to thirty kilometres per hour.\n  - Enforce the limit with average-speed cameras.');
    expect(memo.footnotes.map((f) => f.links)).toEqual([['https://example.org/transport/2024'], []]);
  }, 30_000);
});

describe('a web page', () => {
  it('reads the page’s article; the site around it is dropped and listed', async () => {
    const { code, stderr, markdown } = await importFixture('programme/programme.html');
    expect(code, stderr).toBe(0);
    for (const site of ['Policy Notes Blog Home About Archive', 'Thank you for visiting. ありがとうございます。', 'Share this post', 'About the author', 'Comments: 3']) {
      expect(stderr).toMatch(new RegExp(`dropped the page \\(site text \\(not in the page's <article>\\)\\): .*${site}`));
      expect(markdown).not.toContain(site);
    }
  }, 30_000);
});

describe('structure from generic cues, in a memo of another shape', () => {
  it('a programme of numbered measures, each with its problem analysis and its policies: the policies are initiatives', async () => {
    const { stderr, markdown } = await importFixture('programme/programme.md');
    const memo = parseMemo(markdown, 'memo.md').memo!;
    expect(memo.sections.map((s) => [s.heading.text, s.role])).toEqual([
      ['地域子育て支援プログラム', 'plain'],
      ['施策1：保育の受け皿の拡大', 'initiatives'],
      ['施策2：家庭への支援の強化', 'initiatives'],
      ['施策3：地域の担い手の育成', 'initiatives'],
    ]);
    const initiatives = partsWithRole(memo, 'initiative');
    expect(initiatives.map((p) => [p.heading.text, listItems(p).length])).toEqual([
      ['主な政策', 2],
      ['主な政策', 2],
      ['主な政策', 2],
    ]);
    expect(listItems(initiatives[0]!)[0]!.children).toHaveLength(2);
    // The report lists each marker written, with its cue, so that a person can correct it.
    expect(stderr).toContain('marker {.initiative} on "主な政策" (line 20 of the input): a cue word, a list under it');
    expect(stderr).toContain('marker {.initiatives} on "施策1：保育の受け皿の拡大" (line 11 of the input)');
  }, 30_000);

  it('findings in numbered parts, then recommendations: the findings are the assessment', async () => {
    const { markdown } = await importFixture('findings/findings.md');
    const memo = parseMemo(markdown, 'memo.md').memo!;
    expect(memo.sections.map((s) => [s.heading.text, s.role])).toEqual([
      ['Safer Cycling Streets', 'plain'],
      ['Findings', 'assessment'],
      ['Recommendations', 'plain'],
    ]);
    expect(memo.sections[1]!.parts.map((p) => p.role)).toEqual(['part', 'part']);
  }, 30_000);
});

describe('round trip: import → build → check', () => {
  it('the programme imported from its PDF builds into a deck that passes check, with a diagram of each measure’s policies', async () => {
    const { code, out, stderr } = await importFixture('programme/programme.pdf');
    expect(code, stderr).toBe(0);
    const deck = path.dirname(out);
    const checked = await runCli('check', deck, '--json');
    expect(checked.code, checked.stderr).toBe(0);
    const report = JSON.parse(checked.stdout) as { coverage: { sentences: number; percent: number }; diagnostics: unknown[]; slides: Array<{ id: string; diagrams: unknown[] }> };
    expect(report.diagnostics).toEqual([]);
    expect(report.coverage).toMatchObject({ sentences: 30, percent: 100 });
    // A framework diagram per measure (the measure, its policies and what they do); each measure
    // has one set of policies, which its framework draws whole: no second diagram of them.
    expect(report.slides.filter((s) => s.diagrams.length > 0).map((s) => s.id)).toEqual(['s2-framework', 's3-framework', 's4-framework']);
  }, 120_000);
});
