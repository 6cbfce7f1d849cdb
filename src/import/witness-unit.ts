// The pieces a second reading of an import is made of (witness.ts), and the comparable form of
// text both sides are read in. Pure.
// Radicals as the kanji they stand for (a font's map, not the text): as the PDF reader reads them.
import { unifyRadicals } from './pdf-glyphs.ts';

export interface WitnessUnit {
  text: string;
  /** The input's line (a PDF's page; 0 where the input has no lines). */
  line: number;
  page?: number;
  /** The same text in another order the input allows (a PDF line: its content-stream order). */
  alt?: string;
  /** Why the piece cannot be read at all (a page of images), said instead of its text. */
  unreadable?: string;
  /**
   * Where one line of spaced writing ends and the next goes on (a PDF's wrapped line): `text` is
   * the two words as a reader reads them, `wrong` the forms that mean the words were altered (glued
   * together, or a hyphen left as a space). Counted only when one of the two forms is found: lines
   * the stream draws one after the other need not be one paragraph.
   */
  wrong?: string[];
  /**
   * The wrong form where the memo source parts the two lines into two blocks, with more of the
   * first line before the break: found so, the memo parted the sentence there, however often the
   * two words at the junction meet elsewhere in it ("human vulnerabilities" once parted, once not).
   */
  parted?: string;
  /** Where a PDF's stream line is drawn (its page is `page`): its start and end, baseline, the size most of it is set in and every size it uses. */
  at?: { x: number; end: number; y: number; size: number; sizes: number[] };
  /** What the memo source makes of the piece, where that is the fault (two pieces joined that are not one text), said instead of its text. */
  fault?: string;
}

/** Characters of scripts written without spaces between words, and their punctuation and full-width forms. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff00-\uffef]/u;

/** An opening quote or bracket, and a closing one: a space inside them divides no words ("“ Competing" is "“Competing"). */
const OPENS = /[“‘([{]/u;
const CLOSES = /[”’)\]}]/u;

/**
 * Text in comparable form: no invisible marks, no symbol font's private glyphs (a Word bullet,
 * U+F0B7); white space gone except one space between two characters of spaced writing, where it
 * divides words (not inside a quote's or bracket's mark) ("the phrase \"AI\"" is not "the phrase\"AI\"", nor "intel ligence" "intelligence").
 */
export const squeeze = (text: string) =>
  unifyRadicals(
    text
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff]+/gu, '')
      .trim()
      .replace(/\s+/gu, (space, at: number, all: string) => (UNSPACED.test(all[at - 1] ?? '') || UNSPACED.test(all[at + space.length] ?? '') || OPENS.test(all[at - 1] ?? '') || CLOSES.test(all[at + space.length] ?? '') ? '' : ' ')),
  );

/** Where one block of the memo source (a paragraph, an item, a heading) ends and the next begins. */
export const BLOCK = '\u2029';

/** A list item's or a note's opening marker: syntax, not text ("・", "1.", "(1)", "[1]", "※1", "*1", "注1"). */
export const LEAD_MARK = /^(?:[・•●○◦▪▫■□◆◇‣⁃∙*＊–—-]\s*|[0-9]{1,3}[.．)）]\s*|[0-9]{1,3}\s+|[（(［[][0-9]{1,3}[)）\]］]\s*|[※*＊]\s*[0-9]{1,3}\s*|注\s*[0-9]{1,3}[.．:：]?\s*)/u;
