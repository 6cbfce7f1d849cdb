// The imported memo → the memo source format (slides/<deck>/memo.md).
import { stringify } from 'yaml';
import type { MemoMeta } from '../model/types.ts';
import type { OutlineBlock, OutlineItem, OutlineSection } from './structure.ts';
import { REF_MARK, replaceFootnoteMarks, type Link, type RawFootnote } from './text.ts';

/** Where each link's words start and end, while the text is escaped (private-use marks, as footnote references are). */
const LINK_MARK = /\uE002(\d+)\uE004([^\uE003]*)\uE003/gu;

/**
 * Body text as Markdown: footnote numbers become references, URLs links, markup stays text; the
 * input's `links` (the words they are on, in order) become Markdown links on those words.
 */
function inline(text: string, labels: Set<string>, links: Link[] = []): string {
  const hrefs: string[] = [];
  let marked = text;
  let from = 0;
  for (const link of links) {
    // Where the reader found them; else the first place from here where they stand as words (not
    // "personas" inside "Anti-personas"), else the first at all.
    const known = link.at !== undefined && text.slice(link.at, link.at + link.text.length) === link.text ? marked.indexOf(link.text, Math.max(from, link.at + (marked.length - text.length))) : -1;
    const at = known >= 0 ? known : wordAt(marked, link.text, from);
    if (at < 0) continue;
    const mark = `\uE002${hrefs.length}\uE004${link.text}\uE003`;
    hrefs.push(link.href);
    marked = `${marked.slice(0, at)}${mark}${marked.slice(at + link.text.length)}`;
    from = at + mark.length;
  }
  return replaceFootnoteMarks(marked.replace(/([\\`*_[\]<>])/g, '\\$1'), labels, (end, label) => `${end}[^${label}]`)
    .replace(REF_MARK, (_, label: string) => `[^${label}]`)
    // (An address ends where Japanese text or a full-width form follows it unspaced: "…03.pdf３）教育…".)
    .replace(/(https?:\/\/(?:[^\s<>）」\\\uE002-\uE004\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]|\\[_*#|])+)/g, (_, url: string) => {
      const [link, after] = trailingPunctuation(url);
      return `<${link.replace(/\\([_*#|])/g, '$1')}>${after}`;
    })
    .replace(LINK_MARK, (_, i: string, words: string) => `[${words}](${destination(hrefs[Number(i)]!)})`);
}

/** The first place from `from` where `words` stand as words (no letter, digit or hyphen joined to either end), else the first place at all. */
function wordAt(text: string, words: string, from: number): number {
  for (let at = text.indexOf(words, from); at >= 0; at = text.indexOf(words, at + 1)) {
    if (!/[\p{L}\p{N}-]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[at + words.length] ?? '')) return at;
  }
  return text.indexOf(words, from);
}

/** A link's address as a Markdown link destination: what would end it or break it percent-encoded. */
function destination(href: string): string {
  return href.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A URL's end that belongs to the sentence around it, as GitHub's autolinks read it: a full stop,
 * comma, colon, semicolon, ! or ? at its end, and a closing parenthesis the URL did not open
 * ("(see https://example.org/a)."). The text stays as it was; only the link's target is cut.
 */
function trailingPunctuation(url: string): [string, string] {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    const opened = (url.slice(0, end).match(/\(/g) ?? []).length;
    const closed = (url.slice(0, end).match(/\)/g) ?? []).length;
    if (last && '.,:;!?'.includes(last)) end--;
    else if (last === ')' && closed > opened) end--;
    else break;
  }
  return [url.slice(0, end), url.slice(end)];
}

/**
 * Text that opens a paragraph or a list item, as Markdown would not read it as a block's mark: a
 * leading "1)" or "1." (an ordered list), "-", "+", "#", ">" or "=" stays text.
 */
function opening(text: string): string {
  return text.replace(/^([0-9]{1,9})([.)])(?=\s|$)/u, '$1\\$2').replace(/^([-+#>=])(?=\s|$|[-=#]+\s*$)/u, '\\$1');
}

function items(list: OutlineItem[], labels: Set<string>, indent = ''): string[] {
  return list.flatMap((item) => [`${indent}- ${opening(inline(item.text, labels, item.links))}`, ...items(item.children, labels, `${indent}  `)]);
}

/** A table as a Markdown (GFM) table: its first row the header; a "|" in a cell escaped. */
function table(rows: string[][], labels: Set<string>): string {
  const line = (cells: string[]) => `| ${cells.map((c) => inline(c, labels).replace(/\|/g, '\\|')).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header!), `|${header!.map(() => ' --- ').join('|')}|`, ...body.map(line)].join('\n');
}

function blocks(list: OutlineBlock[], labels: Set<string>): string[] {
  return list.map((b) => (b.kind === 'paragraph' ? `${opening(inline(b.text!, labels, b.links))}\n` : b.kind === 'table' ? `${table(b.rows!, labels)}\n` : `${items(b.items!, labels).join('\n')}\n`));
}

const SECTION_MARKER = { plain: '', assessment: ' {.assessment}', challenges: ' {.challenges}', initiatives: ' {.initiatives}' };

function frontMatter(meta: MemoMeta): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['series', 'title', 'subtitle', 'authors', 'publisher', 'program', 'language', 'date', 'source'] as const) {
    if (meta[key] !== undefined && !(Array.isArray(meta[key]) && meta[key].length === 0)) ordered[key] = meta[key];
  }
  return `---\n${stringify(ordered, { lineWidth: 0 })}---\n`;
}

export function toMarkdown(meta: MemoMeta, sections: OutlineSection[], footnotes: RawFootnote[]): string {
  const labels = new Set(footnotes.map((f) => f.label));
  const out: string[] = [frontMatter(meta)];
  for (const section of sections) {
    out.push(`## ${inline(section.title, labels)}${SECTION_MARKER[section.role]}\n`, ...blocks(section.blocks, labels));
    for (const part of section.parts) {
      const marker =
        part.role === 'approach' ? ` {#${part.id} .approach}` : part.role === 'initiative' ? ` {.initiative${part.serves ? ` serves=${part.serves}` : ''}}` : '';
      out.push(`### ${inline(part.title, labels)}${marker}\n`, ...blocks(part.blocks, labels));
    }
  }
  for (const note of footnotes) out.push(`[^${note.label}]: ${inline(note.text, new Set())}\n`);
  return `${out.join('\n').trimEnd()}\n`;
}
