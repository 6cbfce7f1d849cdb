// The memo source's checks that stand apart from reading it: characters a memo cannot hold, nesting
// past what the reader (and every stage after it) can take, ids that headings refer to, and what
// inline text may hold (no image from another host).
import type { Token } from 'markdown-it';
import { describeChar, FORBIDDEN_CHAR_HINT, forbiddenXmlChar } from '../core/xml-chars.ts';
import type { Diagnostic, MemoImage, Section } from '../model/types.ts';

/** An error at a line of the memo source. */
export type Report = (line: number, code: string, message: string, hint?: string) => void;

/** Lines with a forbidden character reported one by one; past these, a count. */
const MAX_CHARACTER_ERRORS = 10;

/** How deep emphasis, strong, strikethrough and links may nest in one another (checkNesting). */
export const MAX_INLINE_NESTING = 32;

const lineOf = (token: Token | undefined): number => (token?.map?.[0] ?? 0) + 1;

/**
 * A character XML 1.0 forbids (a form feed from a PDF's text, an escape, …) is an error at its
 * line, here where the memo is read: the memo is the one source of every output, so no writer
 * (the PPTX's slides, notes and properties, the HTML deck) meets one. The front matter is part
 * of the source and checked with it. A vertical tab is a line break (inline.ts). Returns true
 * when there was one.
 */
export function checkCharacters(lines: readonly string[], report: Report, diagnostics: Diagnostic[]): boolean {
  let found = 0;
  for (const [i, text] of lines.entries()) {
    const bad = forbiddenXmlChar(text);
    if (!bad) continue;
    if (++found > MAX_CHARACTER_ERRORS) continue;
    report(i + 1, 'control-character', `the character ${describeChar(bad.char)} at column ${[...text.slice(0, bad.index)].length + 1}: a memo's text cannot hold it`, FORBIDDEN_CHAR_HINT);
  }
  if (found > MAX_CHARACTER_ERRORS) diagnostics.at(-1)!.message += ` (and ${found - MAX_CHARACTER_ERRORS} more lines with such characters)`;
  return found > 0;
}

/**
 * markdown-it stops reading a document whose blocks nest past its limit (lists in lists, quotes
 * in quotes), and everything after that point would be lost without a word: say where.
 * Emphasis, strong, strikethrough and links nested inside each other have no such limit in the
 * reader (`*`×60000 nests 30,000 deep), and every stage walks text runs as a tree: they are
 * refused past MAX_INLINE_NESTING, at the source line where the limit is passed (no slide can
 * show a difference past a few levels). Either ends the parse: nothing after is read.
 */
export function checkNesting(tokens: readonly Token[], limit: number, report: Report): boolean {
  let located: Token | undefined;
  for (const token of tokens) {
    if (token.map) located = token;
    if (token.level >= limit - 1) {
      report(lineOf(located), 'nesting-limit', `lists or quotes nest too deeply here: the Markdown reader stops at ${limit} levels, and the rest of the memo would be lost`, 'flatten the nesting: a slide shows two list levels, deeper ones go to the notes');
      return true;
    }
    let line = lineOf(located);
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      if (child.level < MAX_INLINE_NESTING) continue;
      report(line, 'inline-nesting', `emphasis, bold, strikethrough or links nest more than ${MAX_INLINE_NESTING} levels deep here (markers such as "*", "_", "**", "~~" or "[" opened one inside another): briefdeck reads no deeper`, 'remove the repeated markers: a slide shows emphasis one or two levels deep');
      return true;
    }
  }
  return false;
}

/** Ids used once; every `serves=` names an approach's id. */
export function checkReferences(sections: readonly Section[], report: Report): void {
  const ids = new Map<string, number>();
  const approaches = new Set<string>();
  for (const section of sections) {
    for (const heading of [section.heading, ...section.parts.map((p) => p.heading)]) {
      if (!heading.id) continue;
      if (ids.has(heading.id)) report(heading.line, 'duplicate-id', `the id "#${heading.id}" is also used on line ${ids.get(heading.id)}`);
      ids.set(heading.id, heading.line);
    }
    for (const part of section.parts) if (part.role === 'approach' && part.heading.id) approaches.add(part.heading.id);
  }
  for (const part of sections.flatMap((s) => s.parts)) {
    for (const target of part.serves) {
      if (!approaches.has(target)) {
        report(part.heading.line, 'unknown-approach', `serves=${target}: no "### … {#${target} .approach}" heading has that id`, approaches.size ? `approach ids: ${[...approaches].join(', ')}` : 'give each approach heading an id, e.g. {#approach-1 .approach}');
      }
    }
  }
}

/** A token and all the tokens inside it (an image's alternative text is its children). */
function tokenTree(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  const stack = [...tokens].reverse();
  while (stack.length) {
    const token = stack.pop()!;
    out.push(token);
    for (let k = (token.children ?? []).length - 1; k >= 0; k--) stack.push(token.children![k]!);
  }
  return out;
}

/**
 * What the inline text of the memo may hold: no image from another host (the deck would fetch
 * it whenever it is opened, at a briefing with no network too). (Sentences too long to show are
 * caught where sentences are made: checkLength.) Returns every image of the memo, wherever it
 * stands (a heading, a table cell, a list, a note, a quote): the build confines and copies each one
 * from this list.
 */
export function inlineImages(tokens: readonly Token[], report: Report): MemoImage[] {
  const images: MemoImage[] = [];
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = lineOf(token);
    if (token.type !== 'inline') continue;
    for (const child of token.children ?? []) {
      // A character reference (&#12;) decodes to a character the source line does not show;
      // an image's alternative text is tokens of its own (its children).
      const bad = tokenTree([child]).flatMap((t) => [t.content, ...(t.attrs ?? []).map((a) => String(a[1]))]).map((text) => forbiddenXmlChar(text)).find(Boolean);
      if (bad) report(line, 'control-character', `a character reference makes the character ${describeChar(bad.char)}: a memo's text cannot hold it`, 'delete the reference (&#…;)');
      if (child.type !== 'image') continue;
      const src = String(child.attrGet('src') ?? '');
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src) && !/^data:image\//i.test(src)) {
        report(line, 'remote-image', `the image "${src}" is on another host: the deck would fetch it each time it is opened`, 'save the image beside memo.md and refer to it by its file name');
        continue;
      }
      if (/^data:image\//i.test(src)) continue;
      try {
        decodeURI(src);
      } catch {
        report(line, 'image-path-unreadable', `the image path "${src}" cannot be read: a % in it starts no valid escape (%41 is "A")`, 'write the file name as it is, or %25 for a % sign');
        continue;
      }
      images.push({ src, line });
    }
  }
  return images;
}
