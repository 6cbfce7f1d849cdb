import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, Token } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import frontMatter from 'markdown-it-front-matter';

/** Attributes the memo source may carry in `{…}`: structure markers only, never event handlers. */
export const ALLOWED_ATTRIBUTES = ['id', 'class', 'serves'];

/**
 * Where a reference to the memo's n-th footnote (0-based, in the order of the footnote list)
 * links: a name the planner resolves to the slide that shows that footnote.
 */
export const footnoteAnchor = (index: number): string => `#/fn-${index + 1}`;

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
 * markdown-it's own link validation drops `javascript:` and similar URLs.
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

  md.renderer.rules.footnote_ref = (tokens, idx) => {
    const { id, label } = tokens[idx]!.meta as { id: number; label: string };
    return `<sup class="footnote-ref"><a href="${footnoteAnchor(id)}">${md.utils.escapeHtml(String(label))}</a></sup>`;
  };

  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (/^https?:\/\//i.test(String(token.attrGet('href') ?? ''))) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}
