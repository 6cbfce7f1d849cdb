import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import frontMatter from 'markdown-it-front-matter';

/** Attributes the memo source may carry in `{…}`: structure markers only, never event handlers. */
export const ALLOWED_ATTRIBUTES = ['id', 'class', 'serves'];

/**
 * The one markdown-it set-up of briefdeck. Raw HTML is off (memo text stays text),
 * markdown-it's own link validation drops `javascript:` and similar URLs. Only its parser is
 * used: the memo becomes typed text runs (inline.ts), and src/render/ makes the HTML.
 */
export function createMarkdown(): MarkdownItInstance {
  return new MarkdownIt({ html: false, linkify: false, typographer: false })
    .use(frontMatter, () => {})
    .use(attrs, { allowedAttributes: ALLOWED_ATTRIBUTES })
    .use(footnote);
}
