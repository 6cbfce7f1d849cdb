// The typed values that pass between the pipeline's stages:
// memo source ──parse──▶ Memo ──plan──▶ Slide[] ──render──▶ HTML.

import type { Diagnostic, Severity, SourceRef } from '../core/diagnostic.ts';

export type { Diagnostic, Severity, SourceRef };

// ── Content ─────────────────────────────────────────────────────────────────
// Text as typed runs (after Pandoc's Inline), never markup: every output (the HTML deck, the
// PDFs printed from it, a PowerPoint file) decides how to show emphasis, a link or a note.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'emph'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'strike'; children: Inline[] }
  | { type: 'code'; text: string }
  /** A link to an http(s), mailto or relative address (markdown-it has refused unsafe ones). */
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string }
  /** A reference to the memo's footnote number `index` (0-based, in the footnotes' order). */
  | { type: 'note'; index: number; label: string }
  /** A line break in the source that is not a break in the text (shown as white space). */
  | { type: 'softbreak' }
  /** A hard line break. */
  | { type: 'linebreak' };

/** One sentence of the memo: its text runs and its plain text. */
export interface Sentence {
  content: Inline[];
  text: string;
}

/** A paragraph or a list item: its sentences, and the items nested under it. */
export interface TextBlock extends SourceRef {
  type: 'text';
  kind: 'paragraph' | 'item';
  sentences: Sentence[];
  children: TextBlock[];
}

/** A ```mermaid fence written in the memo source. */
export interface DiagramBlock extends SourceRef {
  type: 'diagram';
  code: string;
  /** Line of the fence's first code line: a diagram's line N is memo line `codeLine + N - 1`. */
  codeLine: number;
}

/** A table: its header row, its rows (each with its memo line), and each column's alignment. */
export interface TableBlock extends SourceRef {
  type: 'table';
  header: Inline[][];
  rows: TableRow[];
  align: Array<'left' | 'center' | 'right' | null>;
}

export interface TableRow {
  cells: Inline[][];
  line: number;
}

/** An image on a line of its own: a file beside memo.md (`src` as written), and its text. */
export interface ImageBlock extends SourceRef {
  type: 'image';
  src: string;
  alt: string;
}

export type Block = TextBlock | DiagramBlock | TableBlock | ImageBlock;

export type SectionRole = 'plain' | 'assessment' | 'challenges' | 'initiatives';
export type PartRole = 'plain' | 'part' | 'approach' | 'initiative';

export interface Heading extends SourceRef {
  /** The heading's text runs and plain text, as written. */
  content: Inline[];
  text: string;
  /** Explicit `{#id}` from the source, if any. */
  id?: string;
}

/** A `###` block inside a section: an assessment part, an approach, an initiative, or plain. */
export interface Part {
  role: PartRole;
  heading: Heading;
  /** For an initiative: the ids of the approaches it serves (`serves=a,b`). */
  serves: string[];
  blocks: Block[];
}

/** A `##` section of the memo. */
export interface Section {
  role: SectionRole;
  heading: Heading;
  blocks: Block[];
  parts: Part[];
}

export interface Footnote extends SourceRef {
  label: string;
  /** The footnote's paragraphs as sentences. */
  sentences: Sentence[];
  /** Absolute URLs the footnote links to, in order. */
  links: string[];
}

export interface MemoMeta {
  title: string;
  /** The line under the title that the memo gives as its subtitle. */
  subtitle?: string;
  series?: string;
  authors: string[];
  publisher?: string;
  program?: string;
  language: string;
  /** When the memo was published, as the memo writes it ("2020年12月", "December 2020"). */
  date?: string;
  /**
   * Where the memo can be read: a web address, or a citation. The importer writes the file it read
   * (a bare file name), which means nothing to an audience and is not shown.
   */
  source?: string;
}

/** An image the memo names, as written (`src`), and the memo line it stands on. */
export interface MemoImage {
  src: string;
  line: number;
}

export interface Memo {
  file: string;
  meta: MemoMeta;
  sections: Section[];
  footnotes: Footnote[];
  /**
   * Every image of the memo wherever it stands (headings, table cells, lists, notes, quotes),
   * read where the parser reads inline tokens: the build confines and copies each one.
   */
  images?: MemoImage[];
}

// ── Plan ────────────────────────────────────────────────────────────────────
// What each slide shows, as typed content: every output renders this plan (src/render/ is the
// HTML one); none reads another's output.

export type SlideKind =
  | 'title'
  | 'agenda'
  | 'divider'
  | 'content'
  | 'diagram'
  | 'initiative'
  | 'footnotes'
  | 'closing';

/**
 * How a slide is laid out, chosen by the planner from what it holds: a title or closing slide,
 * the agenda, a section opener (its number and parts), a statement (one point in large type), a
 * few points spread over the slide, or side by side as cards when they are short, a dense list,
 * a diagram, footnotes or sources.
 */
export type Layout = 'title' | 'agenda' | 'section' | 'statement' | 'points' | 'cards' | 'list' | 'diagram' | 'table' | 'image' | 'notes' | 'closing';

/** An entry of a slide's body: a list item (with its level) or a paragraph of its own. */
export interface SlideItem {
  content: Inline[];
  /** A number shown before the entry (the agenda's). */
  marker?: string;
  /** bullet: a list item; lead: a paragraph's headline; plain: a line of its own. */
  style: 'bullet' | 'lead' | 'plain';
  /** 0 for an entry, 1 for an entry under the one before it. */
  level: number;
  /** The id of the slide this entry links to (agenda). */
  href?: string;
  /** The memo footnote (by index) this entry shows; its label is shown before it. */
  footnote?: { index: number; label: string };
  /** The memo line the entry comes from. */
  source?: SourceRef;
}

/** A diagram node: a short label, and its weight in the drawing. */
export interface GraphNode {
  id: string;
  label: string;
  /** primary: what the diagram is about; secondary: what serves it; plain: details. */
  style: 'primary' | 'secondary' | 'plain';
}

/**
 * What a diagram shows: a graph of labelled nodes and edges that the planner draws from the
 * memo's structure, or the Mermaid source of a fence written in the memo.
 */
export type Diagram =
  | {
      type: 'graph';
      direction: 'LR' | 'TB';
      nodes: GraphNode[];
      edges: Array<{ from: string; to: string }>;
      /**
       * ranks (the default): layered in `direction`, sources first. columns: for a forest, each
       * node nothing leads to heads a column (or `split` columns) and the nodes under it stack
       * beneath it in reading order (edges implied by the column, not drawn).
       */
      arrange?: 'ranks' | 'columns';
      /** In columns: how many columns the nodes under each root share (default 1). */
      split?: number;
      /** Every label wraps at this width (em) instead of the theme's widths per node style. */
      wrapEm?: number;
    }
  /** `codeLine`: memo line of the fence's first code line (a diagram's line N is memo line `codeLine + N - 1`). */
  | { type: 'mermaid'; code: string; codeLine: number };

export interface DiagramSpec {
  diagram: Diagram;
  /** Accessible name of the diagram. */
  label: string;
  /** The memo line an error in the diagram is reported on. */
  source: SourceRef;
}

export interface Slide {
  id: string;
  kind: SlideKind;
  layout: Layout;
  /** The body's text size in px on the slide, fitted to the room it has; absent: the theme's. */
  bodyPx?: number;
  /** Title and closing slides: the title's size in px, as large as the room allows (fitted like `bodyPx`). */
  titlePx?: number;
  /** A section opener's number, shown large. */
  number?: string;
  /** The section this slide belongs to (used for bookmarks and the agenda), and its title. */
  section?: string;
  sectionTitle?: string;
  kicker?: Inline[];
  title: Inline[];
  subtitle?: Inline[];
  /** Lines under the title on title/closing slides (authors, publisher), each of its names. */
  byline: string[][];
  items: SlideItem[];
  /** Speaker notes, one paragraph each. */
  notes: Inline[][];
  diagram?: DiagramSpec;
  /** An image beside the memo, shown large with its text as the caption. */
  image?: { src: string; alt: string };
  /** A table (a long one continues on further slides, each with its header row). */
  table?: Omit<TableBlock, 'type' | 'file' | 'line'>;
  /** Part n of m when a slide's content continues on further slides. */
  page?: { index: number; count: number };
  source: SourceRef;
}

/** The brand on every slide after the title: a footer line and a logo (a data: URL). */
export interface Furniture {
  footer?: string;
  logo?: { src: string; alt: string };
}
