// A planned diagram → Mermaid source, which src/diagrams/render.ts draws as SVG for the HTML
// deck. A memo's own fence is its source as written.
import { onAccent, type Theme } from '../model/theme.ts';
import type { Diagram, GraphNode } from '../model/types.ts';
import { wrapPhrases } from '../model/text.ts';

/** Escapes text for a quoted Mermaid label: Mermaid's own entity codes, never raw markup. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

function classDefs(theme: Theme): string[] {
  const c = theme.color;
  return [
    `  classDef primary fill:${c.accent},stroke:${c.accent},color:${onAccent(c.accent)},font-weight:bold`,
    `  classDef secondary fill:${c.accentSoft},stroke:${c.accent},color:${c.text},stroke-width:2px`,
    `  classDef plain fill:${c.background},stroke:${c.line},color:${c.text}`,
  ];
}

/** A quoted label wrapped between phrases: narrow for a primary node, wider for the others. */
function label(node: GraphNode, theme: Theme, language: string): string {
  const maxEm = node.style === 'primary' ? theme.diagram.nodeLabelEm : theme.diagram.labelEm;
  return `"${wrapPhrases(node.label, language, maxEm).map(mermaidText).join('<br/>')}"`;
}

/** The Mermaid source of a diagram; each node is followed by the edges that lead to it. */
export function mermaidSource(diagram: Diagram, theme: Theme, language: string): string {
  if (diagram.type === 'mermaid') return diagram.code;
  const lines = [`flowchart ${diagram.direction}`, ...classDefs(theme)];
  for (const node of diagram.nodes) {
    lines.push(`  ${node.id}[${label(node, theme, language)}]:::${node.style}`);
    for (const edge of diagram.edges) if (edge.to === node.id) lines.push(`  ${edge.from} --> ${edge.to}`);
  }
  return `${lines.join('\n')}\n`;
}
