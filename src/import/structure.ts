// Blocks of a published memo → its structure: sections, numbered parts, approaches and the
// initiatives that serve them. Found from the shape of the text, never from its words:
// - a heading "Name N: title－statement" (a name, a number, a colon) is an initiative;
// - a heading that is an initiative's title is an approach it serves;
// - a heading "N. title" is a numbered part; the section holding them is the assessment;
// - every other heading is a section.
import { NUMBERED_PART, unspace, type RawBlock } from './text.ts';

export interface OutlineItem {
  text: string;
  line: number;
  /** How the item was marked: "・" or "- ". */
  marker: 'bullet' | 'dash';
  children: OutlineItem[];
}

export interface OutlineBlock {
  kind: 'paragraph' | 'list';
  /** A paragraph's text, or a list's items. */
  text?: string;
  items?: OutlineItem[];
  line: number;
}

export interface OutlinePart {
  role: 'part' | 'approach' | 'initiative' | 'plain';
  title: string;
  id?: string;
  serves?: string;
  line: number;
  blocks: OutlineBlock[];
}

export interface OutlineSection {
  role: 'plain' | 'assessment' | 'challenges' | 'initiatives';
  title: string;
  line: number;
  blocks: OutlineBlock[];
  parts: OutlinePart[];
}

const INITIATIVE = /^(\S{1,16}?\s?[0-9０-９]{1,2}\s*[：:])\s*(.+?)(?:(?:\s*[－—―]\s*|\s[-–]\s)(.+))?$/u;

/** The title an initiative heading gives after its number ("Name 1: title－…" → "title"). */
export function initiativeTitle(heading: string): string | undefined {
  return INITIATIVE.exec(heading)?.[2]?.trim();
}

/** Paragraphs stay paragraphs; bullets gather into lists, "- " items nesting under a "・" point. */
function addBlock(blocks: OutlineBlock[], block: RawBlock): void {
  if (block.kind === 'text') {
    blocks.push({ kind: 'paragraph', text: block.text, line: block.line });
    return;
  }
  const item: OutlineItem = { text: block.text, line: block.line, marker: block.kind === 'bullet' ? 'bullet' : 'dash', children: [] };
  const last = blocks.at(-1);
  const list = last?.kind === 'list' ? last.items! : undefined;
  const parent = list?.at(-1);
  if (item.marker === 'dash' && parent?.marker === 'bullet') parent.children.push(item);
  else if (list) list.push(item);
  else blocks.push({ kind: 'list', items: [item], line: block.line });
}

export function buildOutline(blocks: RawBlock[]): OutlineSection[] {
  const headings = blocks.filter((b) => b.kind === 'heading').map((b) => ({ ...b, text: unspace(b.text) }));
  const initiativeTitles = new Set(headings.map((h) => initiativeTitle(h.text)).filter((t): t is string => !!t));
  const sections: OutlineSection[] = [];
  const approachIds = new Map<string, string>();
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
    if (section && NUMBERED_PART.test(title)) {
      part = { role: 'part', title, line: block.line, blocks: [] };
      section.parts.push(part);
      section.role = 'assessment';
    } else if (section && initiativeTitle(title)) {
      const serves = approachIds.get(initiativeTitle(title)!);
      part = { role: 'initiative', title, line: block.line, blocks: [], ...(serves ? { serves } : {}) };
      section.parts.push(part);
      section.role = 'initiatives';
    } else if (section && initiativeTitles.has(title)) {
      const id = `approach-${approachIds.size + 1}`;
      approachIds.set(title, id);
      part = { role: 'approach', title, id, line: block.line, blocks: [] };
      section.parts.push(part);
      section.role = 'challenges';
    } else {
      part = undefined;
      sections.push({ role: 'plain', title, line: block.line, blocks: [], parts: [] });
    }
  }
  return sections;
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
      const item: OutlineItem = { text: block.text!, line: block.line, marker: 'bullet', children: [] };
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
