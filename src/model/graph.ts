// Questions asked of a planned diagram's graph by the planner and by every renderer that draws
// it (src/diagrams/mermaid.ts, src/pptx/graph.ts): how its labels wrap, its ranks, its columns,
// and the spacing they all draw it with, so that the planner's estimate and the drawings agree.
import { wrapPhrases } from './text.ts';
import type { Theme } from './theme.ts';
import type { Diagram, GraphNode } from './types.ts';

export type Graph = Extract<Diagram, { type: 'graph' }>;

/** Mermaid's spacing and the PowerPoint drawing's spacing at the diagram type size (px). */
export const SPACING = {
  ranks: { node: 22, rank: 70 },
  columns: { node: 40, rank: 12, padding: 9 },
  padding: 14,
  lineHeight: 1.25,
};

/** Lines of each node's label, as both renderers wrap them. */
export function labelLines(graph: Graph, node: GraphNode, theme: Theme, language: string): string[] {
  const em = graph.wrapEm ?? (node.style === 'primary' ? theme.diagram.nodeLabelEm : theme.diagram.labelEm);
  return wrapPhrases(node.label, language, em);
}

/** Each node's rank: the longest path to it from a node nothing leads to. */
export function ranks(graph: Graph): Map<string, number> {
  const rank = new Map(graph.nodes.map((n) => [n.id, 0]));
  // Relax the edges as often as there are nodes (a cycle stops there).
  for (let pass = 0; pass < graph.nodes.length; pass++) {
    let changed = false;
    for (const { from, to } of graph.edges) {
      const next = (rank.get(from) ?? 0) + 1;
      if (next > (rank.get(to) ?? 0) && next < graph.nodes.length) {
        rank.set(to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rank;
}

/** A root of a column arrangement: its head (the root, and each lone node under it that leads on), and the columns beneath. */
export interface ColumnGroup {
  head: GraphNode[];
  columns: GraphNode[][];
}

/**
 * A column arrangement's groups, one per root, in reading order (the order of `nodes`, which
 * lists each node after the one it hangs from). Under the head, the subtrees of its last node
 * are shared between `split` columns, each subtree whole, as evenly as they go.
 */
export function columnGroups(graph: Graph): ColumnGroup[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  const hasParent = new Set<string>();
  for (const e of graph.edges) {
    if (!byId.has(e.to) || hasParent.has(e.to)) continue;
    hasParent.add(e.to);
    children.set(e.from, [...(children.get(e.from) ?? []), byId.get(e.to)!]);
  }
  const below = (n: GraphNode): GraphNode[] => (children.get(n.id) ?? []).flatMap((c) => [c, ...below(c)]);
  const split = Math.max(1, graph.split ?? 1);
  return graph.nodes.filter((n) => !hasParent.has(n.id)).map((root) => {
    const head = [root];
    for (let at = children.get(root.id); at?.length === 1 && (children.get(at[0]!.id)?.length ?? 0) > 0; at = children.get(at[0]!.id)) head.push(at[0]!);
    const subtrees = (children.get(head.at(-1)!.id) ?? []).map((c) => [c, ...below(c)]);
    const total = subtrees.reduce((s, t) => s + t.length, 0);
    const columns: GraphNode[][] = [[]];
    let done = 0;
    for (const tree of subtrees) {
      const column = columns.at(-1)!;
      // A new column once this one holds its share (and there are columns left to fill).
      if (column.length > 0 && columns.length < split && done + tree.length / 2 > (total * columns.length) / split) columns.push([]);
      columns.at(-1)!.push(...tree);
      done += tree.length;
    }
    return { head, columns: columns.filter((c) => c.length > 0) };
  });
}

/** A column arrangement's rows, top to bottom: each group's head, then its columns' nodes row by row. */
export function groupRows(group: ColumnGroup): GraphNode[][] {
  const rows = group.head.map((n) => [n]);
  const depth = Math.max(0, ...group.columns.map((c) => c.length));
  for (let r = 0; r < depth; r++) rows.push(group.columns.flatMap((c) => c.slice(r, r + 1)));
  return rows;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where each node of a column arrangement goes, from the nodes' sizes: the groups side by side,
 * each head centred over its columns, rows lined up across the groups (as Mermaid's ranks are).
 * Boxes from (0, 0); `w` and `h` the whole drawing's size.
 */
export function columnLayout(graph: Graph, size: Map<string, { w: number; h: number }>, gaps: { column: number; row: number }): { boxes: Map<string, Box>; w: number; h: number } {
  const groups = columnGroups(graph);
  const rowsOf = groups.map(groupRows);
  const rowCount = Math.max(...rowsOf.map((r) => r.length));
  const rowH = Array.from({ length: rowCount }, (_, r) => Math.max(0, ...rowsOf.flatMap((rows) => (rows[r] ?? []).map((n) => size.get(n.id)!.h))));
  const rowY = rowH.map((_, r) => rowH.slice(0, r).reduce((a, b) => a + b, 0) + gaps.row * r);
  const boxes = new Map<string, Box>();
  let x = 0;
  groups.forEach((group, g) => {
    const colW = group.columns.map((c) => Math.max(...c.map((n) => size.get(n.id)!.w)));
    const body = colW.reduce((a, b) => a + b, 0) + gaps.column * Math.max(0, colW.length - 1);
    const width = Math.max(body, ...group.head.map((n) => size.get(n.id)!.w));
    const put = (n: GraphNode, cx: number, r: number) => {
      const { w, h } = size.get(n.id)!;
      boxes.set(n.id, { x: cx - w / 2, y: rowY[r]! + (rowH[r]! - h) / 2, w, h });
    };
    group.head.forEach((n, r) => put(n, x + width / 2, r));
    let cx = x + (width - body) / 2;
    group.columns.forEach((column, i) => {
      column.forEach((n, r) => put(n, cx + colW[i]! / 2, group.head.length + r));
      cx += colW[i]! + gaps.column;
    });
    x += width + (g < groups.length - 1 ? gaps.column : 0);
  });
  return { boxes, w: x, h: rowY.at(-1)! + rowH.at(-1)! };
}
