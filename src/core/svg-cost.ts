// How many shapes an SVG makes a browser draw, counted from its text before any browser sees it.
// `<use>` draws what it names again, so ten groups each using the one before ten times draw
// 10^10 shapes from a file of 3 KB: Chromium's renderer then never finishes the page, and every
// stage that shows the picture (fitting the text, the PDFs, the PowerPoint's drawing) would wait on
// it. A picture past MAX_SVG_SHAPES is refused where it is named.

/** The most shapes an SVG picture (a logo, a memo's image) may draw, its `<use>` copies counted. */
export const MAX_SVG_SHAPES = 200_000;

interface Counted {
  /** Elements of its own and inside it. */
  own: number;
  /** The ids it draws again through `<use>`, with how many times. */
  uses: Map<string, number>;
}

const TAG = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/[^>]*>?|<([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /(?:^|\s)(id|href|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The number of shapes the SVG draws, with its `<use>` copies (a cycle, which draws nothing, counts 0). */
export function svgShapes(svg: string): number {
  const root: Counted = { own: 0, uses: new Map() };
  const stack: Array<{ node: Counted; id: string | undefined }> = [{ node: root, id: undefined }];
  const ids = new Map<string, Counted>();
  const close = () => {
    const { node, id } = stack.pop()!;
    if (id !== undefined && !ids.has(id)) ids.set(id, node);
    const parent = stack.at(-1)!.node;
    parent.own += node.own;
    for (const [ref, n] of node.uses) parent.uses.set(ref, (parent.uses.get(ref) ?? 0) + n);
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(svg); m; m = TAG.exec(svg)) {
    const [whole, name, attrs = ''] = m;
    if (!name) {
      if (whole.startsWith('</') && stack.length > 1) close();
      continue;
    }
    const node: Counted = { own: 1, uses: new Map() };
    let id: string | undefined;
    for (const a of attrs.matchAll(ATTR)) {
      const value = a[2] ?? a[3] ?? '';
      if (a[1] === 'id') id = value;
      else if (/^use$/i.test(name) && value.startsWith('#')) node.uses.set(value.slice(1), (node.uses.get(value.slice(1)) ?? 0) + 1);
    }
    stack.push({ node, id });
    if (whole.endsWith('/>')) close();
  }
  while (stack.length > 1) close();
  // Each element's total after those it uses, without recursion (a chain of 100,000 ids is a file too).
  const totals = new Map<Counted, number>();
  const entered = new Set<Counted>();
  const todo: Counted[] = [root];
  while (todo.length) {
    const node = todo.at(-1)!;
    if (totals.has(node)) {
      todo.pop();
      continue;
    }
    if (!entered.has(node)) {
      entered.add(node);
      for (const ref of node.uses.keys()) {
        const target = ids.get(ref);
        if (target && !entered.has(target)) todo.push(target);
      }
      continue;
    }
    todo.pop();
    let sum = node.own;
    // A target still open (not totalled) is on a cycle: a browser draws nothing of it.
    for (const [ref, n] of node.uses) sum = Math.min(Number.MAX_SAFE_INTEGER, sum + n * (totals.get(ids.get(ref)!) ?? 0));
    totals.set(node, sum);
  }
  return totals.get(root)!;
}
