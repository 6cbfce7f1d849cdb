// The deck's front and back matter: the title and closing slides (title, subtitle, byline), the
// notes and the sources at the end.
import { joinSentences, plain, text } from '../model/content.ts';
import type { Inline, Memo, Slide, SlideItem } from '../model/types.ts';
import { fullUnit, type Unit } from './paginate.ts';
import { slide, pagesOf, type Ctx, type Frame } from './frame.ts';

/** The line under the title: the memo's own subtitle, else the programme it belongs to (unless the title says it). */
export function titleSubtitle(meta: Memo['meta']): string | undefined {
  const line = meta.subtitle ?? meta.program;
  return line && line.replace(/\s+/gu, '') !== meta.title.replace(/\s+/gu, '') ? line : undefined;
}

/** The title page's lines under the title: the authors; the publisher and the date. */
export function byline(memo: Memo): string[][] {
  const { authors, publisher, date } = memo.meta;
  // A title slide says each thing once: a publisher who is also an author (or the title), once.
  const said = new Set([memo.meta.title, memo.meta.series, titleSubtitle(memo.meta)].filter(Boolean).map((v) => v!.replace(/\s+/gu, '')));
  const once = (v: string | undefined) => {
    if (!v || said.has(v.replace(/\s+/gu, ''))) return undefined;
    said.add(v.replace(/\s+/gu, ''));
    return v;
  };
  const lines: string[][] = [];
  const names = authors.map(once).filter((v): v is string => !!v);
  if (names.length) lines.push(names);
  const published = [once(publisher), once(date)].filter((v): v is string => !!v);
  if (published.length) lines.push(published);
  return lines;
}

/**
 * Where the memo can be read, for the closing slide: a web address or a citation, as the memo
 * gives it. A bare file name (what the importer notes it read) tells an audience nothing.
 */
export function shownSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  return /^[^\s/\\:]+\.[A-Za-z0-9]{1,5}$/.test(source.trim()) ? undefined : source;
}

export function titleSlide(memo: Memo, id: string, kind: 'title' | 'closing'): Slide {
  const { meta } = memo;
  return {
    id,
    kind,
    section: id,
    sectionTitle: meta.title,
    ...(meta.series ? { kicker: plain(meta.series) } : {}),
    title: plain(meta.title),
    ...(titleSubtitle(meta) && kind === 'title' ? { subtitle: plain(titleSubtitle(meta)!) } : {}),
    layout: kind,
    byline: byline(memo),
    // The closing slide says where the memo can be read: its source.
    items: kind === 'closing' && shownSource(meta.source) ? [{ content: sourceEntry(shownSource(meta.source)!), style: 'plain', level: 0 }] : [],
    notes: [],
    source: { file: memo.file, line: 1 },
  };
}

/** The footnotes slides: each footnote whole, after its label. */
export function footnoteSlides(memo: Memo, ctx: Ctx): Slide[] {
  if (memo.footnotes.length === 0) return [];
  const frame: Frame = { id: 'footnotes', title: plain(ctx.strings.footnotes), section: 'footnotes', source: memo.footnotes[0]!, kind: 'footnotes' };
  const units = memo.footnotes.map((f, index) => {
    const item: SlideItem = { content: joinSentences(f.sentences), style: 'plain', level: 0, footnote: { index, label: f.label }, source: f };
    return fullUnit(item, `${f.label} ${f.sentences.map((s) => s.text).join('')}`, ctx.theme.font.small, ctx.theme, ctx.language);
  });
  return pagesOf(frame, units, ctx, { spoken: false });
}

/** The addresses the footnotes cite, once each; the memo's own source is on the closing slide. */
export function sourceSlides(memo: Memo, ctx: Ctx): Slide[] {
  const links = [...new Set(memo.footnotes.flatMap((f) => f.links))];
  if (links.length === 0) return [];
  const frame: Frame = { id: 'sources', title: plain(ctx.strings.sources), section: 'sources', source: memo.footnotes[0]!, kind: 'footnotes' };
  const units: Unit[] = links.map((entry) => fullUnit({ content: sourceEntry(entry), style: 'bullet', level: 0 }, entry, ctx.theme.font.small, ctx.theme, ctx.language));
  return pagesOf(frame, units, ctx, { spoken: false });
}

/** A source: a link when it is a web address, else its title as text. */
export function sourceEntry(entry: string): Inline[] {
  return /^https?:\/\//.test(entry) ? [{ type: 'link', href: entry, children: [text(entry)] }] : plain(entry);
}
