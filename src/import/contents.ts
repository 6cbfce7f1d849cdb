// A table of contents is the document's navigation, not its text: a heading 目次 / Contents and
// the short lines under it that name the document's own headings (with page numbers or dot
// leaders, or as links) are left out of the memo, and listed in the report.
import type { Dropped, RawMemo } from './text.ts';

const CONTENTS = /^(?:目次|もくじ|目 次|Contents|Table of contents|TOC)$/iu;
/** An entry's words: without its leader dots, page number and spaces. */
const words = (text: string) => text.replace(/[.．·・…‥\s\u3000]+[0-9０-９ivxlc]*\s*$/iu, '').replace(/[\s\u3000]+/gu, '');

export function takeContents(raw: RawMemo): RawMemo {
  const at = raw.blocks.findIndex((b) => (b.kind === 'heading' || b.kind === 'text') && CONTENTS.test(b.text.trim()));
  if (at < 0) return raw;
  const end = raw.blocks.findIndex((b, i) => i > at && b.kind === 'heading');
  const entries = raw.blocks.slice(at + 1, end < 0 ? raw.blocks.length : end);
  const headings = [...new Set(raw.blocks.slice(at + 1).filter((b) => b.kind === 'heading').map((b) => words(b.text)))].filter((h) => h.length >= 2);
  // An entry names a heading that follows; lines a reader joined name several.
  const names = (text: string) => headings.filter((h) => words(text).includes(h)).length;
  const named = entries.reduce((n, b) => n + names(b.text), 0);
  // Entries are titles, not sentences (a reader may have joined several into one line).
  const listing = entries.every((b) => !/[。！？]|[a-z]{2,}[.!?](?:\s|$)/u.test(b.text));
  // (An excerpt's contents list more headings than it holds: some must follow, not all.)
  if (entries.length === 0 || !listing || named < Math.min(3, headings.length)) return raw;
  const dropped: Dropped[] = [raw.blocks[at]!, ...entries].map((b) => ({ line: b.line, text: b.text, why: 'table of contents' }));
  return { ...raw, blocks: raw.blocks.filter((_, i) => i < at || i > at + entries.length), dropped: [...raw.dropped, ...dropped] };
}
