// The corpus: real documents (tests/corpus/<doc>/source.md) in the forms real producers publish
// them (forms/: pandoc, LibreOffice and Chromium files, web pages inside a platform's chrome,
// text a browser copied), each imported and compared with the memo source a person would write
// (expected.yaml, by hand). The comparison reads Markdown with its own rules
// (tests/corpus/sentences.ts), not the importer's. See tests/corpus/README.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { importBytes, type ImportResult } from '../src/import/import.ts';
import { parseMemo } from '../src/parse/parse.ts';
import type { Memo } from '../src/model/types.ts';
import { memoPlainLines, memoPlainText, normalizeSpace, plainLine, sourceSentences, splitFrontMatter, splitSentences } from './corpus/sentences.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

type FrontMatterKey = 'title' | 'series' | 'authors' | 'date' | 'publisher' | 'program';
const FIELDS: FrontMatterKey[] = ['title', 'series', 'authors', 'date', 'publisher', 'program'];
interface Expected {
  doc: string;
  language: string;
  front_matter: Partial<Record<FrontMatterKey, string | string[]>> & { title: string };
  title_lines?: Record<string, string>;
  /** How many sections may come before the expected ones (for text before the first heading). */
  leading_sections?: number;
  /** Sections that may be there or not (kept, or dropped and listed). */
  optional_sections?: string[];
  /** Headings the memo must not have. */
  not_headings?: string[];
  /** Lines of source.md (first, last) whose sentences are not required in the memo. */
  skip_source_lines?: [number, number];
  sections: Array<{ title: string; parts?: string[] }>;
  sections_alternative?: Array<{ title: string; parts?: string[] }>;
  footnotes: Array<{ label: string; opens: string }>;
  may_drop: string[];
  /**
   * carries: the title page facts the form holds; exceptions: checks it cannot meet; lacks: text its producer
   * left out; blind_wraps: `left|right` junctions where a line of the PDF wraps and nothing on the page tells
   * whether a space stood there (read with or without one).
   */
  forms: Record<string, { carries: 'all' | string[]; exceptions?: string[]; lacks?: string[]; blind_wraps?: string[] }>;
}
interface SiteText {
  text: string[];
  lines: string[];
  patterns: string[];
}

const site = YAML.parse(readFileSync(path.join(DIR, 'site-text.yaml'), 'utf8')) as Record<string, SiteText>;
const docs = readdirSync(DIR).filter((d) => existsSync(path.join(DIR, d, 'expected.yaml'))).sort();

interface Imported {
  result: ImportResult;
  markdown: string;
  memo?: Memo;
  parseErrors: string[];
}
const cache = new Map<string, Promise<Imported>>();

/**
 * Checks that fail on today's importer, one `doc/form check` a line: they run as expected
 * failures, so the suite passes while the importer catches up and a check that starts to pass
 * fails until its line is removed. Remove the file to see every failure as a failure.
 */
const KNOWN = path.join(DIR, 'known-failures.txt');
const known = new Set(existsSync(KNOWN) ? readFileSync(KNOWN, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : []);

/** Imports a form once, in process, and parses the memo source it gives. */
function imported(file: string): Promise<Imported> {
  if (!cache.has(file)) {
    cache.set(
      file,
      (async () => {
        // (--allow-drop: what the report finds lost is a warning, so the other checks read the memo
        // source anyway, each failing for its own cause; the import check refuses the warnings.)
        const result = await importBytes(readFileSync(file), { file, allowDrop: true });
        const markdown = result.markdown ?? '';
        const parsed = markdown ? parseMemo(markdown, 'memo.md') : { memo: undefined, diagnostics: [] };
        const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `memo.md:${d.line}: ${d.message} [${d.code}]`);
        return { result, markdown, memo: parsed.memo, parseErrors };
      })(),
    );
  }
  return cache.get(file)!;
}

/** The memo, or a failure that says why there is none. */
function memoOf(where: string, got: Imported): Memo {
  const errors = got.result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.message} [${d.code}]`);
  expect(errors.join('; ') || 'none', `${where}: the importer's errors: ${errors.join('; ')}`).toBe('none');
  expect(got.parseErrors.join('; ') || 'none', `${where}: the memo source written does not parse`).toBe('none');
  expect(got.memo, `${where}: no memo`).toBeDefined();
  return got.memo!;
}

/** Markdown links `[words](address)` of a text (a bare address in angle brackets is no link on words). */
function markdownLinks(markdown: string): Array<{ text: string; href: string; before: string }> {
  const decode = (href: string) => href.replace(/%2[089]|%3[CE]|%5C/gi, (c) => decodeURIComponent(c));
  const plain = (text: string) => text.replace(/(?<!!)\[((?:\\.|[^\]\\])*)\]\([^)]*\)/gu, '$1').replace(/\*\*|\\/gu, '');
  // (before: the words just before it in its paragraph — where it stands.)
  return markdown.split('\n').flatMap((line) =>
    [...line.matchAll(/(?<!!)\[((?:\\.|[^\]\\])*)\]\(<?([^)\s>]*)>?\)/gu)].map((m) => ({ text: m[1]!.replace(/\\(.)/gu, '$1'), href: decode(m[2]!), before: plain(line.slice(0, m.index).replace(/^\s*(?:[-*]|#+)\s+/u, '')).replace(/\s+/gu, ' ').slice(-20) })),
  );
}

/** The source's links on words (not those whose words are their address). */
function sourceLinks(markdown: string): Array<{ text: string; href: string; before: string }> {
  return markdownLinks(markdown).filter((l) => /^(https?|mailto):/u.test(l.href) && !l.text.includes('://'));
}

/** The addresses a form keeps for its links: a page's hrefs, a Word file's external targets, a PDF's link annotations, a Markdown file's links. */
function formLinks(file: string): Set<string> {
  const ext = path.extname(file);
  const amp = (s: string) => s.replace(/&amp;/g, '&');
  if (ext === '.html') return new Set([...readFileSync(file, 'utf8').matchAll(/href="([^"]+)"/g)].map((m) => amp(m[1]!)));
  if (ext === '.docx') return new Set([...execFileSync('unzip', ['-p', file, 'word/_rels/document.xml.rels'], { encoding: 'utf8' }).matchAll(/Target="([^"]+)"\s+TargetMode="External"|TargetMode="External"\s+Target="([^"]+)"/g)].map((m) => amp(m[1] ?? m[2]!)));
  if (ext === '.pdf') return new Set(execFileSync('pdfinfo', ['-url', file], { encoding: 'utf8' }).split('\n').slice(1).map((l) => l.trim().split(/\s+/)[2] ?? '').filter(Boolean));
  if (ext === '.md') return new Set(markdownLinks(readFileSync(file, 'utf8')).map((l) => l.href));
  return new Set();
}

/**
 * A Markdown document's blocks (after its front matter), each as plain text: a list item (the line
 * of its marker and the lines it continues on), a paragraph (its lines), a heading.
 */
function blocks(markdown: string): Array<{ text: string; item: boolean; line: number }> {
  const { frontMatter, body } = splitFrontMatter(markdown);
  // Line numbers counted from the file's first line, front matter included (as skip_source_lines counts them).
  const first = frontMatter ? frontMatter.split('\n').length + 3 : 1;
  const out: Array<{ lines: string[]; item: boolean; line: number }> = [];
  let open = false;
  for (const [i, line] of body.split('\n').entries()) {
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\S/.test(line);
    if (!line.trim()) open = false;
    else if (item || /^\s{0,3}#{1,6}\s/.test(line) || !open) {
      out.push({ lines: [plainLine(line)], item, line: first + i });
      open = !/^\s{0,3}#/.test(line);
    } else out.at(-1)!.lines.push(plainLine(line));
  }
  return out.map(({ lines, item, line }) => ({ text: n(lines.join(' ')), item, line })).filter((b) => b.text);
}

/** What the report lists as left out of the body: dropped lines, and title block lines moved to the front matter. */
const dropped = (got: Imported) => [...(got.result.report?.dropped ?? []), ...(got.result.report?.titleBlock ?? [])].map((d) => normalizeSpace(d.text));
const n = normalizeSpace;

/**
 * Text with a form's blind wraps closed up: where a PDF wraps a line between a number and Japanese text
 * and draws no space at wraps (Chromium), a space there cannot be told from none, so the comparison reads
 * either. Only the listed junctions, each proved a wrap of the form below.
 */
const closeBlindWraps = (text: string, wraps: string[] = []) => wraps.reduce((t, w) => { const [l, r] = w.split('|') as [string, string]; return t.replaceAll(`${l} ${r}`, l + r); }, text);

/** The form's text lines as poppler reads them (a second reader's line breaks). */
const popplerLines = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());

describe('corpus: the comparison itself', () => {
  it('finds every sentence of each source in the source itself, and of the bundled memo in its memo source', () => {
    for (const doc of docs) {
      const source = readFileSync(path.join(DIR, doc, 'source.md'), 'utf8');
      const sentences = sourceSentences(source);
      expect(sentences.length, doc).toBeGreaterThan(20);
      expect(sentences.filter((x) => !memoPlainText(source).includes(x)), doc).toEqual([]);
    }
    const bundled = readFileSync(path.join(DIR, '../../slides/asi-policy-memo-4/memo.md'), 'utf8');
    const asi = readFileSync(path.join(DIR, 'asi-memo-4/source.md'), 'utf8');
    expect(sourceSentences(asi).filter((x) => !memoPlainText(bundled).includes(x))).toEqual([]);
  });

  it('notices a sentence that is lost, changed or has lost a space', () => {
    const source = '# T\n\n## A\n\nOne sentence here. Another “quoted” one.\n\n- 日本語の文です。ASI は 2017 年に。\n';
    const memo = (body: string) => `---\ntitle: T\n---\n\n## A\n\n${body}\n`;
    const missing = (body: string) => sourceSentences(source, { skipTitle: true }).filter((x) => !memoPlainText(memo(body)).includes(x));
    expect(missing('One sentence here.[^1] Another “quoted” one.\n\n- 日本語の文です。ASI は 2017 年に。\n\n[^1]: A note.')).toEqual([]);
    expect(missing('One sentence here. Another "quoted" one.\n\n- 日本語の文です。ASIは 2017 年に。')).toEqual(['Another “quoted” one.', 'ASI は 2017 年に。']);
    expect(missing('- 日本語の文です。ASI は 2017 年に。')).toEqual(['One sentence here.', 'Another “quoted” one.']);
  });
});

for (const doc of docs) {
  const expected = YAML.parse(readFileSync(path.join(DIR, doc, 'expected.yaml'), 'utf8')) as Expected;
  const source = readFileSync(path.join(DIR, doc, 'source.md'), 'utf8');
  const siteText = site[expected.language]!;

  describe(`corpus ${doc}`, () => {
    it('expected.yaml agrees with source.md and forms/ (the ground truth itself)', () => {
      const sourceLines = source.split('\n').map((l) => n(l.replace(/^#+\s+|^\s*[-*]\s+|\*\*|\\/g, '')));
      for (const s of [...expected.sections, ...(expected.sections_alternative ?? [])]) {
        if (s.title !== expected.front_matter.title) expect(sourceLines, `${doc}: section ${s.title}`).toContain(n(s.title));
      }
      const plain = n(splitFrontMatter(source).body.replace(/\\/g, ''));
      for (const f of expected.footnotes) expect(plain, `${doc}: footnote ${f.label}`).toContain(n(f.opens));
      for (const t of siteText.text) expect(source, `${doc}: site text ${t} is in the source`).not.toContain(t);
      const files = readdirSync(path.join(DIR, doc, 'forms')).sort();
      expect(files, `${doc}: forms/ and expected.yaml forms`).toEqual(Object.keys(expected.forms).sort());
      // A blind wrap is a wrap of its form (poppler ends a line at its left side), at a junction the source has.
      for (const [form, spec] of Object.entries(expected.forms)) {
        for (const w of spec.blind_wraps ?? []) {
          const [l, r] = w.split('|') as [string, string];
          expect(source.includes(l + r) || source.includes(`${l} ${r}`), `${doc}: ${form}: blind wrap ${w} is in the source`).toBe(true);
          const lines = popplerLines(path.join(DIR, doc, 'forms', form));
          expect(lines.some((line, i) => line.endsWith(l) && lines[i + 1]?.startsWith(r)), `${doc}: ${form}: blind wrap ${w} is a line wrap of the PDF`).toBe(true);
        }
      }
    });

    for (const [form, spec] of Object.entries(expected.forms)) {
      const file = path.join(DIR, doc, 'forms', form);
      const where = `${doc}/${form}`;
      const carries = new Set(spec.carries === 'all' ? [...Object.keys(expected.front_matter), ...Object.keys(expected.title_lines ?? {})] : spec.carries);
      const levels = !spec.exceptions?.includes('heading-levels');

      /** A check of this form; one listed in known-failures.txt is expected to fail (it.fails), so a fix shows. */
      const check = (id: string, name: string, fn: () => Promise<void>) => (known.has(`${doc}/${form} ${id}`) ? it.fails : it)(`${name} [${id}]`, fn);

      describe(form, () => {
        check('import', 'imports without errors (the CLI\'s too: no sentence unplaced or placed twice), to a memo source that parses', async () => {
          const got = await imported(file);
          memoOf(where, got);
          const lost = got.result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message);
          expect(lost.join('; ') || 'none', `${where}: the second reading finds text lost or altered`).toBe('none');
          const report = got.result.report!;
          const problems = [...report.missing.map((m) => `not placed: 「${m.slice(0, 40)}」`), ...report.repeated.map((m) => `placed more than once: 「${m.slice(0, 40)}」`)];
          expect(problems, `${where}: the report (${report.placed}/${report.body}): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` +${problems.length - 3}` : ''}`).toEqual([]);
        });

        check('front-matter', `front matter: ${[...carries].filter((k) => FIELDS.includes(k as FrontMatterKey)).join(', ')}`, async () => {
          const memo = memoOf(where, await imported(file));
          const got: Record<string, unknown> = {};
          const want: Record<string, unknown> = {};
          for (const key of FIELDS) {
            const value = expected.front_matter[key];
            const actual = (memo.meta as unknown as Record<string, unknown>)[key];
            const norm = (v: unknown) => (Array.isArray(v) ? v.map((x) => n(String(x))) : v === undefined || v === '' ? undefined : n(String(v)));
            got[key] = norm(key === 'authors' && Array.isArray(actual) && actual.length === 0 ? undefined : actual);
            // A fact the form carries must be read; one it does not carry must not be made up.
            want[key] = carries.has(key) ? norm(value) : got[key] === undefined || JSON.stringify(got[key]) === JSON.stringify(norm(value)) ? got[key] : '(absent: the form does not carry it)';
          }
          const diff = FIELDS.filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k])).map((k) => `${k} ${JSON.stringify(got[k]) ?? 'absent'} (expected ${JSON.stringify(want[k]) ?? 'absent'})`);
          expect(got, `${where}: front matter: ${diff.join('; ')}`).toEqual(want);
          expect(memo.meta.language, `${where}: language`).toBe(expected.language);
        });

        const titleLines = Object.entries(expected.title_lines ?? {}).filter(([k]) => carries.has(k));
        const facts = (['series', 'date', 'publisher', 'program', 'authors'] as const).filter((k) => carries.has(k) && expected.front_matter[k] !== undefined);
        if (titleLines.length || facts.length) {
          check('title-page', `title page lines (${[...titleLines.map(([k]) => k), ...facts].join(', ')}): not in the body; in the front matter or listed as dropped`, async () => {
            const got = await imported(file);
            memoOf(where, got);
            const { frontMatter } = splitFrontMatter(got.markdown);
            const body = memoPlainLines(got.markdown);
            const wrong: string[] = [];
            // A title page fact is the front matter's, not a paragraph of the body.
            for (const key of facts) {
              const value = expected.front_matter[key]!;
              const forms = Array.isArray(value) ? [value.join(', '), value.join('、'), value.join(' '), ...(value.length === 1 ? value : [])] : [value];
              if (forms.some((f) => body.includes(n(f)))) wrong.push(`${key} 「${forms[0]}」 is a line of the body`);
            }
            for (const [key, text] of titleLines) {
              if (body.includes(n(text))) wrong.push(`${key} 「${text}」 is in the body`);
              else if (!n(frontMatter).includes(n(text)) && !dropped(got).some((d) => d.includes(n(text)))) wrong.push(`${key} 「${text}」 is neither in the front matter nor listed as dropped`);
            }
            expect(wrong, `${where}: title page lines: ${wrong.join('; ')}`).toEqual([]);
          });
        }

        check('sections', `sections and parts${levels ? '' : ' (in order; their levels are not in this form)'}`, async () => {
          const memo = memoOf(where, await imported(file));
          const t = (text: string) => closeBlindWraps(n(text), spec.blind_wraps);
          const tree = (ss: Expected['sections']) => ss.map((s) => ({ title: t(s.title), parts: (s.parts ?? []).map(t) }));
          const flat = (ss: Expected['sections']) => ss.flatMap((s) => [t(s.title), ...(s.parts ?? []).map(t)]);
          const all = memo.sections.map((s) => ({ title: t(s.heading.text), parts: s.parts.map((p) => t(p.heading.text)) }));
          const optional = (expected.optional_sections ?? []).map(n);
          let actual = all.filter((s) => !optional.includes(s.title));
          const wanted = [expected.sections, ...(expected.sections_alternative ? [expected.sections_alternative] : [])];
          const leading = Math.min(expected.leading_sections ?? 0, Math.max(0, actual.length - expected.sections.length));
          const firstWanted = n(expected.sections[0]!.title);
          // Up to `leading_sections` sections may come first: those before the first expected one.
          const lead = actual.findIndex((s) => s.title === firstWanted);
          if (leading > 0 && lead > 0 && lead <= (expected.leading_sections ?? 0)) actual = actual.slice(lead);
          const banned = (expected.not_headings ?? []).map(n);
          const forbidden = flat(all as Expected['sections']).filter((h) => banned.includes(h));
          expect(forbidden, `${where}: headings that must not be: ${forbidden.join(', ')}`).toEqual([]);
          const shape = levels ? (ss: Expected['sections']) => tree(ss) : flat;
          const got = shape(actual as Expected['sections']);
          const match = wanted.find((w) => JSON.stringify(shape(w)) === JSON.stringify(got));
          const titles = flat(all as Expected['sections']).map((t) => `「${t.slice(0, 30)}」`);
          expect(got, `${where}: sections${wanted.length > 1 ? ' (or the alternative in expected.yaml)' : ''}: the memo's headings are ${titles.join(' ')}`).toEqual(shape(match ?? wanted[0]!));
          // The title is the front matter's, never a section of its own.
          if (!wanted.some((w) => w.some((s) => s.title === expected.front_matter.title))) {
            expect(flat(actual as Expected['sections']), `${where}: the title became a heading`).not.toContain(n(expected.front_matter.title));
          }
        });

        check('notes', `notes as footnotes: ${expected.footnotes.length}`, async () => {
          const memo = memoOf(where, await imported(file));
          const actual = memo.footnotes.map((f, i) => {
            const text = n(f.sentences.map((s) => s.text).join(' '));
            const opens = expected.footnotes[i]?.opens;
            return { label: f.label, opens: opens && text.startsWith(n(opens)) ? opens : text.slice(0, 60) };
          });
          expect(actual, `${where}: footnotes: ${memo.footnotes.length} of ${expected.footnotes.length}${actual.length ? `: ${actual.map((f) => `[^${f.label}] ${f.opens.slice(0, 30)}`).join('; ')}` : ''}`).toEqual(expected.footnotes);
        });

        // The source's links on words (a bare address is linked as it is written), as far as the form
        // keeps their addresses: each on its words in memo.md, where the source has it (the words before it).
        const carried = formLinks(file);
        const wantedLinks = sourceLinks(source).filter((l) => carried.has(l.href));
        if (wantedLinks.length) {
          check('links', `links on their words: ${wantedLinks.length}`, async () => {
            const got = await imported(file);
            memoOf(where, got);
            const key = (l: { text: string; href: string; before: string }) => `…${l.before}[${n(l.text)}] → ${l.href}`;
            const written = new Set(markdownLinks(got.markdown).map(key));
            const lost = wantedLinks.map(key).filter((l) => !written.has(l));
            expect(lost, `${where}: links not on their words in memo.md (${lost.length} of ${wantedLinks.length})`).toEqual([]);
          });
        }

        check('site-text', 'no site text anywhere in memo.md', async () => {
          const got = await imported(file);
          memoOf(where, got);
          const lines = memoPlainLines(got.markdown);
          const found = [
            ...siteText.text.filter((t) => got.markdown.includes(t)).map((t) => `text 「${t}」`),
            ...lines.filter((l) => siteText.lines.includes(l)).map((l) => `line 「${l}」`),
            ...lines.filter((l) => siteText.patterns.some((p) => new RegExp(p, 'u').test(l))).map((l) => `line 「${l}」`),
          ];
          expect([...new Set(found)], `${where}: site text in memo.md: ${[...new Set(found)].join(', ')}`).toEqual([]);
        });

        // Each list item of the source is one block of memo.md, whole (a list item, or a paragraph
        // where the form marks no list): not run into the next (two points made one), not parted (the
        // rest of a point made a point of its own). The sentence check cannot see either: it reads
        // the memo as one text.
        const [skipFrom, skipTo] = expected.skip_source_lines ?? [0, -1];
        const items = blocks(source).filter((b) => b.item && !(b.line >= skipFrom && b.line <= skipTo) && !expected.may_drop.some((d) => n(d).includes(b.text)));
        if (items.length) {
          check('lists', `list items, each one block: ${items.length}`, async () => {
            const got = await imported(file);
            memoOf(where, got);
            const t = (text: string) => closeBlindWraps(n(text), spec.blind_wraps);
            const written = new Set(blocks(got.markdown).map((b) => t(b.text)));
            const notWhole = items.map((i) => t(i.text)).filter((item) => !written.has(item));
            expect(notWhole.map((i) => `「${i.slice(0, 40)}」`), `${where}: list items of the source not one block of memo.md (${notWhole.length} of ${items.length})`).toEqual([]);
          });
        }

        check('sentences', 'every sentence of the source, unchanged', async () => {
          const got = await imported(file);
          memoOf(where, got);
          const optional = new Set([...expected.may_drop, ...(spec.lacks ?? [])].flatMap((t) => splitSentences(t)));
          const haystack = closeBlindWraps(memoPlainText(got.markdown), spec.blind_wraps);
          const missing = sourceSentences(source, { skipTitle: true, skipLines: expected.skip_source_lines }).filter((s) => !optional.has(s) && !haystack.includes(closeBlindWraps(s, spec.blind_wraps)));
          expect(missing, `${where}: ${missing.length} sentences of the source missing or changed in memo.md, e.g. ${missing.slice(0, 2).map((m) => `「${m.slice(0, 50)}」`).join(' ')}`).toEqual([]);
        });

        if (expected.may_drop.length) {
          check('may-drop', 'text that may be left out: kept, or listed as dropped', async () => {
            const got = await imported(file);
            memoOf(where, got);
            // A PDF printed without an emoji font carries no emoji: they are left out of the comparison.
            // A label's brackets ("[概要]") may go when it becomes a heading.
            const plain = (s: string) => n(s.replace(/[\p{Extended_Pictographic}\u{FE0F}[\]]/gu, ''));
            const haystack = plain(memoPlainText(got.markdown));
            const lost = expected.may_drop.filter((t) => !spec.lacks?.includes(t)).filter((t) => !haystack.includes(plain(t)) && !dropped(got).some((d) => plain(d).includes(plain(t)) || (plain(t).includes(plain(d)) && plain(d).length > 10)));
            expect(lost, `${where}: left out without a word in the report: ${lost.join(' / ')}`).toEqual([]);
            const headings = memo_headings(got);
            // A notice is never a heading; a bracketed label ("[概要]") may become its section's title.
            const notices = expected.may_drop.filter((t) => !/^\[.*\]$/.test(t));
            const wrongHeadings = headings.filter((h) => notices.some((t) => n(t).includes(h) && h.length > 3));
            expect(wrongHeadings, `${where}: a notice became the title or a heading: ${wrongHeadings.join(', ')}`).toEqual([]);
          });
        }
      });
    }
  });
}

/** The title and every section and part title of the memo. */
function memo_headings(got: Imported): string[] {
  const memo = got.memo!;
  return [n(memo.meta.title), ...memo.sections.flatMap((s) => [n(s.heading.text), ...s.parts.map((p) => n(p.heading.text))])];
}
