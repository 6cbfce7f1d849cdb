// Memo model → the diagrams the planner draws: graphs of labelled nodes and edges, for the
// framework and for each initiative. Pure functions; src/diagrams/mermaid.ts writes them as
// Mermaid for the HTML deck, another output may draw them its own way.
import type { Diagram, GraphNode, Part, TextBlock } from '../model/types.ts';
import type { Theme } from '../model/theme.ts';
import { shortLabel, splitTitle } from '../model/text.ts';

export interface DiagramContext {
  language: string;
  theme: Theme;
  /** Editorial short label for a block, if the deck gives one. */
  labelFor(text: string): string | undefined;
}

/** The short name of an initiative or approach: its label, or its heading up to the dash. */
export function partLabel(part: Part, ctx: DiagramContext): string {
  return ctx.labelFor(part.heading.text) ?? splitTitle(part.heading.text).title;
}

/** The short name of a recommendation: its label, or its opening phrases. */
export function itemLabel(block: TextBlock, ctx: DiagramContext): string {
  const text = block.sentences[0]?.text ?? '';
  return ctx.labelFor(text) ?? shortLabel(text, ctx.language, ctx.theme.diagram.labelEm);
}

/** Approaches (left) and the initiatives that serve them (right). */
export function frameworkDiagram(approaches: Part[], initiatives: Part[], ctx: DiagramContext): Diagram {
  const nodes: GraphNode[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  const ids = new Map<string, string>();
  approaches.forEach((a, i) => {
    const id = `A${i + 1}`;
    if (a.heading.id) ids.set(a.heading.id, id);
    nodes.push({ id, label: partLabel(a, ctx), style: 'primary' });
  });
  initiatives.forEach((p, i) => {
    const id = `I${i + 1}`;
    nodes.push({ id, label: partLabel(p, ctx), style: 'secondary' });
    for (const target of p.serves) {
      const from = ids.get(target);
      if (from) edges.push({ from, to: id });
    }
  });
  return { type: 'graph', direction: 'LR', nodes, edges };
}

/** One initiative and its recommendations, by short label. */
export function initiativeDiagram(initiative: Part, items: TextBlock[], ctx: DiagramContext): Diagram {
  const nodes: GraphNode[] = [{ id: 'I', label: partLabel(initiative, ctx), style: 'primary' }];
  const edges = items.map((_, i) => ({ from: 'I', to: `R${i + 1}` }));
  items.forEach((item, i) => nodes.push({ id: `R${i + 1}`, label: itemLabel(item, ctx), style: 'plain' }));
  return { type: 'graph', direction: 'LR', nodes, edges };
}
