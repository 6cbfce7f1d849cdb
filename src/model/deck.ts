// The deck: what the compile stage makes of a memo and its deck.yaml — the planned, fitted slides,
// their look, notes, outline and metadata — and what every writer (HTML, one-file, PDF, PPTX) reads.
import type { Limits } from './limits.ts';
import type { Theme, ThemeName } from './theme.ts';
import type { Diagnostic, DiagramSpec, Furniture, Memo, Slide, SourceRef } from './types.ts';

/** The kinds of slide an organisation's PowerPoint template maps to its layouts (`pptx.layouts`). */
export const LAYOUT_ROLES = ['title', 'section', 'content', 'two', 'titleOnly', 'closing'] as const;
export type LayoutRole = (typeof LAYOUT_ROLES)[number];

/** The deck's look: its theme, the brand (each setting with the line that set it), the talk's length. */
export interface Look {
  theme: ThemeName;
  /** Where `theme:` was set, if it was. */
  themeAt?: SourceRef;
  logo?: { file: string; at: SourceRef };
  footer?: string;
  /** Where `brand.footer` was set, if it was. */
  footerAt?: SourceRef;
  accent?: { value: string; at: SourceRef };
  /** Minutes. */
  duration?: number;
  /** The PowerPoint file's template (a .pptx or .potx) and its layouts by kind of slide, each where it was set. */
  pptx?: { template?: { file: string; at: SourceRef }; layouts?: { names: Partial<Record<LayoutRole, string>>; at: Partial<Record<LayoutRole, SourceRef>> } };
}

/** A compiled deck: one value every writer reads; no writer reads another's output. */
export interface CompiledDeck {
  name: string;
  memo: Memo;
  /** The memo source as read, and the limits the deck is held to. */
  source: string;
  limits: Limits;
  slides: Slide[];
  /**
   * The `<section>` elements of the deck, its images inlined (the one-file deck, dev): a picture
   * shown more than once (the logo, on every slide) is in `assetStyle` once, and named by class.
   */
  html: string;
  /** The style rules (one `<style>` of the page) that hold every picture `html` shows by class, each a data: URL once. */
  assetCss: string;
  /** The same, its images linked to files beside the page (`images/…`, `brand/…`: dist/<deck>/index.html). */
  linkedHtml: string;
  /**
   * The memo's images (by their `src`) and the logo: their path in the built deck's folder and their
   * bytes as a data: URL, read once when they were checked — every output takes these, never the
   * file again.
   */
  images: Array<{ src?: string; name: string; data: string }>;
  warnings: Diagnostic[];
  /** The deck's theme (its colours with the brand's accent) and look (brand, duration). */
  theme: Theme;
  look: Look;
  /** Problems of the look that `check` reports as errors (an accent that fails WCAG AA), at the configuration's line. */
  lookProblems: Diagnostic[];
  /** The rendered SVG of a planned diagram, and the brand's footer and logo: what other renderers of the plan draw too. */
  svg(spec: DiagramSpec): string;
  furniture: Furniture;
}
