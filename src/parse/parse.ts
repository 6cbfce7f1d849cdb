import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { diagnostic } from '../core/errors.ts';
import { describeChar, forbiddenXmlChar } from '../core/xml-chars.ts';
import type {
  Block,
  Diagnostic,
  DiagramBlock,
  Footnote,
  Heading,
  Inline,
  TableBlock,
  ImageBlock,
  TableRow,
  Memo,
  MemoImage,
  Part,
  PartRole,
  Section,
  SectionRole,
  Sentence,
  TextBlock,
} from '../model/types.ts';
import { checkCharacters, checkNesting, checkReferences, type Report } from './checks.ts';
import { parseFrontMatter } from './front-matter.ts';
import { createMarkdown, MARKER_START, type MemoEnv } from './markdown.ts';
import { toInlines } from './inline.ts';
import { plainText, splitSentences } from './sentences.ts';

/** Structure markers, written as `{.marker}` after a heading. */
export const SECTION_MARKERS: Record<string, SectionRole> = {
  assessment: 'assessment',
  challenges: 'challenges',
  initiatives: 'initiatives',
};
export const PART_MARKERS: Record<string, PartRole> = { approach: 'approach', initiative: 'initiative' };

/**
 * The longest sentence a memo may hold. A slide's headline is a sentence and the notes hold the
 * rest; a "sentence" of tens of thousands of characters (text with its punctuation lost) would
 * take Chromium minutes to lay out, and no reader could follow it.
 */
export const MAX_SENTENCE_CHARS = 3000;


/**
 * The `{…}` group a heading ends with, if it reads like a marker: what follows its `{` is `#id`,
 * `.role` or `name=` (markdown.ts MARKER_START). How many braces open and close it, and its quotes.
 */
function trailingMarker(text: string): { text: string; opens: number; closes: number; quotes: number } | undefined {
  const match = /(?<!\\)(\{+)([^{}]*)(\}*)\s*$/.exec(text);
  if (!match || !MARKER_START.test(match[2]!)) return undefined;
  return { text: match[0].trim(), opens: match[1]!.length, closes: match[3]!.length, quotes: (match[2]!.match(/"/g) ?? []).length };
}

/** A token and all the tokens inside it (an image's alternative text is its children). */
function tokenTree(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  const stack = [...tokens].reverse();
  while (stack.length) {
    const token = stack.pop()!;
    out.push(token);
    for (let k = (token.children ?? []).length - 1; k >= 0; k--) stack.push(token.children![k]!);
  }
  return out;
}

let sharedMarkdown: MarkdownIt | undefined;
const markdown = () => (sharedMarkdown ??= createMarkdown());

export interface ParseResult {
  memo?: Memo;
  diagnostics: Diagnostic[];
}

/** memo source (Markdown with front matter) → Memo. Pure: problems come back as diagnostics. */
export function parseMemo(source: string, file: string): ParseResult {
  return new MemoParser(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), file).parse();
}

export { MAX_INLINE_NESTING } from './checks.ts';

class MemoParser {
  private readonly md = markdown();
  private readonly env: Record<string, unknown> = {};
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sections: Section[] = [];
  private readonly footnotes: Footnote[] = [];
  private readonly images: MemoImage[] = [];
  private readonly lines: string[];
  private tokens: Token[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {
    this.lines = source.split('\n');
  }

  parse(): ParseResult {
    if (this.source.includes('\u0000')) {
      this.error(1, 'binary-input', 'the memo source contains NUL bytes: it is not a text file');
      return { diagnostics: this.diagnostics };
    }
    if (checkCharacters(this.lines, this.report, this.diagnostics)) return { diagnostics: this.diagnostics };
    this.tokens = this.md.parse(this.source, this.env);
    const first = this.tokens[0];
    let meta;
    if (first?.type === 'front_matter') {
      meta = parseFrontMatter(String(first.meta), this.file, this.diagnostics);
    } else {
      this.error(1, 'front-matter-missing', 'the memo source has no front matter', 'start the file with a "---" line, then "title: …", "authors: …", "language: …", and a closing "---" line');
    }
    const unreferenced = ((this.env as MemoEnv).unreferencedFootnotes ?? []).flatMap((f) => f.tokens);
    if (checkNesting([...this.tokens, ...unreferenced], this.md.options.maxNesting ?? 100, this.report)) return { diagnostics: this.diagnostics };
    this.walk();
    this.unreferencedFootnotes();
    checkReferences(this.sections, this.report);
    this.checkInlines();
    if (this.sections.length === 0 && !this.diagnostics.some((d) => d.severity === 'error')) {
      this.error(this.lines.length, 'no-sections', 'the memo has no "##" section heading', 'each part of the memo starts with a "## Heading" line');
    }
    if (!meta || this.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: this.diagnostics };
    return { memo: { file: this.file, meta, sections: this.sections, footnotes: this.footnotes, images: this.images }, diagnostics: this.diagnostics };
  }

  /**
   * What the inline text of the memo may hold: no image from another host (the deck would fetch
   * it whenever it is opened, at a briefing with no network too). (Sentences too long to show are
   * caught where sentences are made: checkLength.)
   */
  private checkInlines(): void {
    const unreferenced = ((this.env as MemoEnv).unreferencedFootnotes ?? []).flatMap((f) => f.tokens);
    let line = 1;
    for (const token of [...this.tokens, ...unreferenced]) {
      if (token.map) line = this.lineOf(token);
      if (token.type !== 'inline') continue;
      for (const child of token.children ?? []) {
        // A character reference (&#12;) decodes to a character the source line does not show;
        // an image's alternative text is tokens of its own (its children).
        const bad = tokenTree([child]).flatMap((t) => [t.content, ...(t.attrs ?? []).map((a) => String(a[1]))]).map((text) => forbiddenXmlChar(text)).find(Boolean);
        if (bad) this.error(line, 'control-character', `a character reference makes the character ${describeChar(bad.char)}: a memo's text cannot hold it`, 'delete the reference (&#…;)');
        if (child.type !== 'image') continue;
        const src = this.attr(child, 'src');
        if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src) && !/^data:image\//i.test(src)) {
          this.error(line, 'remote-image', `the image "${src}" is on another host: the deck would fetch it each time it is opened`, 'save the image beside memo.md and refer to it by its file name');
          continue;
        }
        if (/^data:image\//i.test(src)) continue;
        try {
          decodeURI(src);
        } catch {
          this.error(line, 'image-path-unreadable', `the image path "${src}" cannot be read: a % in it starts no valid escape (%41 is "A")`, 'write the file name as it is, or %25 for a % sign');
          continue;
        }
        // Every image of the memo, wherever it stands (a heading, a table cell, a list, a note, a
        // quote): the build confines and copies each one from this list.
        this.images.push({ src, line });
      }
    }
  }

  private readonly report: Report = (line, code, message, hint) => this.error(line, code, message, hint);

  private error(line: number, code: string, message: string, hint?: string): void {
    this.diagnostics.push(diagnostic({ file: this.file, line }, code, message, hint));
  }

  private lineOf(token: Token | undefined): number {
    return (token?.map?.[0] ?? 0) + 1;
  }

  private walk(): void {
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      switch (token.type) {
        case 'heading_open':
          this.heading(token, this.tokens[i + 1]!);
          i += 2;
          break;
        case 'paragraph_open':
          this.addBlock(this.imageBlock(this.tokens[i + 1]!, token) ?? this.textBlock([this.tokens[i + 1]!], token), token);
          i += 2;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const { blocks, end } = this.list(i);
          for (const block of blocks) this.addBlock(block, token);
          i = end;
          break;
        }
        case 'fence':
        case 'code_block':
          this.addBlock(this.fence(token), token);
          break;
        case 'table_open': {
          const { table, end } = this.table(i);
          this.addBlock(table, token);
          i = end;
          break;
        }
        case 'footnote_block_open':
          i = this.footnoteBlock(i);
          break;
        default:
          // front matter, blockquote and hr wrappers: their paragraphs are read as they come.
          break;
      }
    }
  }

  private attr(token: Token, name: string): string {
    const value = token.attrGet(name);
    return value === null ? '' : String(value);
  }

  private heading(open: Token, inline: Token): void {
    const line = this.lineOf(open);
    const level = Number(open.tag.slice(1));
    const classes = this.attr(open, 'class').split(/\s+/).filter(Boolean);
    const heading: Heading = { file: this.file, line, ...this.inline(inline) };
    this.checkMarker(inline.content, heading.text, line);
    for (const name of ['id', 'serves']) {
      // markdown-it-attrs reads only double quotes as quotes: serves='a' is the value 'a' with its quotes.
      const value = this.attr(open, name);
      if (/["']/.test(value)) this.error(line, 'marker-unreadable', `the marker's ${name === 'id' ? `id "#${value}"` : `serves=${value}`} holds a quote: only a pair of double quotes is read as quotes`, `write ${name === 'id' ? `{#${value.replace(/["']/g, '')}}` : `serves="${value.replace(/["']/g, '')}"`}`);
    }
    const id = this.attr(open, 'id');
    if (id) heading.id = id;
    if (level === 2) {
      const role = this.role(classes, SECTION_MARKERS, 'plain', line, '##');
      this.sections.push({ role, heading, blocks: [], parts: [] });
      return;
    }
    if (level === 3) {
      const section = this.sections.at(-1);
      if (!section) {
        this.error(line, 'part-outside-section', `"### ${heading.text}" comes before any "##" section`);
        return;
      }
      const fallback: PartRole = section.role === 'assessment' ? 'part' : 'plain';
      const role = this.role(classes, PART_MARKERS, fallback, line, '###');
      const serves = this.attr(open, 'serves').split(/[\s,]+/).filter(Boolean);
      section.parts.push({ role, heading, serves, blocks: [] });
      return;
    }
    this.error(
      line,
      'heading-level',
      `a level-${level} heading is not part of the memo source format`,
      level === 1 ? 'the memo title comes from "title:" in the front matter' : 'use "##" for sections and "###" for their parts',
    );
  }

  /**
   * A `{…}` marker that markdown-it-attrs could not read (a quote left open, no closing brace, a
   * brace doubled) stays in the heading as text, or half of it does: its slides would show it in
   * their titles and the part would lose its role without a word. An error at its line. A
   * trailing `{…}` is a marker when what follows its `{` starts like one — `#id`, `.role` or
   * `name=` — so `## Set {a, b}` is text (markdown.ts keeps it so), and `{serves="a .initiative}`
   * is a marker that cannot be read. `raw` is the heading as written, `text` what is left of it.
   */
  private checkMarker(raw: string, text: string, line: number): void {
    const written = trailingMarker(raw);
    if (!written) return;
    // Written well, yet what is left of the heading still ends in one: a second marker, or one unread.
    const marker = written.opens !== 1 || written.closes !== 1 || written.quotes % 2 === 1 ? written : trailingMarker(text);
    if (!marker) return;
    const why =
      marker.quotes % 2 === 1
        ? 'a quote (") in it is never closed'
        : marker.closes === 0
          ? 'it has no closing "}"'
          : marker.opens > 1 || marker.closes > 1
            ? `its brace is doubled: ${marker.opens > 1 ? '{{' : '}}'}`
            : 'a heading takes one marker, at its end: this one is left over';
    this.error(
      line,
      'marker-unreadable',
      `the marker "${marker.text}" cannot be read (${why}): it would show in the slide titles as text, and the heading would lose its role`,
      marker.quotes % 2 === 1 ? `close the quote (serves="approach-1") or delete it; a marker is written {#id .role serves="id"} at the end of the heading` : 'a marker is written {#id .role serves="id"} at the end of the heading, once',
    );
  }

  private role<R extends string>(classes: string[], markers: Record<string, R>, fallback: R, line: number, level: string): R {
    let role = fallback;
    for (const name of classes) {
      const known = markers[name];
      if (known) role = known;
      else {
        const list = Object.keys(markers).map((m) => `{.${m}}`).join(', ');
        this.error(line, 'unknown-marker', `unknown structure marker "{.${name}}" on a "${level}" heading`, `markers for "${level}" headings: ${list}`);
      }
    }
    return role;
  }

  private addBlock(block: Block, token: Token): void {
    const section = this.sections.at(-1);
    if (!section) {
      this.error(this.lineOf(token), 'content-before-section', 'text comes before the first "##" section heading', 'start the memo body with a "## Heading" line');
      return;
    }
    (section.parts.at(-1) ?? section).blocks.push(block);
  }

  private inline(inline: Token): { content: Inline[]; text: string } {
    const content = toInlines(inline.children ?? []);
    return { content, text: this.checkLength(plainText(content), inline) };
  }

  private sentences(inlines: Token[]): Sentence[] {
    return inlines.flatMap((inline) =>
      splitSentences(toInlines(inline.children ?? [])).map((content) => ({ content, text: this.checkLength(plainText(content), inline) })),
    );
  }

  /** A sentence (or heading) too long for any slide or notes page is an error at its line. */
  private checkLength(text: string, at: Token): string {
    const length = [...text].length;
    if (length > MAX_SENTENCE_CHARS) {
      this.error(this.lineOf(at), 'sentence-too-long', `a sentence of ${length.toLocaleString('en')} characters: no slide or notes page can lay it out (the limit is ${MAX_SENTENCE_CHARS.toLocaleString('en')})`, 'break it into sentences, or check that the text was pasted whole and not run together');
    }
    return text;
  }

  private textBlock(inlines: Token[], at: Token, children: TextBlock[] = []): TextBlock {
    const kind = at.type === 'list_item_open' ? 'item' : 'paragraph';
    return { type: 'text', kind, file: this.file, line: this.lineOf(at), sentences: this.sentences(inlines), children };
  }

  /** Reads a list starting at `start`; returns its items and the index of its closing token. */
  private list(start: number): { blocks: TextBlock[]; end: number } {
    const open = this.tokens[start]!;
    const closeType = open.type.replace('_open', '_close');
    const blocks: TextBlock[] = [];
    let i = start + 1;
    while (i < this.tokens.length && !(this.tokens[i]!.type === closeType && this.tokens[i]!.level === open.level)) {
      const token = this.tokens[i]!;
      if (token.type === 'list_item_open') {
        const { block, end } = this.listItem(i);
        blocks.push(block);
        i = end;
      }
      i++;
    }
    return { blocks, end: i };
  }

  private listItem(start: number): { block: TextBlock; end: number } {
    const open = this.tokens[start]!;
    const inlines: Token[] = [];
    const children: TextBlock[] = [];
    let i = start + 1;
    for (; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.type === 'list_item_close' && token.level === open.level) break;
      if (token.type === 'inline') inlines.push(token);
      else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        const nested = this.list(i);
        children.push(...nested.blocks);
        i = nested.end;
      } else if (token.type === 'fence' || token.type === 'code_block') {
        this.error(this.lineOf(token), 'unsupported-block', 'a code block inside a list item is not supported', 'put the fence on its own, outside the list');
      }
    }
    return { block: this.textBlock(inlines, open, children), end: i };
  }

  /** A paragraph that is one image and nothing else: an image block. */
  private imageBlock(inline: Token, at: Token): ImageBlock | undefined {
    const content = toInlines(inline.children ?? []).filter((i) => !(i.type === 'text' && i.text.trim() === '') && i.type !== 'softbreak');
    const [only] = content;
    if (content.length !== 1 || only?.type !== 'image') return undefined;
    return { type: 'image', file: this.file, line: this.lineOf(at), src: only.src, alt: only.alt };
  }

  /** Reads a table starting at `start`: its header row, its rows, its columns' alignment. */
  private table(start: number): { table: TableBlock; end: number } {
    const table: TableBlock = { type: 'table', file: this.file, line: this.lineOf(this.tokens[start]), header: [], rows: [], align: [] };
    let i = start + 1;
    let row: TableRow | undefined;
    let inHead = false;
    for (; i < this.tokens.length && this.tokens[i]!.type !== 'table_close'; i++) {
      const token = this.tokens[i]!;
      if (token.type === 'thead_open') inHead = true;
      else if (token.type === 'thead_close') inHead = false;
      else if (token.type === 'tr_open') row = { cells: [], line: this.lineOf(token) };
      else if (token.type === 'tr_close' && row) {
        if (inHead) table.header = row.cells;
        else table.rows.push(row);
        row = undefined;
      } else if (token.type === 'th_open' && inHead) {
        const align = /text-align:(left|center|right)/.exec(this.attr(token, 'style'))?.[1] as 'left' | 'center' | 'right' | undefined;
        table.align.push(align ?? null);
      } else if (token.type === 'inline' && row) row.cells.push(toInlines(token.children ?? []));
    }
    return { table, end: i };
  }

  private fence(token: Token): Block {
    const line = this.lineOf(token);
    const info = token.info.trim().split(/\s+/)[0] ?? '';
    const endLine = token.map?.[1] ?? line;
    const closing = this.lines[endLine - 1]?.trim() ?? '';
    if (token.type === 'fence' && (endLine === line || !closing.startsWith(token.markup) || closing.replace(/[`~]/g, '') !== '')) {
      // A fence's marker is as long as the run of backticks or tildes that opened it: a line of
      // 120,000 tildes is named by its length, not quoted whole.
      const markup = token.markup.length > 12 ? `${token.markup.slice(0, 3)}… (${token.markup.length.toLocaleString('en')} "${token.markup[0]}")` : token.markup;
      this.error(line, 'unclosed-fence', `the ${markup} fence opened here is never closed`, markup === token.markup ? `add a line "${markup}" after the fence's last line` : `add a line of as many "${token.markup[0]}" after the fence's last line, or remove the run`);
    }
    if (info === 'mermaid') {
      const diagram: DiagramBlock = { type: 'diagram', file: this.file, line, code: token.content, codeLine: line + 1 };
      return diagram;
    }
    const content: Inline[] = [{ type: 'code', text: token.content.trimEnd() }];
    return { type: 'text', kind: 'paragraph', file: this.file, line, sentences: [{ content, text: token.content.trim() }], children: [] };
  }

  private footnoteBlock(start: number): number {
    let i = start + 1;
    let current: Footnote | undefined;
    for (; i < this.tokens.length && this.tokens[i]!.type !== 'footnote_block_close'; i++) {
      const token = this.tokens[i]!;
      if (token.type === 'footnote_open') {
        current = { file: this.file, line: 0, label: String(token.meta?.label), sentences: [], links: [] };
        this.footnotes.push(current);
      } else if (current) this.footnoteToken(current, token);
    }
    return i;
  }

  /** Adds a token of a footnote's content (its first paragraph's line, sentences and links). */
  private footnoteToken(footnote: Footnote, token: Token): void {
    if (token.type === 'paragraph_open' && footnote.line === 0) {
      footnote.line = this.lineOf(token);
    } else if (token.type === 'inline') {
      footnote.sentences.push(...this.sentences([token]));
      for (const child of token.children ?? []) {
        const href = child.type === 'link_open' ? this.attr(child, 'href') : '';
        if (href && /^https?:\/\//i.test(href)) footnote.links.push(href);
      }
    }
  }

  /** Footnotes no reference points at: kept, after the others, with a warning. */
  private unreferencedFootnotes(): void {
    for (const { label, tokens } of (this.env as MemoEnv).unreferencedFootnotes ?? []) {
      const footnote: Footnote = { file: this.file, line: 0, label, sentences: [], links: [] };
      for (const token of tokens) this.footnoteToken(footnote, token);
      if (footnote.line === 0) footnote.line = 1;
      this.footnotes.push(footnote);
      this.diagnostics.push(diagnostic(footnote, 'footnote-unreferenced', `the footnote [^${label}] is never referenced: it is listed with the notes, after the others`, `refer to it in the text with [^${label}], or remove it`, 'warning'));
    }
  }
}
