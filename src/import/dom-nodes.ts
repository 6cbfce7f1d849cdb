// linkedom's DOM as the readers of a DOM use it: the types they name (the standard ones, only
// what is used), whitespace as a reader sees it, and the kinds of elements they tell apart.
export type Node_ = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node_>; parentNode: Node_ | null };
export type Element_ = Node_ & {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector?(selector: string): Element_ | null;
  closest(selector: string): Element_ | null;
  contains(other: Node_): boolean;
  id: string;
};
export type Document_ = { body: Element_; title: string; getElementById(id: string): Element_ | null; querySelectorAll(selector: string): ArrayLike<Element_> };

const WIDE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const WIDE_BREAK = new RegExp(`([${WIDE}])[ \\t]*\\n\\s*(?=[${WIDE}])`, 'gu');

/** Whitespace as a reader sees it: a line break between Japanese characters is no space. */
export function squash(text: string): string {
  return text.replace(WIDE_BREAK, '$1').replace(/\s+/gu, ' ').trim();
}

/** Elements that are the site around a document, never its text. */
export const SITE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'SELECT']);
export const HEADING = /^H([1-6])$/;
export const LIST = new Set(['UL', 'OL']);
export const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'TABLE', 'TBODY', 'THEAD', 'TR', 'FIGURE', 'PRE', 'DL', 'DT', 'DD', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'CENTER', 'ADDRESS']);
/** The source line a reader noted on an element (`data-line`), else 0. */
export const lineOf = (el: Element_): number => Number(el.getAttribute?.('data-line') ?? 0) || 0;
export const elements = (node: Node_): Element_[] => Array.from(node.childNodes).filter((n): n is Element_ => n.nodeType === 1);
