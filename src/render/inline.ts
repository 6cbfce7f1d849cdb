// Typed text runs → inert HTML. The only place text becomes markup: every string is escaped.
import { escapeHtml } from '../core/files.ts';
import type { Inline } from '../model/types.ts';

export interface InlineContext {
  /** The address an image of the memo is shown from. */
  asset?(src: string): string;
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
          return `<img src="${escapeHtml(ctx.asset?.(inline.src) ?? inline.src)}" alt="${escapeHtml(inline.alt)}">`;
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
