// Questions asked of a parsed memo by the stages after the parser.
import type { Memo, Part, TextBlock } from './types.ts';

/** All parts of a memo with a given role, in reading order. */
export function partsWithRole(memo: Memo, role: Part['role']): Part[] {
  return memo.sections.flatMap((s) => s.parts).filter((p) => p.role === role);
}

/** The top-level items of a part's lists: an initiative's recommendations. */
export function listItems(part: Part): TextBlock[] {
  return part.blocks.filter((b): b is TextBlock => b.type === 'text' && b.kind === 'item');
}
