import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { diagnostic } from '../core/errors.ts';
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
import { checkCharacters, checkNesting, checkReferences, inlineImages, type Report } from './checks.ts';
import { checkMarker, markerRole, PART_MARKERS, SECTION_MARKERS } from './markers.ts';
import { parseFrontMatter } from './front-matter.ts';
import { createMarkdown, type MemoEnv } from './markdown.ts';
import { toInlines } from './inline.ts';
import { plainText, splitSentences } from './sentences.ts';

/**
 * The longest sentence a memo may hold. A slide's headline is a sentence and the notes hold the
 * rest; a "sentence" of tens of thousands of characters (text with its punctuation lost) would
 * take Chromium minutes to lay out, and no reader could follow it.
 */
export const MAX_SENTENCE_CHARS = 3000;


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
export { PART_MARKERS, SECTION_MARKERS } from './markers.ts';

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
    this.images.push(...inlineImages([...this.tokens, ...unreferenced], this.report));
    if (this.sections.length === 0 && !this.diagnostics.some((d) => d.severity === 'error')) {
      this.error(this.lines.length, 'no-sections', 'the memo has no "##" section heading', 'each part of the memo starts with a "## Heading" line');
    }
    if (!meta || this.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: this.diagnostics };
    return { memo: { file: this.file, meta, sections: this.sections, footnotes: this.footnotes, images: this.images }, diagnostics: this.diagnostics };
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
    checkMarker(inline.content, heading.text, line, this.report);
    for (const name of ['id', 'serves']) {
      // markdown-it-attrs reads only double quotes as quotes: serves='a' is the value 'a' with its quotes.
      const value = this.attr(open, name);
      if (/["']/.test(value)) this.error(line, 'marker-unreadable', `the marker's ${name === 'id' ? `id "#${value}"` : `serves=${value}`} holds a quote: only a pair of double quotes is read as quotes`, `write ${name === 'id' ? `{#${value.replace(/["']/g, '')}}` : `serves="${value.replace(/["']/g, '')}"`}`);
    }
    const id = this.attr(open, 'id');
    if (id) heading.id = id;
    if (level === 2) {
      const role = markerRole(classes, SECTION_MARKERS, 'plain', line, '##', this.report);
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
      const role = markerRole(classes, PART_MARKERS, fallback, line, '###', this.report);
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
