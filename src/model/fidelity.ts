// Does the deck say everything the memo says? Every sentence and heading of the memo must
// appear, as written, on a slide or in its speaker notes.
import { diagnostic } from '../core/errors.ts';
import { htmlToText } from '../core/files.ts';
import { inlineText, slideText } from './content.ts';
import type { Block, Diagnostic, Inline, Memo, Slide, SourceRef } from './types.ts';

export interface MemoSentence extends SourceRef {
  text: string;
  /** The text as a slide shows it: a note's label where its reference stands ("guide1 is"). */
  shown: string;
}

/** Is the sentence in the text (compacted)? As written, or as shown with its notes' labels. */
export function says(text: string, sentence: MemoSentence, form: (t: string) => string = compact): boolean {
  return text.includes(form(sentence.text)) || (sentence.shown !== sentence.text && text.includes(form(sentence.shown)));
}

/**
 * The sentences (or any texts with lines: numbers) that `text` does not say, in one pass: each is
 * looked for from where the one before it was found, as a deck says the memo in its order (the
 * agenda and a continued slide's repeated title only bring a place forward). One found nowhere
 * after that place, or said out of order, is looked for in the whole text. Linear for a deck
 * that says its memo, where looking each up in the whole text was quadratic (10 MB: 35 s).
 */
export function unsaid<T extends MemoSentence>(text: string, sentences: readonly T[], form: (t: string) => string = compact): T[] {
  const missing: T[] = [];
  let from = 0;
  for (const sentence of sentences) {
    const forms = sentence.shown !== sentence.text ? [form(sentence.text), form(sentence.shown)] : [form(sentence.text)];
    let at = -1;
    for (const f of forms) {
      at = text.indexOf(f, from);
      if (at >= 0) break;
    }
    if (at >= 0) from = at;
    else if (!forms.some((f) => text.includes(f))) missing.push(sentence);
  }
  return missing;
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
  return blocks.flatMap((block): MemoSentence[] => {
    if (block.type === 'text') return [...block.sentences.map((s) => ({ file: block.file, line: block.line, text: s.text, shown: inlineText(s.content, true) })), ...blockSentences(block.children)];
    if (block.type === 'table') {
      // Each cell of a table is said as written, the header's at the table's line.
      const cell = (line: number) => (c: Inline[]) => ({ file: block.file, line, text: inlineText(c).trim(), shown: inlineText(c, true).trim() });
      return [...block.header.map(cell(block.line)), ...block.rows.flatMap((r) => r.cells.map(cell(r.line)))].filter((s) => s.text !== '');
    }
    // An image's text is its caption.
    if (block.type === 'image' && block.alt.trim()) return [{ file: block.file, line: block.line, text: block.alt.trim(), shown: block.alt.trim() }];
    return [];
  });
}

/** Every sentence and heading of the memo, with its source line. */
export function memoSentences(memo: Memo): MemoSentence[] {
  return memo.sections.flatMap((section) => [
    { file: section.heading.file, line: section.heading.line, text: section.heading.text, shown: inlineText(section.heading.content, true) },
    ...blockSentences(section.blocks),
    ...section.parts.flatMap((part) => [{ file: part.heading.file, line: part.heading.line, text: part.heading.text, shown: inlineText(part.heading.content, true) }, ...blockSentences(part.blocks)]),
  ]).concat(memo.footnotes.flatMap((f) => f.sentences.map((s) => ({ file: f.file, line: f.line, text: s.text, shown: inlineText(s.content, true) }))));
}

/** The text of slides and notes, in comparable form. */
export function slidesText(slides: Slide[]): string {
  return slides.map((s) => compact(slideText(s, true))).join('\n');
}

/** Sentences of the memo that appear nowhere in `deckText` (slidesText of the plan). */
export function missingSentences(memo: Memo, deckText: string): MemoSentence[] {
  return unsaid(deckText, memoSentences(memo));
}

/** The planned deck against the memo: an error at each sentence that no slide or notes say. */
export function lostSentences(memo: Memo, slides: Slide[]): Diagnostic[] {
  return missingSentences(memo, slidesText(slides)).map((s) =>
    diagnostic(s, 'sentence-lost', `this sentence would be on no slide and in no notes: "${s.text.slice(0, 60)}${s.text.length > 60 ? '…' : ''}"`, 'nothing was written; please report this memo to briefdeck, whose planner lost it'),
  );
}
