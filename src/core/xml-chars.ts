// Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): the C0 controls but tab,
// line feed and carriage return, U+FFFE and U+FFFF, and a surrogate without its pair. One of them
// in a slide, notes or docProps/core.xml makes the PPTX a file PowerPoint repairs and LibreOffice
// refuses. The vertical tab (U+000B) is PowerPoint's own soft line break and is read as a line
// break; every other one is refused where it is written: the memo (src/parse/parse.ts), deck.yaml
// and the front matter (src/config/yaml.ts). The PPTX writer checks its parts again before a byte
// is written (src/pptx/write.ts).

/** A character XML 1.0 forbids, the vertical tab aside (a line break). */
export const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The vertical tab: a line break in PowerPoint's text, and so in a memo's. */
export const VERTICAL_TAB = '\u000B';

const NAMES: Record<number, string> = { 0x08: 'backspace', 0x0c: 'form feed', 0x1b: 'escape', 0xfffe: 'noncharacter', 0xffff: 'noncharacter' };

/** `U+000C (form feed)`: how a message names an invisible character. */
export function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code] ?? (code >= 0xd800 && code <= 0xdfff ? 'half of a surrogate pair' : code < 0x20 ? 'control character' : undefined);
  return name ? `${hex} (${name})` : hex;
}

/** The first forbidden character of `text`, with its 0-based index, if there is one. */
export function forbiddenXmlChar(text: string): { index: number; char: string } | undefined {
  const m = FORBIDDEN_IN_XML.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

export const FORBIDDEN_CHAR_HINT = 'delete it: it is invisible in most editors, and no slide or PowerPoint file can hold it (a form feed often comes with text copied out of a PDF); a line break is a new line';
