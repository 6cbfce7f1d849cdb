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

/**
 * A column arrangement's columns: each root and the nodes under it, in reading order (the
 * order of `nodes`, which lists each node after the one it hangs from).
 */
export function columns(graph: Graph): GraphNode[][] {
  const parent = new Map(graph.edges.map((e) => [e.to, e.from]));
  const rootOf = (id: string): string => {
    let at = id;
    for (let i = 0; i < graph.nodes.length && parent.has(at); i++) at = parent.get(at)!;
    return at;
  };
  const byRoot = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    const root = rootOf(node.id);
    byRoot.set(root, [...(byRoot.get(root) ?? []), node]);
  }
  return [...byRoot.values()];
}

