// The corpus: real documents (tests/corpus/<doc>/source.md) in the forms real producers publish
// them (forms/: pandoc, LibreOffice and Chromium files, web pages inside a platform's chrome,
// text a browser copied), each imported and compared with the memo source a person would write
// (expected.yaml, by hand). The comparison reads Markdown with its own rules
// (tests/corpus/sentences.ts), not the importer's. See tests/corpus/README.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { importBytes, type ImportResult } from '../src/import/import.ts';
import { parseMemo } from '../src/parse/parse.ts';
import type { Memo } from '../src/model/types.ts';
import { memoPlainLines, memoPlainText, normalizeSpace, sourceSentences, splitFrontMatter, splitSentences } from './corpus/sentences.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

type FrontMatterKey = 'title' | 'series' | 'authors' | 'date' | 'publisher' | 'program';
const FIELDS: FrontMatterKey[] = ['title', 'series', 'authors', 'date', 'publisher', 'program'];
interface Expected {
  doc: string;
  language: string;
  front_matter: Partial<Record<FrontMatterKey, string | string[]>> & { title: string };
  title_lines?: Record<string, string>;
  leading_section?: 'optional';
  sections: Array<{ title: string; parts?: string[] }>;
  sections_alternative?: Array<{ title: string; parts?: string[] }>;
  footnotes: Array<{ label: string; opens: string }>;
  may_drop: string[];
  forms: Record<string, { carries: 'all' | string[]; exceptions?: string[] }>;
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

/** Imports a form once, in process, and parses the memo source it gives. */
function imported(file: string): Promise<Imported> {
  if (!cache.has(file)) {
    cache.set(
      file,
      (async () => {
        const result = await importBytes(readFileSync(file), { file });
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
  expect(errors.join('; ') || 'none', `${where}: the importer's errors`).toBe('none');
  expect(got.parseErrors.join('; ') || 'none', `${where}: the memo source written does not parse`).toBe('none');
  expect(got.memo, `${where}: no memo`).toBeDefined();
  return got.memo!;
}

const dropped = (got: Imported) => (got.result.report?.dropped ?? []).map((d) => normalizeSpace(d.text));
const n = normalizeSpace;

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
    });

    for (const [form, spec] of Object.entries(expected.forms)) {
      const file = path.join(DIR, doc, 'forms', form);
      const where = `${doc}/${form}`;
      const carries = new Set(spec.carries === 'all' ? [...Object.keys(expected.front_matter), ...Object.keys(expected.title_lines ?? {})] : spec.carries);
      const levels = !spec.exceptions?.includes('heading-levels');

      describe(form, () => {
        it('imports without errors, to a memo source that parses', async () => {
          memoOf(where, await imported(file));
        });

        it(`front matter: ${[...carries].filter((k) => FIELDS.includes(k as FrontMatterKey)).join(', ')}`, async () => {
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
          expect(got, `${where}: front matter`).toEqual(want);
          expect(memo.meta.language, `${where}: language`).toBe(expected.language);
        });

        const titleLines = Object.entries(expected.title_lines ?? {}).filter(([k]) => carries.has(k));
        if (titleLines.length) {
          it(`title page lines (${titleLines.map(([k]) => k).join(', ')}): not in the body; in the front matter or listed as dropped`, async () => {
            const got = await imported(file);
            memoOf(where, got);
            const { frontMatter } = splitFrontMatter(got.markdown);
            const body = memoPlainLines(got.markdown);
            const wrong: string[] = [];
            for (const [key, text] of titleLines) {
              if (body.includes(n(text))) wrong.push(`${key} 「${text}」 is in the body`);
              else if (!n(frontMatter).includes(n(text)) && !dropped(got).some((d) => d.includes(n(text)))) wrong.push(`${key} 「${text}」 is neither in the front matter nor listed as dropped`);
            }
            expect(wrong, `${where}: title page lines`).toEqual([]);
          });
        }

        it(`sections and parts${levels ? '' : ' (in order; their levels are not in this form)'}`, async () => {
          const memo = memoOf(where, await imported(file));
          const tree = (ss: Expected['sections']) => ss.map((s) => ({ title: n(s.title), parts: (s.parts ?? []).map(n) }));
          const flat = (ss: Expected['sections']) => ss.flatMap((s) => [n(s.title), ...(s.parts ?? []).map(n)]);
          let actual = memo.sections.map((s) => ({ title: n(s.heading.text), parts: s.parts.map((p) => n(p.heading.text)) }));
          const wanted = [expected.sections, ...(expected.sections_alternative ? [expected.sections_alternative] : [])];
          if (expected.leading_section === 'optional' && actual.length === expected.sections.length + 1) actual = actual.slice(1);
          const shape = levels ? (ss: Expected['sections']) => tree(ss) : flat;
          const got = shape(actual as Expected['sections']);
          const match = wanted.find((w) => JSON.stringify(shape(w)) === JSON.stringify(got));
          expect(got, `${where}: sections${wanted.length > 1 ? ' (or the alternative in expected.yaml)' : ''}`).toEqual(shape(match ?? wanted[0]!));
          // The title is the front matter's, never a section of its own.
          if (!wanted.some((w) => w.some((s) => s.title === expected.front_matter.title))) {
            expect(flat(actual as Expected['sections']), `${where}: the title became a heading`).not.toContain(n(expected.front_matter.title));
          }
        });

        it(`notes as footnotes: ${expected.footnotes.length}`, async () => {
          const memo = memoOf(where, await imported(file));
          const actual = memo.footnotes.map((f, i) => {
            const text = n(f.sentences.map((s) => s.text).join(' '));
            const opens = expected.footnotes[i]?.opens;
            return { label: f.label, opens: opens && text.startsWith(n(opens)) ? opens : text.slice(0, 60) };
          });
          expect(actual, `${where}: footnotes`).toEqual(expected.footnotes);
        });

        it('no site text anywhere in memo.md', async () => {
          const got = await imported(file);
          memoOf(where, got);
          const lines = memoPlainLines(got.markdown);
          const found = [
            ...siteText.text.filter((t) => got.markdown.includes(t)).map((t) => `text 「${t}」`),
            ...lines.filter((l) => siteText.lines.includes(l)).map((l) => `line 「${l}」`),
            ...lines.filter((l) => siteText.patterns.some((p) => new RegExp(p, 'u').test(l))).map((l) => `line 「${l}」`),
          ];
          expect([...new Set(found)], `${where}: site text in memo.md`).toEqual([]);
        });

        it('every sentence of the source, unchanged', async () => {
          const got = await imported(file);
          memoOf(where, got);
          const optional = new Set(expected.may_drop.flatMap((t) => splitSentences(t)));
          const haystack = memoPlainText(got.markdown);
          const missing = sourceSentences(source, { skipTitle: true }).filter((s) => !optional.has(s) && !haystack.includes(s));
          expect(missing, `${where}: ${missing.length} sentences of the source missing or changed in memo.md`).toEqual([]);
        });

        if (expected.may_drop.length) {
          it('text that may be left out: kept, or listed as dropped', async () => {
            const got = await imported(file);
            memoOf(where, got);
            // A PDF printed without an emoji font carries no emoji: they are left out of the comparison.
            const plain = (s: string) => n(s.replace(/[\p{Extended_Pictographic}\u{FE0F}]/gu, ''));
            const haystack = plain(memoPlainText(got.markdown));
            const lost = expected.may_drop.filter((t) => !haystack.includes(plain(t)) && !dropped(got).some((d) => plain(d).includes(plain(t)) || (plain(t).includes(plain(d)) && plain(d).length > 10)));
            expect(lost, `${where}: left out without a word in the report`).toEqual([]);
            const headings = memo_headings(got);
            expect(headings.filter((h) => expected.may_drop.some((t) => n(t).includes(h) && h.length > 3)), `${where}: a notice became the title or a heading`).toEqual([]);
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
