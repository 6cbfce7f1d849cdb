// The title block: the lines a published memo prints above its first section — its series, title,
// subtitle, authors, byline, date, publisher — go to the front matter, never into a section, and
// each is listed in the report with the field it went to. Shared by every reader: it runs on the
// blocks a reader gives (a Word style, an HTML class or a PDF's type size may hint a line's role;
// the line's own shape decides the rest). Generic cues only, in Japanese and English.
import type { MemoMeta } from '../model/types.ts';
import type { RawBlock, RawMemo, TitleField } from './text.ts';

export type { TitleField } from './text.ts';

/** A line of the title block and where it went. */
export interface TitleLine {
  /** The input's line (a PDF's page). */
  line: number;
  text: string;
  field: TitleField;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
/** "2020年12月", "令和2年12月1日", "2020-12-01", "December 2020", "1 December 2020", "Dec. 1, 2020", with "発行"/"Published" around it. */
const DATE = new RegExp(
  `^(?:(?:発行日?|公開日?|公表日?|発表日?|掲載日?|作成日?|更新日?|Published(?: on)?|Date|Updated|Posted(?: on)?)\\s*[：:]?\\s*)?` +
    `((?:(?:令和|平成|昭和)[0-9０-９元]{1,2}|[0-9０-９]{4})年(?:\\s*[（(](?:令和|平成|昭和)[0-9０-９元]{1,2}年[)）]\\s*)?[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?(?:\\s*[（(][月火水木金土日][)）])?` +
    `|[0-9]{4}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2})?` +
    `|(?:[0-9]{1,2}\\s+)?(?:${MONTHS})\\.?\\s+(?:[0-9]{1,2},?\\s+)?[0-9]{4})` +
    `\\s*(?:発行|公開|公表|発表|掲載|作成|更新)?$`,
  'iu',
);
/** "ポリシー・メモランダム #4", "Policy Brief No. 12", "ワーキングペーパー 第3号", "Vol. 2". */
const SERIES =
  /^(?:(?:ポリシー|政策|ワーキング|ディスカッション|イシュー|リサーチ|テクニカル)\s*[・･]?\s*(?:メモランダム|メモ|ブリーフ|ペーパー|レポート|ノート|提言)|(?:Policy|Working|Discussion|Issue|Research|Technical|Occasional|Briefing)\s+(?:Memo(?:randum)?|Brief|Paper|Report|Note|Series)|政策提言|研究報告|調査報告)(?:\s*(?:[#＃]|No\.?|Number|Vol\.?|第)?\s*[0-9０-９]+(?:\s*号)?)?$/iu;
/** A short line ending in a number of the series or a document code ("… #4", "No. 12", "第3号", "… DS-410"). */
const NUMBERED_SERIES = /^.{1,40}?(?:[#＃]\s*[0-9０-９]+|No\.\s*[0-9]+|Vol\.\s*[0-9]+|第[0-9０-９]+号|\s[A-Z]{1,5}[-‐][0-9]{1,5})$/u;
/** "共同執筆者：…", "執筆者: …", "By …", "Authors: …". */
const BYLINE = /^(?:共同執筆者|執筆者|著者|筆者|文責|作成者|編著|監修|By|Authors?|Written by|Prepared by)\s*[：:]?\s*(\S.*)$/iu;
const PUBLISHER = /(?:財団|研究所|研究センター|研究機構|機構|協会|大学|省|庁|委員会|事務局|株式会社|Foundation|Institute|Center|Centre|Council|University|Ministry|Agency|Office|Department|Association|Commission)$/u;
/** A sentence's end or a clause's comma: body text, never a title line. */
const SENTENCE = /[。．！？!?]$|[、，,;；]$/u;
const NAME_SEP = /\s*(?:,?\s+(?:and|&)\s+|[、,，;；／/|｜]\s*(?:and\s+|&\s+)?|\s{2,}|\u3000)\s*/u;

/** One person's name: Latin capitalised words ("Jane Q. Public"), or Japanese written with a space or "・" ("山田 花子", "ジョン・Q・パブリック"). */
function isName(n: string, many: boolean): boolean {
  if (/^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|le|la)){1,3}(?:,?\s+(?:Jr\.|Sr\.|III|II|PhD|Ph\.D\.))?$/u.test(n)) return true;
  if (!/^[\p{Script=Han}\p{Script=Katakana}ー・･\s\p{Lu}.]{2,16}$/u.test(n)) return false;
  // Kanji alone ("評価") or one word of katakana ("ビジョン", "サマリー") reads as a name only among
  // other names: a foreign name in katakana parts its names ("ジョン・スミス").
  const katakanaWord = /^[\p{Script=Katakana}ー]+$/u.test(n.trim());
  return /[\s・･]/u.test(n.trim()) || (/\p{Script=Katakana}/u.test(n) && !katakanaWord) || (many && (katakanaWord || n.length <= 6));
}

/** The names in an authors line ("A、B", "A and B", "A, B & C"), or none if it does not read as names. */
export function namesOf(text: string): string[] | undefined {
  const names = text.split(NAME_SEP).map((n) => n.trim()).filter(Boolean);
  if (names.length === 0 || names.length > 8) return undefined;
  return names.every((n) => isName(n, names.length > 1)) ? names : undefined;
}

/** What a line of a title block says by its own shape, if it says it. */
export function classifyTitleLine(text: string): { field: Exclude<TitleField, 'title' | 'subtitle' | 'program'>; value: string | string[] } | undefined {
  const line = text.trim();
  if (line.length === 0 || line.length > 80) return undefined;
  const byline = BYLINE.exec(line);
  // ("By …" names people: "by accomplishing rote tasks." is a paragraph's last line.)
  if (byline && (namesOf(byline[1]!) !== undefined || !/^(?:by|written by|prepared by)\s/iu.test(line))) {
    const names = namesOf(byline[1]!) ?? byline[1]!.split(NAME_SEP).filter(Boolean);
    return { field: 'authors', value: names };
  }
  const date = DATE.exec(line);
  if (date) return { field: 'date', value: date[1]! };
  if (SERIES.test(line) || (NUMBERED_SERIES.test(line) && !SENTENCE.test(line) && line.length <= 40)) return { field: 'series', value: line };
  if (line.length <= 40 && PUBLISHER.test(line) && !SENTENCE.test(line) && !/[のをにはが].{0,3}$/u.test(line.slice(-4, -2))) return { field: 'publisher', value: line };
  return undefined;
}

/** A short line of the block: a title, a name, a date — not a paragraph, not a sentence. */
const short = (b: RawBlock) => b.text.length <= 80 && !SENTENCE.test(b.text.trim()) && !/[。！？](?=.)|[a-z]{3,}[.!?]\s+[A-Z]/u.test(b.text.trim());

/** A notice's opening: a pictograph of warning, information or speech (⚠️ 💬 ℹ️ 📢 🚧), not a letter. */
const NOTICE = /^\s*(?:\p{Extended_Pictographic}|[⚠ℹ])/u;
/** Words of a programme, project or initiative line: the unit of the publisher the memo comes from. */
const PROGRAM = /プログラム|事業|イニシアチブ|イニシアティブ|プロジェクト|研究会|Program(?:me)?\b|Initiative\b|Project\b/iu;
const squeezed = (text: string) => text.replace(/\s+/gu, '');

/**
 * Takes the title block off the blocks: the lines before the memo's first section heading. The
 * title is the line a reader hints is the title (a Word style), else the document's one top
 * heading, else the line the document's properties name as its title, else the first short line
 * that says nothing else. The lines around it are classified by hint or shape: a series above the
 * title; a subtitle right under it; names, a byline, a date, a publisher, a programme. A line that
 * says nothing the front matter holds, or a paragraph, stays where it was: text above the first
 * heading has the title for its section heading.
 */
export function takeTitleBlock(raw: RawMemo, options: { styledHeadings?: boolean } = {}): RawMemo & { titleBlock: TitleLine[] } {
  // A reader may have joined a title page's short lines into one block (a PDF's flow): each line
  // that says a title block fact is its own again.
  const blocks = raw.blocks.flatMap((b, i) =>
    i < 16 && b.kind === 'text' && b.lines && b.lines.length > 1 && b.lines.every((l) => l.length <= 80 && !SENTENCE.test(l.trim())) && b.lines.some((l) => classifyTitleLine(l) !== undefined || namesOf(l) !== undefined)
      ? b.lines.map((text): RawBlock => ({ kind: 'text', text, line: b.line }))
      : [b],
  );
  const levels = blocks.filter((b) => b.kind === 'heading' && b.level !== undefined).map((b) => b.level!);
  const top = levels.length ? Math.min(...levels) : undefined;
  const topCount = levels.filter((l) => l === top).length;
  let titleAt = blocks.findIndex((b) => b.hint === 'title');
  const firstHeading = blocks.findIndex((b) => b.kind === 'heading');
  if (titleAt < 0 && firstHeading >= 0 && top !== undefined && blocks[firstHeading]!.level === top && topCount === 1 && levels.length > 1) titleAt = firstHeading;
  // A heading the author styled as one (Word, HTML, Markdown) is a section unless its words say
  // otherwise; a PDF's bold line may be a name.
  const titleShaped = (b: RawBlock) => classifyTitleLine(b.text) !== undefined || ((b.kind !== 'heading' || !options.styledHeadings) && namesOf(b.text) !== undefined);
  // Where the memo's body starts: the first heading after the title, or a paragraph of body text.
  // (Text above the title — a notice, a lead — stays text: the title is then its section's heading too.)
  // A PDF's subtitle is a heading by its type: one right under the title, with title block lines under it.
  const subtitleHeading = (i: number, after: number) => !options.styledHeadings && after >= 0 && i === after + 1 && blocks[i + 1] !== undefined && titleShaped(blocks[i + 1]!);
  const bodyFrom = (after: number) => {
    const at = blocks.findIndex((b, i) => i > after && b.hint === undefined && !b.titlePage && (b.kind === 'table' || !short(b) || (b.kind === 'heading' && !titleShaped(b) && !subtitleHeading(i, after))));
    return at < 0 ? blocks.length : at;
  };
  let bodyAt = bodyFrom(titleAt);
  if (titleAt < 0 && raw.meta?.title) {
    const named = squeezed(raw.meta.title);
    titleAt = blocks.slice(0, bodyAt).findIndex((b) => squeezed(b.text) === named);
  }
  if (titleAt < 0) titleAt = blocks.slice(0, bodyAt).findIndex((b) => b.hint === undefined && short(b) && !titleShaped(b));
  if (titleAt >= 0) bodyAt = bodyFrom(titleAt);
  const front = blocks.slice(0, bodyAt);
  const taken: TitleLine[] = [];
  const meta: Partial<MemoMeta> = {};
  const take = (b: RawBlock, field: TitleField, value: string | string[]) => {
    taken.push({ line: b.line, text: b.text, field });
    if (field === 'authors') meta.authors = [...new Set([...(meta.authors ?? []), ...(value as string[])])];
    else if (!meta[field]) meta[field] = value as string;
  };
  const keep = new Set<RawBlock>();
  const above: RawBlock[] = [];
  front.forEach((b, i) => {
    if (i === titleAt) return take(b, 'title', b.text);
    const hinted = b.hint;
    const shape = classifyTitleLine(b.text);
    // An "author" who is an organisation ("デジタル庁", "Institute of …") is the publisher.
    if (hinted === 'authors' && shape?.field === 'publisher' && meta.publisher === undefined) return take(b, 'publisher', shape.value);
    if (hinted === 'authors') return take(b, 'authors', shape?.field === 'authors' ? (shape.value as string[]) : (namesOf(b.text) ?? [b.text]));
    if (hinted === 'date') return take(b, 'date', (shape?.field === 'date' ? shape.value : b.text) as string);
    if (hinted && hinted !== 'title' && meta[hinted] === undefined) return take(b, hinted, b.text);
    if (shape && !(shape.field in meta && shape.field !== 'authors')) return take(b, shape.field, shape.value);
    // A line that is the author the document's properties name ("チームみらい", no name by its shape), where no line gave the authors yet.
    if (!hinted && !meta.authors && raw.meta?.authors?.some((a) => squeezed(a) === squeezed(b.text))) return take(b, 'authors', [b.text.trim()]);
    const line = short(b) && !(b.kind === 'heading' && options.styledHeadings && !subtitleHeading(i, titleAt));
    if (i < titleAt && b.kind === 'text' && !line) return void above.push(b);
    if (!line || titleAt < 0) return void keep.add(b);
    // Above the title: its series (a kicker). Under it: a subtitle right under it, names, a programme, a publisher.
    if (i < titleAt) return meta.series === undefined && i === titleAt - 1 ? take(b, 'series', b.text) : void above.push(b);
    const names = namesOf(b.text);
    if (names) return take(b, 'authors', names);
    if (i === titleAt + 1 && meta.subtitle === undefined) return take(b, 'subtitle', b.text);
    if (PROGRAM.test(b.text) && meta.program === undefined) return take(b, 'program', b.text);
    // A label in brackets ("[概要]", "【キーワード】") heads what follows it: body.
    if (meta.publisher === undefined && b.text.length <= 40 && !/^[[［【〔(（].*[\]］】〕)）]$/u.test(b.text.trim())) return take(b, 'publisher', b.text);
    keep.add(b);
  });
  if (taken.length === 0) {
    // A title the document states elsewhere (front matter, properties) heads the text above its first heading.
    const lead = blocks.length > 0 && blocks[0]!.kind !== 'heading' && raw.meta?.title;
    return lead ? { ...raw, blocks: [{ kind: 'heading', text: raw.meta!.title!, line: 0, ...(top !== undefined ? { level: top - 1 } : {}) }, ...blocks], titleBlock: [] } : { ...raw, titleBlock: [] };
  }
  // A few lines of text above the title (a site's notice: "this is a draft…") are not the memo's
  // body; more than a notice's length stays, and the title heads it.
  const notice = above.length <= 3 && above.every((b) => b.text.length <= 300);
  if (!notice) above.forEach((b) => keep.add(b));
  const skip = new Set<RawBlock>();
  const dropped = notice ? above.map((b) => ({ line: b.line, text: b.text, why: 'above the title (a notice)' })) : [];
  // Notices under the title block, before the first heading, open with a warning or speech sign (⚠️, 💬, ℹ️).
  // (A PDF drawing the sign without its font holds no text for it, but says a sign was there.)
  for (let i = bodyAt; i < blocks.length && blocks[i]!.kind === 'text' && (NOTICE.test(blocks[i]!.text) || blocks[i]!.signLost) && blocks[i]!.text.length <= 300; i++) {
    dropped.push({ line: blocks[i]!.line, text: blocks[i]!.text, why: NOTICE.test(blocks[i]!.text) ? 'a notice (it opens with a warning sign)' : 'a notice (it opens with a sign drawn without text)' });
    skip.add(blocks[i]!);
  }
  const rest = blocks.filter((b, i) => (i >= bodyAt && !skip.has(b)) || keep.has(b));
  // The title stays a heading above every other, for the reader of levels to find it; in text
  // without levels, it heads the text above the first heading (a lead paragraph) if there is any.
  const titleLine = taken.find((t) => t.field === 'title');
  const lead = rest.length > 0 && rest[0]!.kind !== 'heading';
  const heading = titleLine && (top !== undefined || lead) ? [{ kind: 'heading' as const, text: titleLine.text, line: titleLine.line, ...(top !== undefined ? { level: top - 1 } : {}) }] : [];
  return { ...raw, blocks: [...heading, ...rest], meta: { ...raw.meta, ...meta }, dropped: [...raw.dropped, ...dropped], titleBlock: taken };
}
