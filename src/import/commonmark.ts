// A memo written in Markdown (any CommonMark document) → the memo's blocks. Its `#` title is
// the title, its front matter the title page facts, its headings and lists the structure.
import MarkdownIt from 'markdown-it';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import type { MemoMeta } from '../model/types.ts';
import { checkDepth, NestedTooDeep } from './depth.ts';
import { readDom } from './dom.ts';
import type { Element_ } from './dom-nodes.ts';
import type { RawMemo } from './text.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Does the text read as Markdown: front matter; `#` headings with a `##` under them or a `# ` title
 * first; or one `#` heading with Markdown's other marks around it (list items, **strong**, links).
 */
export function looksLikeMarkdown(text: string): boolean {
  if (FRONT_MATTER.test(text)) return true;
  const headings = text.match(/^#{1,6}[ \t]+\S/gmu) ?? [];
  if (headings.length >= 2 || /^\s*#[ \t]+\S/u.test(text)) return true;
  if (headings.length === 0) return false;
  const marks = (text.match(/^\s*[*+-][ \t]+\S/gmu) ?? []).length + (text.match(/\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)/gu) ?? []).length;
  return marks >= 2;
}

function frontMatter(yaml: string): Partial<MemoMeta> {
  let data: unknown;
  try {
    data = parseYaml(yaml, { maxAliasCount: 50 });
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const record = data as Record<string, unknown>;
  const meta: Partial<MemoMeta> = {};
  for (const key of ['series', 'title', 'subtitle', 'publisher', 'program', 'language', 'date', 'source'] as const) {
    if (typeof record[key] === 'string' || typeof record[key] === 'number') meta[key] = String(record[key]);
  }
  const authors = record.authors ?? record.author;
  if (Array.isArray(authors)) meta.authors = authors.map(String);
  else if (typeof authors === 'string') meta.authors = authors.split(/\s*[,;、；]\s*/u).filter(Boolean);
  if (!meta.language && typeof record.lang === 'string') meta.language = record.lang;
  return meta;
}

export function readMarkdown(text: string): RawMemo {
  const fm = FRONT_MATTER.exec(text);
  // An HTML comment (<!-- omit in toc -->) is not shown where Markdown is rendered: no text (its lines kept, for line numbers).
  const body = (fm ? text.slice(fm[0].length) : text).replace(/<!--[\s\S]*?-->/gu, (c) => c.replace(/[^\n]/gu, ''));
  const offset = fm ? fm[0].split('\n').length - 1 : 0;
  // Attributes ({#id .class}, as pandoc and the memo source write them) are not text.
  const md = new MarkdownIt({ html: false, linkify: false }).use(attrs, { allowedAttributes: [] }).use(footnote);
  // Each block element carries the line it starts on, for the report.
  md.core.ruler.push('source_lines', (state) => {
    for (const token of state.tokens) if (token.map && token.nesting === 1) token.attrSet('data-line', String(token.map[0] + 1 + offset));
  });
  // The reader stops at its nesting limit (quotes in quotes, lists in lists) and drops what is deeper: refused where it is passed.
  const limit = md.options.maxNesting ?? 100;
  md.core.ruler.push('nesting_limit', (state) => {
    let line = 1;
    for (const token of state.tokens) {
      if (token.map) line = token.map[0] + 1 + offset;
      if (token.level >= limit - 1) throw new NestedTooDeep({ line, limit });
    }
  });
  const html = md.render(body);
  checkDepth(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const raw = readDom(document.body as unknown as Element_);
  return { ...raw, ...(fm ? { meta: frontMatter(fm[1]!) } : {}) };
}
