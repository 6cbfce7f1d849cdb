// Memo model → Mermaid source for the framework and for each initiative. Pure functions.
import type { Part, TextBlock } from '../types.ts';
import type { Theme } from '../theme.ts';
import { shortLabel, splitTitle, wrapPhrases } from '../plan/text.ts';

export interface DiagramContext {
  language: string;
  theme: Theme;
  /** Editorial short label for a block, if the deck gives one. */
  labelFor(text: string): string | undefined;
}

/** Escapes text for a quoted Mermaid label: Mermaid's own entity codes, never raw markup. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

/** A quoted, phrase-wrapped node label. */
function label(text: string, ctx: DiagramContext, maxEm: number): string {
  return `"${wrapPhrases(text, ctx.language, maxEm).map(mermaidText).join('<br/>')}"`;
}

function classDefs(theme: Theme): string[] {
  const c = theme.color;
  return [
    `  classDef approach fill:${c.accent},stroke:${c.accent},color:#ffffff,font-weight:bold`,
    `  classDef initiative fill:${c.accentSoft},stroke:${c.accent},color:${c.text},stroke-width:2px`,
    `  classDef item fill:${c.background},stroke:${c.line},color:${c.text}`,
  ];
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
export function frameworkDiagram(approaches: Part[], initiatives: Part[], ctx: DiagramContext): string {
  const lines = ['flowchart LR', ...classDefs(ctx.theme)];
  const ids = new Map<string, string>();
  approaches.forEach((a, i) => {
    const id = `A${i + 1}`;
    if (a.heading.id) ids.set(a.heading.id, id);
    lines.push(`  ${id}[${label(partLabel(a, ctx), ctx, ctx.theme.diagram.nodeLabelEm)}]:::approach`);
  });
  initiatives.forEach((p, i) => {
    const id = `I${i + 1}`;
    lines.push(`  ${id}[${label(partLabel(p, ctx), ctx, ctx.theme.diagram.labelEm)}]:::initiative`);
    for (const target of p.serves) {
      const from = ids.get(target);
      if (from) lines.push(`  ${from} --> ${id}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** One initiative and its recommendations, by short label. */
export function initiativeDiagram(initiative: Part, items: TextBlock[], ctx: DiagramContext): string {
  const lines = ['flowchart LR', ...classDefs(ctx.theme)];
  lines.push(`  I[${label(partLabel(initiative, ctx), ctx, ctx.theme.diagram.nodeLabelEm)}]:::approach`);
  items.forEach((item, i) => {
    lines.push(`  R${i + 1}[${label(itemLabel(item, ctx), ctx, ctx.theme.diagram.labelEm)}]:::item`);
    lines.push(`  I --> R${i + 1}`);
  });
  return `${lines.join('\n')}\n`;
}
