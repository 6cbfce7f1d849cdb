// The plan (Slide[]) + rendered diagram SVG → Reveal.js markup: the HTML renderer of the plan.
// Pure string building; all memo text arrives as typed runs and is escaped in inline.ts.
import { escapeHtml } from '../core/files.ts';
import type { DiagramSpec, Furniture, Inline, Slide, SlideItem } from '../model/types.ts';
import { imgHtml, inlineHtml, type AssetRef, type InlineContext } from './inline.ts';

export interface RenderContext {
  /** The SVG drawn for a planned diagram. */
  svg(spec: DiagramSpec): string;
  /** Where an image of the memo (its `src` as written) is shown from. */
  asset?(src: string): AssetRef;
  /**
   * The same in the speaker notes, where a shared class does not reach (Reveal's speaker view
   * copies the notes into a window of its own, without the deck's style): `asset` if not given.
   */
  notesAsset?(src: string): AssetRef;
  /** The brand on every slide after the title: a footer line and a logo (a data: URL). */
  furniture?: Furniture;
  /** Where the logo is shown from, when not from the data: URL of `furniture` (a file, or a shared class). */
  logo?: AssetRef;
}

interface Ctx extends RenderContext, InlineContext {}

function entryHtml(item: SlideItem, ctx: Ctx): string {
  const marker = item.marker ? `<span class="bd-marker">${escapeHtml(item.marker)}</span>` : '';
  const inner = inlineHtml(item.content, ctx);
  if (item.href) return `${marker}<a href="#/${escapeHtml(item.href)}">${inner}</a>`;
  if (item.footnote) return `<span class="footnote-label">${escapeHtml(item.footnote.label)}</span> ${inner}`;
  return marker + inner;
}

/** The memo line of an entry, for `check` to point at. */
const lineOf = (item: SlideItem) => (item.source ? ` data-line="${item.source.line}"` : '');

/** Entries with the deeper ones that follow each, nested under it. */
function nest(items: SlideItem[]): Array<{ item: SlideItem; children: SlideItem[] }> {
  const out: Array<{ item: SlideItem; children: SlideItem[] }> = [];
  for (const item of items) {
    const parent = out.at(-1);
    if (item.level > 0 && parent) parent.children.push(item);
    else out.push({ item, children: [] });
  }
  return out;
}

/** Consecutive bullets form one list; leads and plain lines are paragraphs. */
function itemsHtml(items: SlideItem[], ctx: Ctx): string {
  const out: string[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) out.push(`<ul class="bd-items">${bullets.join('')}</ul>`);
    bullets = [];
  };
  for (const { item, children } of nest(items)) {
    const sub = children.length ? `<ul>${children.map((c) => `<li${lineOf(c)}>${entryHtml(c, ctx)}</li>`).join('')}</ul>` : '';
    if (item.style === 'bullet') {
      bullets.push(`<li${lineOf(item)}>${entryHtml(item, ctx)}${sub}</li>`);
      continue;
    }
    flush();
    out.push(`<p class="bd-${item.style}"${lineOf(item)}>${entryHtml(item, ctx)}${sub}</p>`);
  }
  flush();
  return out.join('');
}

function headerHtml(slide: Slide, ctx: Ctx): string {
  const tag = slide.kind === 'title' ? 'h1' : 'h2';
  const parts = [
    slide.number ? `<p class="bd-number">${escapeHtml(slide.number)}</p>` : '',
    slide.kicker ? `<p class="bd-kicker">${inlineHtml(slide.kicker, ctx)}</p>` : '',
    `<${tag} class="bd-title">${inlineHtml(slide.title, ctx)}</${tag}>`,
    slide.subtitle ? `<p class="bd-subtitle">${inlineHtml(slide.subtitle, ctx)}</p>` : '',
  ];
  return `<header class="bd-head">${parts.join('')}</header>`;
}

function tableHtml(slide: Slide, ctx: Ctx): string {
  if (!slide.table) return '';
  const { header, rows, align } = slide.table;
  const cell = (tag: string, i: number, content: Inline[]) => `<${tag}${align[i] ? ` style="text-align:${align[i]}"` : ''}>${inlineHtml(content, ctx)}</${tag}>`;
  const head = header.length ? `<thead><tr>${header.map((c, i) => cell('th', i, c)).join('')}</tr></thead>` : '';
  const body = rows.map((r) => `<tr data-line="${r.line}">${r.cells.map((c, i) => cell('td', i, c)).join('')}</tr>`).join('');
  return `<div class="bd-body"><table class="bd-table">${head}<tbody>${body}</tbody></table></div>`;
}

function imageHtml(slide: Slide, ctx: Ctx): string {
  if (!slide.image) return '';
  const { src, alt } = slide.image;
  const caption = alt.trim() ? `<figcaption>${escapeHtml(alt)}</figcaption>` : '';
  return `<figure class="bd-image">${imgHtml(ctx.asset?.(src) ?? src, alt)}${caption}</figure>`;
}

function diagramHtml(slide: Slide, ctx: Ctx): string {
  if (!slide.diagram) return '';
  return `<figure class="bd-diagram" role="img" aria-label="${escapeHtml(slide.diagram.label)}">${ctx.svg(slide.diagram)}</figure>`;
}

function bylineHtml(slide: Slide): string {
  if (!slide.byline.length) return '';
  const line = (names: string[]) => names.map((n) => `<span>${escapeHtml(n)}</span>`).join('');
  return `<div class="bd-byline">${slide.byline.map((l) => `<p>${line(l)}</p>`).join('')}</div>`;
}

/** The brand's footer and logo, in the slide's bottom band. */
function furnitureHtml(ctx: Ctx): string {
  const { footer, logo } = ctx.furniture ?? {};
  if (!footer && !logo) return '';
  const image = logo ? imgHtml(ctx.logo ?? logo.src, logo.alt, 'bd-logo') : '';
  return `<footer class="bd-furniture">${image}${footer ? `<span class="bd-footer">${escapeHtml(footer)}</span>` : ''}</footer>`;
}

function renderSlide(slide: Slide, ctx: Ctx): string {
  const attrs = [
    `id="${escapeHtml(slide.id)}"`,
    `class="bd-slide bd-kind-${slide.kind} bd-layout-${slide.layout}"`,
    `data-source-line="${slide.source.line}"`,
    slide.bodyPx || slide.titlePx ? `style="--bd-fit:${slide.bodyPx ?? slide.titlePx}px"` : '',
    slide.section ? `data-section="${escapeHtml(slide.section)}"` : '',
    slide.sectionTitle ? `data-section-title="${escapeHtml(slide.sectionTitle)}"` : '',
    slide.kind === 'title' || slide.kind === 'closing' ? 'data-background-color="var(--bd-color-accent)"' : '',
  ].filter(Boolean);
  const body = slide.items.length ? `<div class="bd-body">${itemsHtml(slide.items, ctx)}</div>` : '';
  const notesCtx = ctx.notesAsset ? { ...ctx, asset: ctx.notesAsset } : ctx;
  const notes = slide.notes.length ? `<aside class="notes">${slide.notes.map((p) => `<p>${inlineHtml(p, notesCtx)}</p>`).join('')}</aside>` : '';
  const frame = `<div class="bd-frame">${headerHtml(slide, ctx)}${bylineHtml(slide)}${body}${tableHtml(slide, ctx)}${imageHtml(slide, ctx)}${diagramHtml(slide, ctx)}</div>`;
  return `<section ${attrs.join(' ')}>${frame}${slide.kind === 'title' ? '' : furnitureHtml(ctx)}${notes}</section>`;
}

/** The id of the slide that shows each memo footnote, by the footnote's index. */
export function footnoteSlides(slides: Slide[]): Map<number, string> {
  const at = new Map<number, string>();
  for (const slide of slides) for (const item of slide.items) if (item.footnote && !at.has(item.footnote.index)) at.set(item.footnote.index, slide.id);
  return at;
}

/** The `<section>` elements that go inside Reveal's `.slides`. */
export function renderSlides(slides: Slide[], context: RenderContext): string {
  const notes = footnoteSlides(slides);
  const ctx: Ctx = { ...context, noteTarget: (index) => notes.get(index) ?? 'footnotes' };
  return slides.map((s) => renderSlide(s, ctx)).join('\n');
}
