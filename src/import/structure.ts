// Blocks of a published memo → its structure: sections, numbered parts, approaches and the
// initiatives that serve them. Found from generic cues, never from a memo's own words:
// - heading levels where the input has them (Markdown, HTML, Word, a PDF's type sizes): the one
//   top heading is the title, the next level are sections, the level under it their parts;
// - in plain text, a heading "N. title" or "Name N: title" is a part, others are sections;
// - a part "Name N: title－statement" (a name, a number, a colon) is an initiative;
// - a part that is an initiative's title is an approach it serves;
// - numbered parts ("1.", "第1", "(1)") make their section the assessment;
// - cue words: a section about recommendations or measures (提言, 施策, イニシアチブ, 政策,
//   Recommendations, Measures…) holds initiatives; a part so named, with a list under it, is one.
import { NUMBERED_NAME, NUMBERED_PART, unspace, type Link, type RawBlock } from './text.ts';

export interface OutlineItem {
  text: string;
  /** The links on its words (RawBlock's). */
  links?: Link[];
  line: number;
  /** How the item was marked: "・" or "- ". */
  marker: 'bullet' | 'dash';
  children: OutlineItem[];
}

export interface OutlineBlock {
  kind: 'paragraph' | 'list' | 'table';
  /** A paragraph's text, or a list's items, or a table's rows (its header row first). */
  text?: string;
  /** The links on a paragraph's words (RawBlock's). */
  links?: Link[];
  items?: OutlineItem[];
  rows?: string[][];
  line: number;
}

export interface OutlinePart {
  role: 'part' | 'approach' | 'initiative' | 'plain';
  title: string;
  /** Why the importer gave it its role: the cue, for the report. */
  why?: string;
  id?: string;
  serves?: string;
  line: number;
  blocks: OutlineBlock[];
}

export interface OutlineSection {
  role: 'plain' | 'assessment' | 'challenges' | 'initiatives';
  title: string;
  why?: string;
  line: number;
  blocks: OutlineBlock[];
  parts: OutlinePart[];
}

const INITIATIVE = /^(\S{1,16}?\s?[0-9０-９]{1,2}\s*[：:])\s*(.+?)(?:(?:\s*[－—―]\s*|\s[-–]\s)(.+))?$/u;

/** The title an initiative heading gives after its number ("Name 1: title－…" → "title"). */
export function initiativeTitle(heading: string): string | undefined {
  return INITIATIVE.exec(heading)?.[2]?.trim();
}

/** The depth of the first item of a list made from blocks with depths (its items, by their array). */
const listDepth = new WeakMap<OutlineItem[], number>();

/** Paragraphs stay paragraphs; bullets gather into lists, "- " items nesting under a "・" point. */
function addBlock(blocks: OutlineBlock[], block: RawBlock): void {
  if (block.kind === 'text') {
    blocks.push({ kind: 'paragraph', text: block.text, line: block.line, ...(block.links ? { links: block.links } : {}) });
    return;
  }
  if (block.kind === 'table') {
    blocks.push({ kind: 'table', rows: block.rows ?? [], line: block.line });
    return;
  }
  const item: OutlineItem = { text: block.text, line: block.line, marker: block.kind === 'bullet' ? 'bullet' : 'dash', children: [], ...(block.links ? { links: block.links } : {}) };
  const last = blocks.at(-1);
  const list = last?.kind === 'list' ? last.items! : undefined;
  const parent = list?.at(-1);
  // The memo source nests one level: deeper items than the list's first join their top-level
  // item's children. (A list's first item sets its level: set in deeper than another list of the
  // document, in another column or with another marker, it nests under nothing.)
  if (block.depth !== undefined) {
    if (list && parent && block.depth > (listDepth.get(list) ?? 0)) parent.children.push(item);
    else if (list) list.push(item);
    else {
      const items = [item];
      listDepth.set(items, block.depth);
      blocks.push({ kind: 'list', items, line: block.line });
    }
    return;
  }
  if (item.marker === 'dash' && parent?.marker === 'bullet') parent.children.push(item);
  else if (list) list.push(item);
  else blocks.push({ kind: 'list', items: [item], line: block.line });
}

/** Cue words of a section or part that holds recommendations, measures or policies. */
const POLICY_CUE = /提言|施策|イニシアチブ|政策|取組|取り組み|対策|recommendation|measures|initiatives|polic(?:y|ies)|actions/iu;
/** Cue words of a section or part that analyses: findings, the present state, problems. */
const ANALYSIS_CUE = /評価|現状|課題|分析|問題|背景|assessment|findings|analysis|problems?|challenges|background/iu;
/** "1. …", "第1 …", "(1) …", "１）…": a numbered part. */
const NUMBERED = new RegExp(`${NUMBERED_PART.source}|^第[0-9０-９一二三四五六七八九十]+[^\\s]{0,2}\\s|^[（(][0-9０-９]{1,2}[)）]|^[0-9０-９]{1,2}[)）]`, 'u');

/**
 * Headings with levels (a document that marks them): the one heading of the top level, first,
 * is the title; the next two levels are sections and parts; deeper headings are paragraphs.
 * A title with text under it stays a section too, so that the text has a heading.
 */
export function levelHeadings(blocks: RawBlock[]): { title?: string; blocks: RawBlock[] } {
  const headings = blocks.filter((b) => b.kind === 'heading' && b.level !== undefined);
  if (headings.length === 0) return { blocks };
  const top = Math.min(...headings.map((h) => h.level!));
  const first = blocks.findIndex((b) => b.kind === 'heading');
  const titleBlock = blocks[first]?.level === top && headings.filter((h) => h.level === top).length === 1 ? blocks[first] : undefined;
  const rest = titleBlock ? headings.filter((h) => h !== titleBlock) : headings;
  const levels = [...new Set(rest.map((h) => h.level!))].sort((a, b) => a - b);
  const out = blocks.flatMap((b): RawBlock[] => {
    if (b.kind !== 'heading' || b.level === undefined) return [b];
    if (b === titleBlock) return [];
    const rank = levels.indexOf(b.level);
    if (rank > 1) return [{ kind: 'text', text: b.text, line: b.line }];
    return [{ ...b, level: rank + 2 }];
  });
  // Text above or under the title (a heading too deep to be a part is text) has the title for its section heading.
  const textUnderTitle = titleBlock && out.length > 0 && out[0]!.kind !== 'heading';
  if (textUnderTitle) out.unshift({ ...titleBlock, level: 2 });
  return { ...(titleBlock ? { title: titleBlock.text } : {}), blocks: out };
}

/** A line that ends a sentence: a full stop, or a Japanese predicate's polite end without one ("…します"). */
const SENTENCE_END = /(?:[。．.!?！？」』）)][0-9]{0,2}|ます|ました|ません|です|でした|ください)$/u;

/**
 * Text copied from a web page has lost its markup: headings, points and paragraphs are all lines,
 * and a point with points under it is as short as a heading. There a short line stays a heading
 * only where the text says so by more than its length. Sure headings are numbered ("1）", "2.",
 * "Name 1:") or recur: the same title under several sections is a part of an outline the
 * sections share. Short lines that are no heading, so text:
 * - a line ending with a colon: it leads into what follows ("Some examples:");
 * - a short line inside a recurring part: the part's outline is known, so it is one of its points
 *   (unless a recurring part follows it: then it is the next section's heading);
 * - a short line under a sure heading among lines that end no sentence: terse points.
 * Points are a list (flat: their nesting went with the markers). Where parts recur, they are the
 * parts (level 3) of the headings around them (level 2).
 * Text that kept its list markers (a PDF's text inside a page) says its lists itself: left as it is.
 */
export function pastedHeadings(blocks: RawBlock[]): RawBlock[] {
  if (blocks.some((b) => b.kind === 'bullet' || b.kind === 'dash')) return blocks;
  const key = (b: RawBlock) => unspace(b.text).replace(/\s+/gu, ' ');
  const numbered = (b: RawBlock) => b.level !== undefined || NUMBERED.test(unspace(b.text)) || NUMBERED_NAME.test(b.text);
  const seen = new Map<string, number>();
  for (const b of blocks) if (b.kind === 'heading' && !numbered(b)) seen.set(key(b), (seen.get(key(b)) ?? 0) + 1);
  // A title recurs as a part where each time it comes under a heading of its own, a section's
  // (a table of contents, or a summary repeated at the end, has none above it each time).
  const parts = new Set([...seen].filter(([, n]) => n >= 2).map(([t]) => t));
  const underSection = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const t = key(b);
    if (!numbered(b) && parts.has(t)) {
      if (!underSection.has(t)) parts.delete(t);
      underSection.delete(t);
    } else for (const p of parts) underSection.add(p);
  }
  const recurs = (b: RawBlock | undefined) => b?.kind === 'heading' && !numbered(b) && parts.has(key(b));
  const sure = (b: RawBlock) => b.kind === 'heading' && (numbered(b) || recurs(b));
  const out = blocks.map((b) => (b.kind === 'heading' && !sure(b) && /[:：]$/u.test(b.text) ? { ...b, kind: 'text' as const } : b));
  // The stretches between sure headings: one opened by a part that recurs, or holding no sentence, is points.
  const stretches: Array<{ from: number; to: number; terse: boolean }> = [];
  const pointed = new Set<string>();
  for (let from = 0; from < out.length; ) {
    let to = from + 1;
    while (to < out.length && !sure(out[to]!)) to++;
    const opener = out[from]!;
    const terse = sure(opener) && !recurs(opener) && !out.slice(from + 1, to).some((b) => b.kind !== 'heading' && (b.kind === 'table' || SENTENCE_END.test(b.text)));
    if (terse || recurs(opener)) {
      stretches.push({ from, to, terse });
      for (let i = from + 1; i < to; i++) {
        if (out[i]!.kind !== 'heading' || recurs(out[i + 1])) continue;
        out[i] = { ...out[i]!, kind: 'text' };
        if (recurs(opener)) pointed.add(key(opener));
      }
    }
    from = to;
  }
  // Points are a list, its items' own items among them (their nesting is lost with the markers):
  // terse lines, two or more; and every time, the lines of a part that holds points somewhere.
  for (const { from, to, terse } of stretches) {
    const lines = out.slice(from + 1, to).filter((b) => b.kind === 'text');
    if (terse ? lines.length < 2 : !pointed.has(key(out[from]!))) continue;
    for (let i = from + 1; i < to; i++) if (out[i]!.kind === 'text') out[i] = { ...out[i]!, kind: 'bullet' };
  }
  // Recurring parts give the outline its levels (where no heading has one, and two sections or more hold them: one would be taken for the title).
  const headings = out.filter((b) => b.kind === 'heading');
  const sections = headings.filter((b) => !recurs(b));
  if (headings.some((b) => b.level !== undefined) || sections.length < 2 || sections.length === headings.length) return out;
  return out.map((b) => (b.kind === 'heading' ? { ...b, level: recurs(b) ? 3 : 2 } : b));
}

export function buildOutline(blocks: RawBlock[]): OutlineSection[] {
  const headings = blocks.filter((b) => b.kind === 'heading').map((b) => ({ ...b, text: unspace(b.text) }));
  const initiativeTitles = new Set(headings.map((h) => initiativeTitle(h.text)).filter((t): t is string => !!t));
  const sections: OutlineSection[] = [];
  const approachIds = new Map<string, string>();
  let approaches = 0;
  let part: OutlinePart | undefined;

  for (const block of blocks) {
    if (block.kind !== 'heading') {
      const section = sections.at(-1);
      if (!section) continue;
      addBlock(part ? part.blocks : section.blocks, block);
      continue;
    }
    const title = unspace(block.text);
    const section = sections.at(-1);
    // Plain text says a part by its shape; a document with heading levels says it by its level.
    const isPart = block.level === undefined ? NUMBERED_PART.test(title) || !!initiativeTitle(title) || initiativeTitles.has(title) : block.level === 3;
    if (!section || !isPart) {
      part = undefined;
      sections.push({ role: 'plain', title, line: block.line, blocks: [], parts: [] });
      continue;
    }
    part = { role: 'plain', title, line: block.line, blocks: [] };
    section.parts.push(part);
    if (initiativeTitle(title)) {
      const serves = approachIds.get(initiativeTitle(title)!);
      Object.assign(part, { role: 'initiative', why: 'a name, a number and a colon', ...(serves ? { serves } : {}) });
      Object.assign(section, { role: 'initiatives', why: 'it holds initiatives' });
    } else if (initiativeTitles.has(title)) {
      const id = `approach-${++approaches}`;
      approachIds.set(title, id);
      Object.assign(part, { role: 'approach', id, why: 'an initiative names it' });
      Object.assign(section, { role: 'challenges', why: 'it holds the approaches' });
    } else if (NUMBERED.test(title) && section.role !== 'initiatives' && section.role !== 'challenges') {
      Object.assign(part, { role: 'part' });
      Object.assign(section, { role: 'assessment', why: 'its parts are numbered' });
    }
  }
  for (const section of sections) inferFromCues(section);
  return sections;
}

const hasList = (part: OutlinePart) => part.blocks.some((b) => b.kind === 'list');

/** Sections and parts no shape has placed: their cue words, where they have lists under them. */
function inferFromCues(section: OutlineSection): void {
  if (section.role !== 'plain' || section.parts.length === 0) return;
  const plain = section.parts.filter((p) => p.role === 'plain');
  const named = plain.filter((p) => POLICY_CUE.test(p.title) && !ANALYSIS_CUE.test(p.title) && hasList(p));
  const cued = plain.some((p) => POLICY_CUE.test(p.title) || ANALYSIS_CUE.test(p.title));
  const initiatives = named.length > 0 ? named : !cued && POLICY_CUE.test(section.title) ? plain.filter(hasList) : [];
  for (const p of initiatives) Object.assign(p, { role: 'initiative', why: named.length > 0 ? 'a cue word, a list under it' : 'a part of a section about measures' });
  if (initiatives.length > 0) Object.assign(section, { role: 'initiatives', why: 'it holds initiatives' });
  else if (ANALYSIS_CUE.test(section.title)) {
    Object.assign(section, { role: 'assessment', why: 'a cue word, parts under it' });
    for (const p of plain) p.role = 'part';
  }
}

/**
 * Text copied from a web page has lost its bullet markers: each point is a paragraph of its
 * own. Where the memo's structure says points are listed — an assessment part's points, an
 * initiative's recommendations, the items after an approach's opening paragraph, and the
 * body of a marked section — paragraphs become list items again.
 */
export function restoreLists(sections: OutlineSection[]): void {
  const listed = (blocks: OutlineBlock[], keepFirst: boolean): OutlineBlock[] => {
    const out: OutlineBlock[] = [];
    blocks.forEach((block, i) => {
      if (block.kind !== 'paragraph' || (keepFirst && i === 0)) {
        out.push(block);
        return;
      }
      const item: OutlineItem = { text: block.text!, line: block.line, marker: 'bullet', children: [], ...(block.links ? { links: block.links } : {}) };
      const last = out.at(-1);
      if (last?.kind === 'list') last.items!.push(item);
      else out.push({ kind: 'list', items: [item], line: block.line });
    });
    return out;
  };
  for (const section of sections) {
    if (section.role !== 'plain') section.blocks = listed(section.blocks, false);
    for (const part of section.parts) {
      if (part.role === 'part' || part.role === 'initiative') part.blocks = listed(part.blocks, false);
      else if (part.role === 'approach') part.blocks = listed(part.blocks, true);
    }
  }
}
