import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, Token } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import frontMatter from 'markdown-it-front-matter';

/** Attributes the memo source may carry in `{…}`: structure markers only, never event handlers. */
export const ALLOWED_ATTRIBUTES = ['id', 'class', 'serves'];

/** A footnote defined in the memo that no reference points at, with its tokens. */
export interface UnreferencedFootnote {
  label: string;
  tokens: Token[];
}

/** What briefdeck's rules leave in markdown-it's env. */
export interface MemoEnv {
  unreferencedFootnotes?: UnreferencedFootnote[];
}

/**
 * The one markdown-it set-up of briefdeck. Raw HTML is off (memo text stays text),
 * markdown-it's own link validation drops `javascript:` and similar URLs. Only its parser is
 * used: the memo becomes typed text runs (inline.ts), and src/render/ makes the HTML.
 */
export function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
    .use(frontMatter, () => {})
    .use(attrs, { allowedAttributes: ALLOWED_ATTRIBUTES })
    .use(footnote);

  // markdown-it-footnote drops a footnote that no reference uses; keep its tokens so that the
  // memo loses no sentence (the parser lists it with the others).
  md.core.ruler.before('footnote_tail', 'briefdeck_unreferenced_footnotes', (state) => {
    const refs = (state.env as { footnotes?: { refs?: Record<string, number> } }).footnotes?.refs;
    if (!refs) return;
    const kept: UnreferencedFootnote[] = [];
    let current: UnreferencedFootnote | undefined;
    for (const token of state.tokens) {
      if (token.type === 'footnote_reference_open') {
        const label = String((token.meta as { label: string }).label);
        current = refs[`:${label}`] === -1 ? { label, tokens: [] } : undefined;
        if (current) kept.push(current);
      } else if (token.type === 'footnote_reference_close') current = undefined;
      else current?.tokens.push(token);
    }
    (state.env as MemoEnv).unreferencedFootnotes = kept;
  });

  // A heading or paragraph that ends in braces which read as no marker (`## Set {a, b}`) keeps
  // them as its text: markdown-it-attrs would take them for attributes and drop them unseen.
  md.core.ruler.before('curly_attributes', 'briefdeck_braces_as_text', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'inline' || !token.children) continue;
      const last = token.children.findLast((c) => !(c.type === 'text' && c.content.trim() === ''));
      if (last?.type !== 'text') continue;
      const group = /(?<!\\)\{+([^{}]*)\}+\s*$/.exec(last.content);
      // text_special: read as text by briefdeck (and joined back by markdown-it), never as attributes.
      if (group && !MARKER_START.test(group[1]!)) last.type = 'text_special';
    }
  });

  return md;
}

/** What a `{…}` marker starts with: an id, a class (a role), or an attribute (`serves=`). */
export const MARKER_START = /^\s*(?:[#.]|[A-Za-z_][\w-]*\s*=)/;
