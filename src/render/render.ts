// Slide[] (+ rendered diagram SVG) → Reveal.js markup. Pure string building; every text in
// a slide is already inert HTML from markdown-it or escaped by the planner.
import type { Slide, SlideItem } from '../types.ts';

import { escapeHtml } from '../files.ts';

function itemHtml(item: SlideItem): string {
  const inner = item.href ? `<a href="#/${escapeHtml(item.href)}">${item.html}</a>` : item.html;
  const children = item.children.length ? `<ul>${item.children.map((c) => `<li>${c.html}</li>`).join('')}</ul>` : '';
  return `${inner}${children}`;
}

/** Consecutive bullets form one list; leads and plain lines are paragraphs. */
function itemsHtml(items: SlideItem[]): string {
  const out: string[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) out.push(`<ul class="bd-items">${bullets.join('')}</ul>`);
    bullets = [];
  };
  for (const item of items) {
    if (item.style === 'bullet') {
      bullets.push(`<li>${itemHtml(item)}</li>`);
      continue;
    }
    flush();
    out.push(`<p class="bd-${item.style}">${itemHtml(item)}</p>`);
  }
  flush();
  return out.join('');
}

function headerHtml(slide: Slide): string {
  const tag = slide.kind === 'title' ? 'h1' : 'h2';
  const parts = [
    slide.kicker ? `<p class="bd-kicker">${slide.kicker}</p>` : '',
    `<${tag} class="bd-title">${slide.title}</${tag}>`,
    slide.subtitle ? `<p class="bd-subtitle">${slide.subtitle}</p>` : '',
  ];
  return `<header class="bd-head">${parts.join('')}</header>`;
}

function diagramHtml(slide: Slide, svgs: Map<string, string>): string {
  if (!slide.diagram) return '';
  const svg = svgs.get(slide.diagram.code) ?? '';
  return `<figure class="bd-diagram" role="img" aria-label="${escapeHtml(slide.diagram.label)}">${svg}</figure>`;
}

export function renderSlide(slide: Slide, svgs: Map<string, string>): string {
  const attrs = [
    `id="${escapeHtml(slide.id)}"`,
    `class="bd-slide bd-kind-${slide.kind}"`,
    `data-source-line="${slide.source.line}"`,
    slide.section ? `data-section="${escapeHtml(slide.section)}"` : '',
    slide.sectionTitle ? `data-section-title="${escapeHtml(slide.sectionTitle)}"` : '',
    slide.kind === 'title' || slide.kind === 'closing' ? 'data-background-color="var(--bd-color-accent)"' : '',
  ].filter(Boolean);
  const byline = slide.byline.length ? `<div class="bd-byline">${slide.byline.map((l) => `<p>${l}</p>`).join('')}</div>` : '';
  const body = slide.items.length ? `<div class="bd-body">${itemsHtml(slide.items)}</div>` : '';
  const notes = slide.notes.length ? `<aside class="notes">${slide.notes.join('')}</aside>` : '';
  const frame = `<div class="bd-frame">${headerHtml(slide)}${byline}${body}${diagramHtml(slide, svgs)}</div>`;
  return `<section ${attrs.join(' ')}>${frame}${notes}</section>`;
}

/** The `<section>` elements that go inside Reveal's `.slides`. */
export function renderSlides(slides: Slide[], svgs: Map<string, string>): string {
  return slides.map((s) => renderSlide(s, svgs)).join('\n');
}
