// The second witness of an import: the input read again, the simplest way its format allows and
// with none of the importer's rules, and every piece of it looked for in the memo source written.
// A piece the memo source does not hold, and that the report does not list as dropped or moved to
// the front matter, is reported by its line: "100%" means every piece of the input is accounted for.
// - Word: the paragraphs of word/document.xml and of its foot- and endnotes, as the XML holds them;
// - a web page: the text of each block of its body;
// - Markdown: its lines without their syntax; PDF text and pasted text: their lines;
// - PDF: the text items of each page in content-stream order (pdf-witness.ts).
import JSZip from 'jszip';
import { parseHTML } from 'linkedom';
import { inlineText } from '../model/content.ts';
import type { Block, Inline, Memo } from '../model/types.ts';
import type { TitleLine } from './title-block.ts';
import type { Dropped } from './text.ts';
import { BLOCK, LEAD_MARK, squeeze, type WitnessUnit } from './witness-unit.ts';
import { strayJoins } from './witness-joins.ts';

export { BLOCK, squeeze, type WitnessUnit };


export interface WitnessResult {
  /** What was read again, for the report ("the paragraphs of word/document.xml"). */
  reading: string;
  units: number;
  /** Found in the memo source. */
  found: number;
  /** Listed in the report as dropped, or moved to the front matter. */
  listed: number;
  /** Neither: lost or altered. */
  missing: WitnessUnit[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (XML_ENTITIES[e] ?? all),
  );

/** The paragraphs of a WordprocessingML part: each <w:p>'s <w:t> texts (tabs and breaks as spaces); a paragraph inside another (a text box) is its own. */
function wordParagraphs(xml: string, part: string): WitnessUnit[] {
  const units: WitnessUnit[] = [];
  const open: string[] = [];
  const tag = /<(\/?)w:(p|t|tab|br|cr|noBreakHyphen|softHyphen|sym)\b([^>]*?)(\/?)>|<(\/?)w:(footnote|endnote)\b([^>]*?)>/gu;
  let skipNote = false;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(xml))) {
    if (m[6]) {
      // A separator "note" holds no text of the document.
      skipNote = !m[5] && /w:type="(?:separator|continuationSeparator|continuationNotice)"/u.test(m[7] ?? '');
      continue;
    }
    const [, close, name, attrs, selfClose] = m;
    if (name === 'p') {
      if (selfClose) continue;
      if (!close) open.push('');
      else {
        const text = open.pop() ?? '';
        if (!skipNote && text.trim()) units.push({ text: text.trim(), line: 0 });
      }
    } else if (open.length > 0) {
      if (name === 't' && !close && !selfClose) {
        const end = xml.indexOf('</w:t>', tag.lastIndex);
        if (end < 0) break;
        open[open.length - 1] += decodeXml(xml.slice(tag.lastIndex, end));
        tag.lastIndex = end + 6;
      } else if (name === 'tab' || name === 'br' || name === 'cr') open[open.length - 1] += ' ';
      else if (name === 'noBreakHyphen') open[open.length - 1] += '-';
      else if (name === 'sym') {
        const char = /w:char="([0-9A-Fa-f]{4})"/u.exec(attrs ?? '')?.[1];
        if (char) open[open.length - 1] += String.fromCharCode(parseInt(char, 16));
      }
    }
  }
  void part;
  return units;
}

/** Word: the paragraphs of the body, the footnotes and the endnotes. */
export async function docxWitness(bytes: Uint8Array): Promise<WitnessUnit[]> {
  const zip = await JSZip.loadAsync(bytes);
  const units: WitnessUnit[] = [];
  for (const part of ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']) {
    const xml = await zip.file(part)?.async('string');
    if (xml) units.push(...wordParagraphs(xml, part));
  }
  return units;
}

const HTML_SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SVG', 'SELECT', 'OPTION', 'TEXTAREA']);
const HTML_BLOCK = /^(?:P|DIV|SECTION|ARTICLE|MAIN|ASIDE|NAV|HEADER|FOOTER|BLOCKQUOTE|UL|OL|LI|TABLE|THEAD|TBODY|TFOOT|TR|TD|TH|CAPTION|FIGURE|FIGCAPTION|PRE|DL|DT|DD|H[1-6]|HR|ADDRESS|CENTER|FORM|FIELDSET|LEGEND|DETAILS|SUMMARY|BR)$/u;

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };

/** A web page: the text of each block of its body, every block the page shows or hides alike. */
export function htmlWitness(html: string): WitnessUnit[] {
  const { document } = parseHTML(html) as unknown as { document: { body: DomNode | null } };
  const units: WitnessUnit[] = [];
  let run = '';
  const flush = () => {
    if (run.trim()) units.push({ text: run.replace(/\s+/gu, ' ').trim(), line: 0 });
    run = '';
  };
  const visit = (node: DomNode): void => {
    if (node.nodeType === 3) {
      run += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 || HTML_SKIP.has(node.nodeName.toUpperCase())) return;
    const block = HTML_BLOCK.test(node.nodeName.toUpperCase());
    if (block) flush();
    Array.from(node.childNodes).forEach(visit);
    if (block) flush();
  };
  if (document.body) visit(document.body);
  flush();
  return units;
}

/** Lines of text: pasted from a page, or extracted from a PDF. */
export function textWitness(text: string): WitnessUnit[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((line, i) => ({ text: line.trim(), line: i + 1 }))
    .filter((u) => u.text !== '');
}

/** Markdown: each line's text without its syntax (markers, emphasis, link targets, attributes); front matter values. */
export function markdownWitness(text: string): WitnessUnit[] {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const units: WitnessUnit[] = [];
  let i = 0;
  // Front matter: the title page facts the memo source keeps (its title, subtitle, series, names).
  if (/^---\s*$/u.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)\s*$/u.test(l));
    if (end > 0) {
      let key = '';
      for (let k = 1; k < end; k++) {
        const m = /^(?:([\w-]+):|\s*-)\s*(.*)$/u.exec(lines[k]!);
        if (!m) continue;
        if (m[1]) key = m[1];
        const value = (m[2] ?? '').trim().replace(/^(["'])(.*)\1$/u, '$2');
        if (!value || !/^(?:title|subtitle|series|authors?|publisher|date)$/u.test(key) || /^[[{|>]/u.test(value)) continue;
        for (const piece of /^authors?$/u.test(key) ? value.split(/\s*[,;、；]\s*/u) : [value]) units.push({ text: piece, line: k + 1 });
      }
      i = end + 1;
    }
  }
  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const fenceMark = /^\s*(`{3,}|~{3,})/u.exec(raw)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      else if (raw.trim()) units.push({ text: raw.trim(), line: i + 1 });
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    if (/^\s*(?:[-*_]\s*){3,}$/u.test(raw) || /^\s*\|?\s*:?-{2,}/u.test(raw) || /^\s*(?:=+|-+)\s*$/u.test(raw)) continue;
    let line = raw
      .replace(/<!--[\s\S]*?-->/gu, '')
      .replace(/^\s*(?:>\s*)+/u, '')
      .replace(/^\s*#{1,6}\s+/u, '')
      .replace(/\s+#+\s*$/u, '')
      .replace(/^\s*(?:[-*+]|[0-9]{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/u, '')
      .replace(/^\s*\[\^[^\]]+\]:\s*/u, '')
      .replace(/\[\^[^\]]+\]/gu, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/gu, '$1')
      .replace(/<(https?:[^>\s]+)>/gu, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/gu, '')
      .replace(/\s*\{[#.][^}]*\}\s*$/u, '')
      .replace(/(\*\*|__|~~|\*|`)/gu, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/gu, '$1');
    line = line.trim();
    if (!line) continue;
    // A table row: each cell is a piece of its own.
    if (/^\|.*\|$/u.test(line)) for (const cell of line.slice(1, -1).split(/(?<!\\)\|/u)) units.push({ text: cell.trim(), line: i + 1 });
    else units.push({ text: line, line: i + 1 });
  }
  return units.filter((u) => u.text !== '');
}


/** The memo source's text in comparable form, in order: its front matter's values, then its body (headings, sentences, cells, captions), then its notes; and its blocks (the body's, then the notes'), parted by BLOCK. */
function memoText(memo: Memo, withNotes: boolean, joint: '' | ' '): { meta: string; body: string; notes: string; parted: string } {
  const out: string[] = [];
  const add = (inlines: readonly Inline[]) => out.push(inlineText(inlines, withNotes));
  const blocks = (list: Block[]): void => {
    for (const block of list) {
      if (block.type === 'text') {
        out.push(block.sentences.map((s) => inlineText(s.content, withNotes)).join(joint));
        blocks(block.children);
      } else if (block.type === 'table') {
        block.header.forEach(add);
        block.rows.forEach((r) => r.cells.forEach(add));
      } else if (block.type === 'image') out.push(block.alt);
    }
  };
  const { meta } = memo;
  const values = [meta.series, meta.title, meta.subtitle, ...meta.authors, meta.publisher, meta.program, meta.date].filter((v): v is string => !!v);
  for (const section of memo.sections) {
    add(section.heading.content);
    blocks(section.blocks);
    for (const part of section.parts) {
      add(part.heading.content);
      blocks(part.blocks);
    }
  }
  const body = squeeze(out.join('\n'));
  const parted = out.map(squeeze).join(BLOCK);
  out.length = 0;
  for (const note of memo.footnotes) {
    if (withNotes) out.push(note.label);
    out.push(note.sentences.map((s) => inlineText(s.content, withNotes)).join(joint));
  }
  return { meta: squeeze(values.join('\n')), body, notes: squeeze(out.join('\n')), parted: [parted, ...out.map(squeeze)].join(BLOCK) };
}

/** A text searched in order: near where the last piece was found first (linear over the memo), then anywhere. */
class Reading {
  private cursor = 0;
  constructor(private readonly text: string) {}
  /** Found within a window after the last piece found (the cursor moves on). */
  near(piece: string): boolean {
    const at = this.text.slice(this.cursor, this.cursor + NEAR + piece.length).indexOf(piece);
    if (at < 0) return false;
    this.cursor += at + piece.length;
    return true;
  }
  anywhere(piece: string): boolean {
    return this.text.includes(piece);
  }
}
/** How far ahead of the last piece found the next is looked for first, in characters. */
const NEAR = 20_000;

/** Three characters or more each standing alone between spaces (letters, digits, a stop): letter-spaced type, read apart. */
const LETTER_SPACED = /(?:^|\s)\S\s\S\s\S(?:\s|$)/u;
/** A note's link back to its reference ("↩︎"). */
const BACK_LINK = /[↩↑][\ufe0e\ufe0f]?/gu;
/** Note references in running text: "。1", "text[1]", "text(1)", "text1)". */
const NOTE_REFS = /(?<=[^\s0-9])[[［(（][0-9]{1,3}[\]］)）]|(?<=[。．.」』）)”’、，,])[0-9]{1,3}(?![0-9])/gu;

/**
 * Looks for each piece of the input in the memo source: as written; as written but for a list or
 * note marker; as written but for its note references. A piece the report lists (dropped with a
 * reason, or a title block line moved to the front matter) is accounted for.
 */
export function compareWitness(reading: string, units: WitnessUnit[], memo: Memo, dropped: Dropped[], titleBlock: TitleLine[]): WitnessResult {
  // The memo's text as written and as shown with note labels; body and notes each read in order.
  // A paragraph's sentences are read with a space between them, and (where a piece is not found so)
  // with none: the model keeps no trace of whether the input spaced them ("2019.https://…").
  const texts = [memoText(memo, false, ' '), memoText(memo, true, ' '), memoText(memo, false, ''), memoText(memo, true, '')];
  const readings = texts.flatMap((t) => [new Reading(t.body), new Reading(t.notes)]);
  const meta = texts.map((t) => t.meta);
  const pieces = [...new Set([...dropped.map((d) => squeeze(d.text)), ...titleBlock.map((t) => squeeze(t.text))])].filter(Boolean).sort((a, b) => b.length - a.length);
  const listed = pieces.join('\n');
  /** Is one of the forms of a piece in the memo source: near the last found first, then anywhere (a piece out of order costs a whole search). */
  const find = (...forms: string[]): boolean => {
    const wanted = forms.filter((f, i) => f !== '' && forms.indexOf(f) === i);
    if (forms.some((f) => f === '')) return true;
    return wanted.some((f) => readings.some((r) => r.near(f))) || wanted.some((f) => readings.some((r) => r.anywhere(f)) || meta.some((m) => m.includes(f)));
  };
  /** A piece of the input the report lists, whole or in parts (a date and its time), the rest in the memo source. */
  const accountedFor = (text: string): boolean => {
    if (listed.includes(text)) return true;
    let rest = text;
    for (const piece of pieces) if (rest.includes(piece)) rest = rest.replace(piece, '');
    return rest !== text && (rest === '' || find(rest));
  };
  const { meta: m } = memo;
  const metaValues = [m.series, m.title, m.subtitle, ...m.authors, m.publisher, m.program, m.date].filter((v): v is string => !!v).map(squeeze);
  let unspaced: string | undefined;
  let listedUnspaced: string | undefined;
  const unspacedListed = () => (listedUnspaced ??= listed.replace(/[^\S\n]+/gu, ''));
  const unspacedMemo = () => (unspaced ??= texts.map((t) => `${t.body}\n${t.notes}\n${t.meta}`.replace(/[^\S\n]+/gu, '')).join('\n'));
  let found = 0;
  let accounted = 0;
  const missing: WitnessUnit[] = [];
  for (const unit of units) {
    // Two lines of one sentence: in one block of the memo source, not parted between two.
    if (unit.wrong?.some((w) => w.includes(BLOCK))) {
      // (Where the first line ends a value of the front matter — a title set at the body's size over its subtitle — the memo parts them rightly.)
      const endsValue = unit.wrong.some((w) => metaValues.some((v) => v.endsWith(squeeze(w.split(BLOCK)[0]!))));
      const parted = unit.parted?.split(BLOCK).map(squeeze).join(BLOCK);
      if (parted && !endsValue && texts.some((t) => t.parted.includes(parted))) missing.push({ ...unit, wrong: [unit.parted!] });
      else if (texts.some((t) => t.parted.includes(squeeze(unit.text))) || endsValue) found++;
      else {
        // (The form found says what the memo source did: parted the sentence, or glued its words.)
        const seen = unit.wrong.find((w) => texts.some((t) => t.parted.includes(w.split(BLOCK).map(squeeze).join(BLOCK))));
        if (seen !== undefined) missing.push({ ...unit, wrong: [seen] });
      }
      continue;
    }
    if (unit.wrong) {
      if (find(squeeze(unit.text), ...(unit.alt !== undefined ? [squeeze(unit.alt)] : []))) found++;
      else if (unit.wrong.some((w) => readings.some((r) => r.anywhere(squeeze(w))))) missing.push(unit);
      continue;
    }
    const text = squeeze(unit.text);
    // A piece with no letter and at most two digits (a page number, a back link "↩") says nothing.
    if (!/\p{L}/u.test(text) && text.replace(/[^0-9]/gu, '').length < 3) continue;
    const unmarked = squeeze(unit.text.trim().replace(LEAD_MARK, '').replace(BACK_LINK, ''));
    if (find(unmarked, text, ...(unit.alt !== undefined ? [squeeze(unit.alt)] : []), unmarked.replace(NOTE_REFS, ''))) found++;
    // Letters spaced apart (small capitals with letter-spacing: "DE F I N I N G AI"): the words are the memo's, its spaces the page's.
    else if (LETTER_SPACED.test(unit.text) && [text, unmarked].some((t) => unspacedMemo().includes(t.replace(/\s+/gu, '').replace(LEAD_MARK, '')))) found++;
    else if (accountedFor(text) || accountedFor(unmarked) || (LETTER_SPACED.test(unit.text) && [text, unmarked].some((t) => unspacedListed().includes(t.replace(/\s+/gu, '').replace(LEAD_MARK, ''))))) accounted++;
    else missing.push(unit);
  }
  // And the other way: lines of the input that the memo source runs together, which the page sets apart.
  missing.push(...strayJoins(units, texts[0]!.parted, squeeze, dropped));
  return { reading, units: found + accounted + missing.length, found, listed: accounted, missing };
}
