// A planned diagram → Mermaid source, which src/diagrams/render.ts draws as SVG for the HTML
// deck. A memo's own fence is its source as written.
import { onAccent, type Theme } from '../model/theme.ts';
import { columnGroups, labelLines, SPACING, type Graph } from '../model/graph.ts';
import type { Diagram, GraphNode } from '../model/types.ts';

/** Escapes text for a quoted Mermaid label: Mermaid's own entity codes, never raw markup. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&%]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

function classDefs(theme: Theme): string[] {
  const c = theme.color;
  return [
    `  classDef primary fill:${c.accent},stroke:${c.accent},color:${onAccent(c.accent)},font-weight:bold`,
    `  classDef secondary fill:${c.accentSoft},stroke:${c.accent},color:${c.text},stroke-width:2px`,
    `  classDef plain fill:${c.background},stroke:${c.line},color:${c.text}`,
  ];
}

/** A quoted label wrapped between phrases, as the planner wrapped it. */
function label(graph: Graph, node: GraphNode, theme: Theme, language: string): string {
  return `"${labelLines(graph, node, theme, language).map(mermaidText).join('<br/>')}"`;
}

/**
 * The Mermaid source of a diagram. In ranks, each node is followed by the edges that lead to it.
 * In columns, each column's nodes are chained by invisible links from the head above it, which
 * stack them in Mermaid's ranks (top to bottom) with little space between; the columns stand
 * side by side, a head centred over its columns.
 */
export function mermaidSource(diagram: Diagram, theme: Theme, language: string): string {
  if (diagram.type === 'mermaid') return diagram.code;
  const node = (n: GraphNode) => `${n.id}[${label(diagram, n, theme, language)}]:::${n.style}`;
  if (diagram.arrange === 'columns') {
    const { node: nodeSpacing, rank: rankSpacing, padding } = SPACING.columns;
    const lines = [`%%{init: {"flowchart": {"nodeSpacing": ${nodeSpacing}, "rankSpacing": ${rankSpacing}, "padding": ${padding}}}}%%`, 'flowchart TB', ...classDefs(theme)];
    for (const { head, columns } of columnGroups(diagram)) {
      lines.push(`  ${head.map(node).join(' ~~~ ')}`);
      for (const column of columns) lines.push(`  ${[head.at(-1)!.id, ...column.map(node)].join(' ~~~ ')}`);
    }
    return `${lines.join('\n')}\n`;
  }
  const lines = [`flowchart ${diagram.direction}`, ...classDefs(theme)];
  for (const n of diagram.nodes) {
    lines.push(`  ${node(n)}`);
    for (const edge of diagram.edges) if (edge.to === n.id) lines.push(`  ${edge.from} --> ${edge.to}`);
  }
  return `${lines.join('\n')}\n`;
}
