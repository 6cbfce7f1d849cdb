// Typed text runs → inert HTML. The only place text becomes markup: every string is escaped.
import { escapeHtml } from '../core/files.ts';
import type { Inline } from '../model/types.ts';

/**
 * Where a picture is shown from: its address, or (the one-file deck, for a picture shown more than
 * once) the class of the one style rule that holds it (`compile.ts`, sharedPictures).
 */
export type AssetRef = string | { className: string };

/** An `<img>` of a picture, by its address or by the class that holds it. */
export function imgHtml(ref: AssetRef, alt: string, className?: string): string {
  if (typeof ref === 'string') return `<img${className ? ` class="${className}"` : ''} src="${escapeHtml(ref)}" alt="${escapeHtml(alt)}">`;
  return `<img class="${[className, ref.className].filter(Boolean).join(' ')}" alt="${escapeHtml(alt)}">`;
}

export interface InlineContext {
  /** Where an image of the memo (its `src` as written) is shown from. */
  asset?(src: string): AssetRef;
  /** The slide a reference to the memo's footnote `index` links to. */
  noteTarget(index: number): string;
}

const external = (href: string) => /^https?:\/\//i.test(href);

/** An http(s) link opens in a new tab, without handing it this page. */
export function linkHtml(href: string, inner: string): string {
  const rel = external(href) ? ' target="_blank" rel="noopener noreferrer"' : '';
  return `<a href="${escapeHtml(href)}"${rel}>${inner}</a>`;
}

export function inlineHtml(inlines: readonly Inline[], ctx: InlineContext): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
          return escapeHtml(inline.text);
        case 'emph':
          return `<em>${inlineHtml(inline.children, ctx)}</em>`;
        case 'strong':
          return `<strong>${inlineHtml(inline.children, ctx)}</strong>`;
        case 'strike':
          return `<s>${inlineHtml(inline.children, ctx)}</s>`;
        case 'code':
          return `<code>${escapeHtml(inline.text)}</code>`;
        case 'link':
          return linkHtml(inline.href, inlineHtml(inline.children, ctx));
        case 'image':
          return imgHtml(ctx.asset?.(inline.src) ?? inline.src, inline.alt);
        case 'note':
          return `<sup class="footnote-ref"><a href="#/${escapeHtml(ctx.noteTarget(inline.index))}">${escapeHtml(inline.label)}</a></sup>`;
        case 'softbreak':
          return '\n';
        case 'linebreak':
          return '<br>\n';
      }
    })
    .join('');
}
