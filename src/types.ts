// The typed values that pass between the pipeline's stages:
// memo source ──parse──▶ Memo ──plan──▶ Slide[] ──render──▶ HTML.

/** Where something came from: the memo file and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in the input, shown by the CLI, the Vite overlay and the tests alike. */
export interface Diagnostic extends SourceRef {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}

/** One sentence of the memo: its inert HTML (from markdown-it) and its plain text. */
export interface Sentence {
  html: string;
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

export type Block = TextBlock | DiagramBlock;

export type SectionRole = 'plain' | 'assessment' | 'challenges' | 'initiatives';
export type PartRole = 'plain' | 'part' | 'approach' | 'initiative';

export interface Heading extends SourceRef {
  /** The heading's inline HTML and text, as written. */
  html: string;
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
  series?: string;
  authors: string[];
  publisher?: string;
  program?: string;
  language: string;
  source?: string;
}

export interface Memo {
  file: string;
  meta: MemoMeta;
  sections: Section[];
  footnotes: Footnote[];
}

// ── Plan ────────────────────────────────────────────────────────────────────

export type SlideKind =
  | 'title'
  | 'agenda'
  | 'divider'
  | 'content'
  | 'diagram'
  | 'initiative'
  | 'footnotes'
  | 'closing';

export interface SlideItem {
  html: string;
  /** bullet: a list item; lead: a paragraph's headline; plain: a line of its own. */
  style: 'bullet' | 'lead' | 'plain';
  /** Target slide id when the item is a link inside the deck (agenda). */
  href?: string;
  children: SlideItem[];
}

/** A Mermaid diagram to render; `source` points at the memo line an error is reported on. */
export interface DiagramSpec {
  code: string;
  /** Accessible name of the diagram. */
  label: string;
  source: SourceRef;
  /** For a fence in the memo: memo line of the diagram's first line; absent for generated ones. */
  codeLine?: number;
}

export interface Slide {
  id: string;
  kind: SlideKind;
  /** The section this slide belongs to (used for bookmarks and the agenda), and its title. */
  section?: string;
  sectionTitle?: string;
  kicker?: string;
  title: string;
  subtitle?: string;
  /** Lines under the title on title/closing slides (authors, publisher). */
  byline: string[];
  items: SlideItem[];
  /** Speaker notes, one HTML paragraph each. */
  notes: string[];
  diagram?: DiagramSpec;
  /** Part n of m when a slide's content continues on further slides. */
  page?: { index: number; count: number };
  source: SourceRef;
}

export interface Deck {
  name: string;
  memo: Memo;
  slides: Slide[];
}
