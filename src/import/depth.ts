// How deep the elements of an HTML text nest, read in one pass over the text before any DOM is
// made. Readability and the DOM readers walk the page recursively, and Readability's time grows
// faster than the square of the depth (500 nested <div> took 14 s, 2,000 took 5 minutes, 10,000
// overflow the stack): a page nested past MAX_HTML_DEPTH is refused at the line where it passes
// the limit. No page written by hand or by a site nests so deep (the deepest sites nest ≈ 60).

/** How deep elements may nest in an imported page (or in the HTML a Markdown or Word file makes). */
export const MAX_HTML_DEPTH = 200;

/** Elements with no content and no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'bgsound', 'frame']);
/** Elements whose content is text up to their end tag (no elements inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** An element that closes an open one of these names when it opens (the end tags HTML lets a page leave out). */
const CLOSES: Record<string, string[]> = {
  li: ['li', 'p'],
  dt: ['dt', 'dd', 'p'],
  dd: ['dt', 'dd', 'p'],
  option: ['option'],
  optgroup: ['option', 'optgroup'],
  rt: ['rt', 'rp'],
  rp: ['rt', 'rp'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['td', 'th', 'tr'],
  thead: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
  tbody: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
  tfoot: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
};
/** Elements that close an open <p> when they open. */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);

const TAG = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/([a-zA-Z][^\s/>]*)[^>]*>?|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

export interface TooDeep {
  /** The line of the text (1-based) where the limit is passed; for HTML made from a Markdown file, the Markdown line of the block it is in (its data-line). */
  line: number;
  limit: number;
}

/**
 * The first place where elements nest more than `limit` deep, or undefined. Linear in the text:
 * end tags a page may leave out are closed as a browser closes them; an end tag closes what is
 * open down to its element, one with no open element is ignored.
 */
export function tooDeep(html: string, limit = MAX_HTML_DEPTH): TooDeep | undefined {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  const closeTo = (name: string) => {
    if (!open.get(name)) return;
    while (stack.length && stack.at(-1) !== name) pop();
    pop();
  };
  let dataLine: number | undefined;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const [whole, end, start, attrs = ''] = m;
    if (end) {
      closeTo(end.toLowerCase());
      continue;
    }
    if (!start) continue;
    const name = start.toLowerCase();
    const line = /\bdata-line="(\d+)"/.exec(attrs);
    if (line) dataLine = Number(line[1]);
    const closes = CLOSES[name];
    if (closes) while (stack.length && closes.includes(stack.at(-1)!)) pop();
    if (CLOSES_P.has(name) && stack.at(-1) === 'p') pop();
    if (RAW_TEXT.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, TAG.lastIndex);
      TAG.lastIndex = close < 0 ? html.length : close;
      continue;
    }
    if (VOID.has(name) || whole.endsWith('/>')) continue;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > limit) return { line: dataLine ?? lineAt(html, m.index), limit };
  }
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Thrown by a reader whose input nests too deeply; the import turns it into an error at its line. */
export class NestedTooDeep extends Error {
  constructor(readonly at: TooDeep) {
    super(`elements nest more than ${at.limit} deep`);
  }
}

/** Throws NestedTooDeep where the HTML nests past the limit. */
export function checkDepth(html: string): void {
  const deep = tooDeep(html);
  if (deep) throw new NestedTooDeep(deep);
}
