// A PowerPoint template as the writer uses it (after Pandoc's --reference-doc): the package a
// deck's slides are written into — its masters, layouts, theme, notes master — and what the
// writer needs to know of it: each layout's placeholders with their boxes, the theme's colours
// and fonts, the slide size. briefdeck's own look is a template too (built from the theme's
// tokens, src/pptx/template-default.ts); an organisation's .pptx/.potx is read by
// src/pptx/template-read.ts. The writer (src/pptx/write.ts) only adds slides to `zip`.
import type JSZip from 'jszip';

/** A box in EMU (914400 per inch), as OOXML's a:off/a:ext give it. */
export interface EmuBox {
  x: number;
  y: number;
  cx: number;
  cy: number;
}

/** ST_PlaceholderType: an absent `type` is `obj`. */
export type PlaceholderType =
  | 'title'
  | 'ctrTitle'
  | 'subTitle'
  | 'body'
  | 'obj'
  | 'dt'
  | 'ftr'
  | 'sldNum'
  | 'pic'
  | 'tbl'
  | 'chart'
  | 'dgm'
  | 'media'
  | 'clipArt'
  | 'hdr'
  | 'sldImg';

export interface TemplatePlaceholder {
  type: PlaceholderType;
  /** `idx` (0 when absent): a slide's placeholder names the layout's by type and idx. */
  idx: number;
  /** The shape's name (cNvPr name), e.g. "Title 1", "Text Placeholder 2". */
  name: string;
  /** Its box, resolved: the layout's own xfrm, else its master's placeholder of the same type (title/body/…). */
  box: EmuBox;
  /** Type size in points of its first level where the layout or master says (lstStyle, txStyles), else undefined. */
  size?: number;
}

/** What a slide of the deck is, for choosing a layout. */
export type LayoutRole = 'title' | 'section' | 'content' | 'two' | 'titleOnly' | 'closing';

export interface TemplateLayout {
  /** Its part, e.g. `ppt/slideLayouts/slideLayout2.xml`. */
  part: string;
  /** Its name (p:cSld name), e.g. "Title and Content". */
  name: string;
  /** p:sldLayout's `type` (title, secHead, obj, twoObj, titleOnly, blank, …), when given. */
  type?: string;
  /** The part of the master it belongs to. */
  master: string;
  placeholders: TemplatePlaceholder[];
}

export type ThemeColorName = 'dk1' | 'lt1' | 'dk2' | 'lt2' | 'accent1' | 'accent2' | 'accent3' | 'accent4' | 'accent5' | 'accent6' | 'hlink' | 'folHlink';

export interface TemplateTheme {
  /** The colour scheme, each as #rrggbb (a system colour by its lastClr). */
  colors: Record<ThemeColorName, string>;
  /** Heading (major) and body (minor) typefaces: Latin and East Asian ('' when the theme names none). */
  fonts: { major: { latin: string; ea: string }; minor: { latin: string; ea: string } };
}

export interface Template {
  /** Where it was read from (for messages); absent for briefdeck's own. */
  file?: string;
  /** Slide size in EMU (p:sldSz). */
  size: { cx: number; cy: number };
  layouts: TemplateLayout[];
  theme: TemplateTheme;
  /**
   * The package with no slides: the template's masters, layouts, theme(s), notes master (one is
   * added when the template has none), presentation.xml with an empty p:sldIdLst, [Content_Types].xml
   * with a presentation's main content type (a .potx's template type replaced). The writer adds
   * ppt/slides/slideN.xml, ppt/notesSlides/notesSlideN.xml, media, their relationships and
   * content types, and the slides to presentation.xml and its rels.
   */
  zip: JSZip;
  /** The notes master's part, e.g. `ppt/notesMasters/notesMaster1.xml`. */
  notesMaster: string;
}
