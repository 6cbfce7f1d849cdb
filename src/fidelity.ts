// Does the deck say everything the memo says? Every sentence and heading of the memo must
// appear, as written, on a slide or in its speaker notes.
import { diagnostic } from './errors.ts';
import { htmlToText } from './files.ts';
import type { Block, Diagnostic, Memo, Slide, SlideItem, SourceRef } from './types.ts';

export interface MemoSentence extends SourceRef {
  text: string;
}

/** Plain text in comparable form: no white space. (Text is never read as markup.) */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** HTML in comparable form: the text a reader sees (tags dropped, entities decoded), compacted. */
export function normalize(html: string): string {
  return compact(htmlToText(html));
}

function blockSentences(blocks: Block[]): MemoSentence[] {
  return blocks.flatMap((block) =>
    block.type === 'text'
      ? [...block.sentences.map((s) => ({ file: block.file, line: block.line, text: s.text })), ...blockSentences(block.children)]
      : [],
  );
}

/** Every sentence and heading of the memo, with its source line. */
export function memoSentences(memo: Memo): MemoSentence[] {
  return memo.sections.flatMap((section) => [
    { file: section.heading.file, line: section.heading.line, text: section.heading.text },
    ...blockSentences(section.blocks),
    ...section.parts.flatMap((part) => [{ file: part.heading.file, line: part.heading.line, text: part.heading.text }, ...blockSentences(part.blocks)]),
  ]).concat(memo.footnotes.flatMap((f) => f.sentences.map((s) => ({ file: f.file, line: f.line, text: s.text }))));
}

/** The text of slides and notes, normalized. */
export function slidesText(slides: Slide[]): string {
  return normalize(
    slides
      .map((s) => [s.kicker ?? '', s.title, s.subtitle ?? '', ...s.byline, ...s.items.flatMap(itemTexts), ...s.notes].join('\n'))
      .join('\n'),
  );
}

const itemTexts = (item: SlideItem): string[] => [item.html, ...item.children.flatMap(itemTexts)];

/** Sentences of the memo that appear nowhere in `deckText` (normalized slide and notes text). */
export function missingSentences(memo: Memo, deckText: string): MemoSentence[] {
  return memoSentences(memo).filter((s) => !deckText.includes(compact(s.text)));
}

/** The planned deck against the memo: an error at each sentence that no slide or notes say. */
export function lostSentences(memo: Memo, slides: Slide[]): Diagnostic[] {
  return missingSentences(memo, slidesText(slides)).map((s) =>
    diagnostic(s, 'sentence-lost', `this sentence would be on no slide and in no notes: "${s.text.slice(0, 60)}${s.text.length > 60 ? '…' : ''}"`, 'nothing was written; please report this memo to briefdeck, whose planner lost it'),
  );
}
