// Issue 19, items 2 and 6: a PowerPoint file holds only characters XML 1.0 allows, and a memo's
// structure is never lost without a word. A vertical tab (PowerPoint's own soft line break) is a
// line break on the slide; any other control character — a form feed from a PDF's text, an
// escape — is an error at the line of memo.md, its front matter or deck.yaml that holds it, and
// nothing is written. A `{…}` marker that cannot be read (a quote left open) is an error at its
// heading. The files are opened by a real XML parser (expat) and by LibreOffice.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefdeckError } from '../src/core/errors.ts';
import { parseMemo } from '../src/parse/parse.ts';
import type { Presentation } from '../src/pptx/model.ts';
import { writePresentation } from '../src/pptx/write.ts';
import { defaultTemplate } from '../src/pptx/template-default.ts';
import { loadTheme } from '../src/model/theme.ts';

/** briefdeck's own template, fresh (the writer adds its slides to it). */
const template = () => defaultTemplate(loadTheme(), { language: 'en' });
import { copyDeck, FIXTURES, runCli, tempDir } from './helpers.ts';
import { officePdf } from './office.ts';
import { xmlProblems } from './xml.ts';

const ENGLISH = path.join(FIXTURES, 'shapes/english-brief');
const made: string[] = [];
const temp = (prefix?: string) => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the English brief, its memo edited and a deck.yaml written. */
function deckWith(edit: (memo: string) => string, deckYaml?: string): string {
  const dir = copyDeck(ENGLISH, 'brief');
  made.push(path.dirname(dir));
  const memo = path.join(dir, 'memo.md');
  writeFileSync(memo, edit(readFileSync(memo, 'utf8')));
  if (deckYaml !== undefined) writeFileSync(path.join(dir, 'deck.yaml'), deckYaml);
  return dir;
}

/** Line (1-based) of the memo that holds `text`. */
const lineOf = (dir: string, text: string) => readFileSync(path.join(dir, 'memo.md'), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

/** `briefdeck pptx <deck> --out <fresh folder>`, as a user runs it. */
async function pptx(dir: string) {
  const out = temp();
  const run = await runCli('pptx', dir, '--out', out);
  return { ...run, out, file: path.join(out, 'brief', 'brief.pptx') };
}

/** Refused as a user should see it: exit 1, the place named, no stack trace, no file. */
function expectRefused(run: Awaited<ReturnType<typeof pptx>>, where: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(where);
  expect(run.stderr).not.toMatch(/\n\s+at \S|a bug in briefdeck/);
  expect(existsSync(run.file)).toBe(false);
  expect(readdirSync(run.out)).toEqual([]);
}

describe('characters XML 1.0 forbids', () => {
  it('a form feed in the memo is an error at its line and column, and no PowerPoint file is written', async () => {
    const dir = deckWith((m) => m.replace('Yet surveys show', 'Yet\fsurveys show'));
    const line = lineOf(dir, 'Yet\fsurveys');
    const run = await pptx(dir);
    expectRefused(run, new RegExp(`memo\\.md:${line}: error: the character U\\+000C \\(form feed\\) at column \\d+: a memo's text cannot hold it \\[control-character\\]`));
    expect(run.stderr).toMatch(/hint: delete it/);
  }, 120_000);

  it('so are the other control characters, U+FFFE and a character reference that makes one, each at its own line', () => {
    const source = readFileSync(path.join(ENGLISH, 'memo.md'), 'utf8')
      .replace('Public statistics', 'Public\u0001statistics')
      .replace('Revisions are', 'Revisions\u001Bare')
      .replace('Release dates', 'Release\uFFFEdates');
    const lines = source.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const found = parseMemo(source, 'memo.md').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);
    expect(found).toEqual([
      `${at('Public\u0001')}: control-character: the character U+0001 (control character) at column 7: a memo's text cannot hold it`,
      `${at('Revisions\u001B')}: control-character: the character U+001B (escape) at column 12: a memo's text cannot hold it`,
      `${at('Release\uFFFE')}: control-character: the character U+FFFE (noncharacter) at column 10: a memo's text cannot hold it`,
    ]);
    // &#12; is a form feed once the Markdown is read (the line itself shows none).
    const reference = source.replace(/[\u0001\u001B\uFFFE]/g, ' ').replace('Fix the calendar', 'Fix&#12;the calendar');
    const result = parseMemo(reference, 'memo.md');
    expect(result.memo).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([[reference.split('\n').findIndex((l) => l.includes('&#12;')) + 1, 'control-character']]);
  });

  it('a character reference that makes one in an image’s alternative text is an error at its line, not the writer’s last guard', async () => {
    const dir = deckWith((m) => m.replace('Yet surveys show', '![A chart &#12; of the surveys](chart.png)\n\nYet surveys show'));
    writeFileSync(path.join(dir, 'chart.png'), readFileSync(path.join(FIXTURES, 'images/picture/water-level.png')));
    const run = await pptx(dir);
    expectRefused(run, new RegExp(`memo\\.md:${lineOf(dir, '&#12;')}: error: a character reference makes the character U\\+000C \\(form feed\\).*\\[control-character\\]`));
  }, 120_000);

  it('in the front matter and in deck.yaml (written as it is or as a YAML escape) it is an error at that line', async () => {
    const front = await pptx(deckWith((m) => m.replace('authors: [Maria Lopez]', 'authors: ["Maria\\x07Lopez"]')));
    expectRefused(front, /memo\.md:3: error: "authors\.0" holds the character U\+0007 \(control character\), which no slide or PowerPoint file can hold \[front-matter-character\]/);
    const yaml = await pptx(deckWith((m) => m, 'theme: default\nbrand:\n  footer: "Centre\\ffor Open Government"\n'));
    expectRefused(yaml, /deck\.yaml:3: error: "brand\.footer" holds the character U\+000C \(form feed\)/);
  }, 120_000);

  it('a vertical tab in the memo is a line break of its paragraph (in the deck a <br>, in the PPTX an <a:br/>)', () => {
    const source = readFileSync(path.join(ENGLISH, 'memo.md'), 'utf8').replace('Keep a public log of every revision', 'Keep a public log\vof every `revision\vlog`');
    const result = parseMemo(source, 'memo.md');
    expect(result.diagnostics).toEqual([]);
    const item = JSON.stringify(result.memo!.sections.at(-1)!.parts[0]!.blocks);
    expect(item).toContain('{"type":"text","text":"Keep a public log"},{"type":"linebreak"},{"type":"text","text":"of every "},{"type":"code","text":"revision"},{"type":"linebreak"},{"type":"code","text":"log"}');
    expect(item).not.toContain('\\u000b');
  });

  it('the PowerPoint writer refuses a part that would hold one, whatever brought it (no file is made)', async () => {
    const paragraph = { runs: [{ text: 'Page one\fpage two' }], size: 18, color: '#000000', lineHeight: 1.4 };
    const deck: Presentation = {
      title: 'A deck',
      authors: ['A. Author'],
      lang: 'en-US',
      size: { w: 13.333, h: 7.5 },
      warnings: [],
      slides: [{ id: 's1', layout: (await template()).layouts[0]!.part, background: '#FFFFFF', notes: [], shapes: [{ type: 'text', name: 'Body', box: { x: 1, y: 1, w: 8, h: 2 }, paragraphs: [paragraph], valign: 'top' }] }],
    };
    const error = await writePresentation(deck, await template()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as Error).message).toBe('the PowerPoint file was not written: its part ppt/slides/slide1.xml would hold the character U+000C (form feed) (after "Page one"), which XML forbids');
    // A vertical tab in the same place is a soft line break.
    const bytes = await writePresentation({ ...deck, slides: [{ ...deck.slides[0]!, notes: ['Say one\vsay two'], shapes: [{ ...deck.slides[0]!.shapes[0]!, paragraphs: [{ ...paragraph, runs: [{ text: 'Page one\vpage two' }] }] } as Presentation['slides'][0]['shapes'][0]] }] }, await template());
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toMatch(/<a:t>Page one<\/a:t><\/a:r><a:br\/><a:r>[\s\S]*?<a:t>page two<\/a:t>/);
    expect(await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string')).toMatch(/<a:t>Say one<\/a:t><\/a:r><a:br\/><a:r>[\s\S]*?<a:t>say two<\/a:t>/);
  });

  it('a vertical tab is a line break: in a paragraph, a heading, a note, the title and the footer; every XML part parses and LibreOffice shows the text', async () => {
    const dir = deckWith(
      (m) =>
        m
          .replace('title: Rebuilding Trust in Public Statistics', 'title: "Rebuilding Trust\\vin Public Statistics"')
          .replace('Keep a public log of every revision', 'Keep a public log\vof every revision')
          .replace('### 2. Political timing', '### 2. Political\vtiming')
          .replace('Yet surveys show', 'Yet surveys\vshow'),
      'brand:\n  footer: "Centre for\\vOpen Government"\n',
    );
    const run = await pptx(dir);
    expect(run.code, run.stderr).toBe(0);
    const { parts, problems } = xmlProblems(run.file);
    expect(problems).toEqual([]);
    expect(parts).toBeGreaterThan(20);
    const zip = await JSZip.loadAsync(readFileSync(run.file));
    const xml = (await Promise.all(Object.values(zip.files).filter((f) => /\.(xml|rels)$/.test(f.name)).map((f) => f.async('string')))).join('\n');
    expect(xml).not.toContain('\v');
    // On a slide, the words on two lines of one paragraph: a soft break between two runs.
    for (const [a, b] of [['Keep a public log', 'of every revision'], ['Political', 'timing'], ['Centre for', 'Open Government']]) {
      expect(xml, `${a} / ${b}`).toMatch(new RegExp(`<a:t>[^<]*${a}</a:t></a:r><a:br/><a:r>(?:(?!</a:p>)[\\s\\S])*?<a:t>${b}`));
    }
    // In the notes, where each paragraph of the memo is one paragraph, a space.
    expect(xml).toContain('<a:t>Public statistics guide decisions worth billions every year. Yet surveys show that fewer');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:title>Rebuilding Trust\nin Public Statistics</dc:title>');
    // LibreOffice opens it and shows the words on both sides of every break.
    const lo = temp('briefdeck-lo-');
    officePdf([run.file], lo);
    const text = execFileSync('pdftotext', [path.join(lo, 'brief.pdf'), '-'], { encoding: 'utf8' });
    for (const words of ['Keep a public log', 'of every revision', 'Political', 'timing', 'Centre for', 'Open Government', 'Rebuilding Trust']) expect(text).toContain(words);
  }, 300_000);
});

describe('a structure marker that cannot be read', () => {
  it('a quote left open in a heading’s {…} is an error at its line with a hint, not a heading that silently loses its role', async () => {
    const dir = deckWith((m) => m.replace('### Openness {#openness .approach}', '### Openness {#openness .approach title="x}'));
    const line = lineOf(dir, '### Openness');
    const run = await pptx(dir);
    expectRefused(run, new RegExp(`memo\\.md:${line}: error: the marker "\\{#openness \\.approach title="x\\}" cannot be read \\(a quote \\(“?"”?\\) in it is never closed\\)`));
    expect(run.stderr).toMatch(/hint: close the quote \(serves="approach-1"\) or delete it/);
  }, 120_000);

  it('as is one without its closing brace; a brace in a heading’s text is no marker', () => {
    const source = readFileSync(path.join(ENGLISH, 'memo.md'), 'utf8');
    const open = source.replace('### Independence {#independence .approach}', '### Independence {#independence .approach');
    const line = open.split('\n').findIndex((l) => l.startsWith('### Independence')) + 1;
    // (The measure that serves the approach then serves no known one: said too.)
    expect(parseMemo(open, 'memo.md').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`)).toContain(
      `${line}: marker-unreadable: the marker "{#independence .approach" cannot be read (it has no closing "}"): it would show in the slide titles as text, and the heading would lose its role`,
    );
    // Single quotes are no quotes to markdown-it-attrs: the value would keep them.
    const single = source.replace('{.initiative serves=openness}', "{.initiative serves='openness'}");
    const measure = single.split('\n').findIndex((l) => l.startsWith('### Measure 1')) + 1;
    const said = parseMemo(single, 'memo.md').diagnostics.find((d) => d.code === 'marker-unreadable');
    expect(said).toMatchObject({ line: measure, message: "the marker's serves='openness' holds a quote: only a pair of double quotes is read as quotes", hint: 'write serves="openness"' });
    const text = source.replace('### 3. Falling response rates', '### 3. Falling response rates {R&D}');
    expect(parseMemo(text, 'memo.md').diagnostics).toEqual([]);
  });
});
