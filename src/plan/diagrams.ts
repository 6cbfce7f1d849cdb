// Memo model → the diagrams the planner draws: graphs of labelled nodes and edges. Per section
// that holds initiatives, its framework (approaches → initiatives → what each recommends); per
// initiative, its recommendations; for a memo with no such roles, its structure (sections → parts
// → their points). Pure functions; src/diagrams/mermaid.ts writes them as Mermaid for the HTML
// deck, src/pptx/graph.ts draws them as shapes. Every label is the memo's own words (or the
// deck's editorial label), never cut inside a word and never marked with an ellipsis.
import { listItems } from '../model/memo.ts';
import { columnGroups, columnLayout, labelLines, ranks, SPACING, type Graph } from '../model/graph.ts';
import { displayWidth, leadLabel, splitTitle } from '../model/text.ts';
import { headBlockHeight, type Theme } from '../model/theme.ts';
import type { Diagram, GraphNode, Memo, Part, Section, TextBlock } from '../model/types.ts';

export interface DiagramContext {
  language: string;
  theme: Theme;
  /** Editorial short label for a block, if the deck gives one. */
  labelFor(text: string): string | undefined;
}

/** The smallest label size (px, as drawn at 1280×720) the planner accepts for a diagram it plans. */
export const MIN_LABEL_PX = 20;

/** The most lines a label wraps onto. */
const MAX_LABEL_LINES = 3;

/** A heading's title without a number in front ("イニシアチブ１：", "Measure 2 –", "3."): its name. */
function nameOf(title: string): string {
  return title.replace(/^[^\d０-９：:]{0,20}?\s*[\d０-９]+\s*[：:.．)）]?\s*/u, '').trim() || title;
}

/** A title that is only a number ("Measure 1", "施策２"): it names nothing by itself. */
const onlyNumber = (title: string) => /^\D{0,20}?\s*[\d０-９]+\s*[.．]?$/u.test(title.trim());

/** The short name of an approach, an initiative or a part: its label, or its heading up to the dash. */
export function partLabel(part: Part, ctx: DiagramContext, maxEm = ctx.theme.diagram.labelEm): string {
  const edited = ctx.labelFor(part.heading.text);
  if (edited) return edited;
  const { title, subtitle } = splitTitle(part.heading.text);
  // "Measure 1 – An open revisions log": the number alone says nothing, the whole heading does.
  return subtitle && onlyNumber(title) ? leadLabel(part.heading.text, ctx.language, maxEm, MAX_LABEL_LINES) : title;
}

/** The short name of a recommendation or a point: its label, or its opening words. */
export function itemLabel(block: TextBlock, ctx: DiagramContext, maxEm = ctx.theme.diagram.labelEm, maxLines = MAX_LABEL_LINES): string {
  const text = block.sentences[0]?.text ?? '';
  return ctx.labelFor(text) ?? leadLabel(text, ctx.language, maxEm, maxLines);
}

/**
 * One initiative and its recommendations, by short label; undefined when its recommendations
 * cannot be drawn legibly (too many for one slide: its list slides show them).
 */
export function initiativeDiagram(initiative: Part, items: TextBlock[], ctx: DiagramContext): Diagram | undefined {
  if (items.length === 0) return undefined;
  const tree: Tree = { label: (em) => partLabel(initiative, ctx, em), style: 'primary', children: items.map((b) => leaf(b, ctx)) };
  const planned = planTree([tree], ctx);
  return planned?.showsItems ? planned.diagram : undefined;
}

// ── Trees: what the framework and structure diagrams are made of ────────────────────────────

/** A node of a planned tree: its label (at a wrapping width and a number of lines), its weight, what it leads to. */
interface Tree {
  label: (wrapEm: number, lines: number) => string;
  style: GraphNode['style'];
  children: Tree[];
  /** Leaves the planner may leave out when the diagram would be too small to read. */
  detail?: boolean;
  /** Drawn only when the details are left out: what they come to (an initiative's statement). */
  summary?: boolean;
}

const fixed = (label: string, style: GraphNode['style'], children: Tree[] = []): Tree => ({ label: () => label, style, children });
const leaf = (block: TextBlock, ctx: DiagramContext): Tree => ({ label: (em, lines) => itemLabel(block, ctx, em, lines), style: 'plain', children: [], detail: true });

/** A planned framework: its graph, whether it draws the recommendations, whether it draws approaches. */
export interface Framework {
  diagram: Diagram;
  showsItems: boolean;
  approaches: boolean;
}

/**
 * The framework of a section holding initiatives: the approaches they serve, the initiatives, and
 * what each recommends. An approach and the one initiative that serves it under the same name are
 * one node. Initiatives that serve no approach hang from the section. A section of
 * recommendations written as list items directly under it: the section and its items.
 */
export function frameworkDiagram(section: Section, approaches: Part[], ctx: DiagramContext): Framework | undefined {
  const initiatives = section.parts.filter((p) => p.role === 'initiative');
  const sectionLabel = ctx.labelFor(section.heading.text) ?? splitTitle(section.heading.text).title;
  if (initiatives.length === 0) {
    const items = section.blocks.filter((b): b is TextBlock => b.type === 'text' && b.kind === 'item');
    if (items.length === 0) return undefined;
    const planned = planTree([fixed(sectionLabel, 'primary', items.map((b) => leaf(b, ctx)))], ctx);
    return planned && { ...planned, approaches: false };
  }
  const initiativeNode = (p: Part, style: GraphNode['style']): Tree => {
    const label = (em: number) => partLabel(p, ctx, em);
    // "名前－statement": when its recommendations cannot be drawn, its statement says what it does.
    const { subtitle } = splitTitle(p.heading.text);
    const statement: Tree[] = subtitle && !label(ctx.theme.diagram.labelEm).includes(subtitle.replace(/[。．.]$/u, ''))
      ? [{ label: (em) => leadLabel(subtitle, ctx.language, em, MAX_LABEL_LINES), style: style === 'primary' ? 'secondary' : 'plain', children: [], summary: true }]
      : [];
    return { label, style, children: [...listItems(p).map((b) => leaf(b, ctx)), ...statement] };
  };
  const served = approaches.filter((a) => a.heading.id && initiatives.some((p) => p.serves.includes(a.heading.id!)));
  const roots: Tree[] = served.map((a) => {
    const own = initiatives.filter((p) => p.serves.includes(a.heading.id!));
    const name = partLabel(a, ctx);
    const [only] = own;
    // An approach "X" and its initiative "Initiative 1: X": the same words, drawn once.
    if (own.length === 1 && only!.serves.length === 1 && nameOf(splitTitle(only!.heading.text).title) === nameOf(name)) {
      return { ...initiativeNode(only!, 'primary'), label: () => name };
    }
    return fixed(name, 'primary', own.map((p) => initiativeNode(p, 'secondary')));
  });
  // An initiative serving none hangs from the section, or is a root of its own beside approaches;
  // one serving several makes the framework a graph, not a tree (manyToMany).
  const loose = initiatives.filter((p) => !served.some((a) => p.serves.includes(a.heading.id!)));
  if (loose.length > 0) {
    if (served.length === 0) roots.push(fixed(sectionLabel, 'primary', loose.map((p) => initiativeNode(p, 'secondary'))));
    else roots.push(...loose.map((p) => initiativeNode(p, 'primary')));
  }
  if (initiatives.some((p) => p.serves.filter((id) => served.some((a) => a.heading.id === id)).length > 1)) return { ...manyToMany(served, initiatives, ctx), approaches: true };
  const planned = planTree(roots, ctx);
  return planned && { ...planned, approaches: served.length > 0 };
}

/**
 * Approaches and the initiatives that serve them, when an initiative serves several (no tree),
 * with what each initiative recommends when the labels can still be read.
 */
function manyToMany(approaches: Part[], initiatives: Part[], ctx: DiagramContext): { diagram: Diagram; showsItems: boolean } {
  const drawn = (lines: number): Graph => {
    const nodes: GraphNode[] = [];
    const edges: Array<{ from: string; to: string }> = [];
    const ids = new Map<string, string>();
    approaches.forEach((a, i) => {
      ids.set(a.heading.id!, `A${i + 1}`);
      nodes.push({ id: `A${i + 1}`, label: partLabel(a, ctx), style: 'primary' });
    });
    initiatives.forEach((p, i) => {
      nodes.push({ id: `I${i + 1}`, label: partLabel(p, ctx), style: 'secondary' });
      for (const target of p.serves) if (ids.has(target)) edges.push({ from: ids.get(target)!, to: `I${i + 1}` });
      if (lines === 0) return;
      listItems(p).forEach((b, j) => {
        nodes.push({ id: `I${i + 1}R${j + 1}`, label: itemLabel(b, ctx, ctx.theme.diagram.labelEm, lines), style: 'plain' });
        edges.push({ from: `I${i + 1}`, to: `I${i + 1}R${j + 1}` });
      });
    });
    return { type: 'graph', direction: 'LR', nodes, edges };
  };
  for (const lines of [MAX_LABEL_LINES, 2, 1]) {
    const diagram = drawn(lines);
    if (drawnLabelPx(diagram, ctx) >= MIN_LABEL_PX) return { diagram, showsItems: diagram.nodes.some((n) => n.style === 'plain') };
  }
  return { diagram: drawn(0), showsItems: false };
}

/**
 * The structure of a memo with no initiatives: each section made of parts (or of list items)
 * heads a column of its parts and their points. Undefined when there is nothing to draw (fewer
 * than two parts or items in all).
 */
export function structureDiagram(memo: Memo, ctx: DiagramContext): Diagram | undefined {
  const roots: Tree[] = [];
  for (const section of memo.sections) {
    const label = ctx.labelFor(section.heading.text) ?? splitTitle(section.heading.text).title;
    const items = (blocks: Part['blocks']) => blocks.filter((b): b is TextBlock => b.type === 'text' && b.kind === 'item').map((b) => leaf(b, ctx));
    const children: Tree[] = section.parts.length > 0
      ? section.parts.map((p) => ({ label: (em: number) => partLabel(p, ctx, em), style: 'secondary' as const, children: items(p.blocks) }))
      : items(section.blocks);
    if (children.length > 0) roots.push(fixed(label, 'primary', children));
  }
  if (roots.reduce((n, r) => n + r.children.length, 0) < 2) return undefined;
  // An overview no drawing of which can be read (ten sections in a row, labels at 12 px) is none:
  // the agenda lists the sections already.
  const planned = planTree(roots, ctx);
  return planned && planned.diagram.type === 'graph' && drawnLabelPx(planned.diagram, ctx) < MIN_LABEL_PX ? undefined : planned?.diagram;
}

// ── Choosing how a tree is drawn ─────────────────────────────────────────────────────────────

interface Option {
  diagram: Graph;
  showsItems: boolean;
  px: number;
}

/**
 * Draws a tree in ranks from left to right (its edges drawn as arrows) when its labels come out
 * at least MIN_LABEL_PX, else in the columns (one or more per root) whose labels come out
 * largest; its points with labels of three lines, two, or not at all: kept whenever they can be.
 */
function planTree(roots: Tree[], ctx: DiagramContext): { diagram: Diagram; showsItems: boolean } | undefined {
  if (roots.length === 0) return undefined;
  const options: Option[] = [];
  const hasDetail = roots.some(function any(t: Tree): boolean {
    return t.detail === true || t.children.some(any);
  });
  for (const lines of hasDetail ? [MAX_LABEL_LINES, 2, 0] : [MAX_LABEL_LINES]) {
    // Columns: one per root, or the points under each root shared by two (three under a lone root).
    const splits = [...(roots.length > 1 ? [1] : []), ...(roots.length <= 2 ? [2] : []), ...(roots.length === 1 ? [3] : [])];
    const candidates = [toGraph(roots, ctx, lines), ...splits.map((split) => toGraph(roots, ctx, lines, split))];
    const these = candidates.map((diagram) => ({ diagram, showsItems: lines > 0 && hasDetail, px: drawnLabelPx(diagram, ctx) }));
    options.push(...these);
    // Ranks, with their arrows, when their labels can be read; else the columns whose labels come out largest.
    const chosen = these[0]!.px >= MIN_LABEL_PX ? these[0]! : [...these].sort((a, b) => b.px - a.px)[0]!;
    if (chosen.px >= MIN_LABEL_PX) return { diagram: chosen.diagram, showsItems: chosen.showsItems };
  }
  const best = options.sort((a, b) => b.px - a.px)[0]!;
  return { diagram: best.diagram, showsItems: best.showsItems };
}

/** A tree as a graph; `lines` 0 leaves its points out. Ids are stable: N1, N2, … in reading order. */
function toGraph(roots: Tree[], ctx: DiagramContext, lines: number, split?: number): Graph {
  const { theme } = ctx;
  const wrapEm = split ? columnEm(roots.length * split, theme) : undefined;
  const nodes: GraphNode[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  const add = (tree: Tree, parent?: string) => {
    if ((tree.detail && lines === 0) || (tree.summary && lines > 0)) return;
    const id = `N${nodes.length + 1}`;
    const em = wrapEm ?? (tree.style === 'primary' ? theme.diagram.nodeLabelEm : theme.diagram.labelEm);
    nodes.push({ id, label: tree.label(em, Math.max(lines, 1)), style: tree.style });
    if (parent) edges.push({ from: parent, to: id });
    for (const child of tree.children) add(child, id);
  };
  for (const root of roots) add(root);
  const graph: Graph = { type: 'graph', direction: 'LR', nodes, edges, ...(split ? { arrange: 'columns' as const, wrapEm, ...(split > 1 ? { split } : {}) } : {}) };
  // A split that leaves a column empty (too few points to share) is the same drawing as fewer columns.
  if (split && split > 1 && columnGroups(graph).some((g) => g.columns.length < split)) return { ...graph, split: 1 };
  return graph;
}

/** How wide a column's labels wrap (em), so that `count` columns share the slide's width. */
function columnEm(count: number, theme: Theme): number {
  const width = theme.slide.width - 2 * theme.slide.paddingX;
  return Math.max(6, Math.min(theme.diagram.labelEm, Math.floor(width / count / (MIN_LABEL_PX + 2)) - 1));
}

// ── Estimating the drawing (Mermaid's flowchart geometry, at the theme's diagram type size) ──

/** The room a diagram has on a slide with a title of one line and a kicker (whole px): px. */
const diagramRoom = (theme: Theme) => ({ w: theme.slide.width - 2 * theme.slide.paddingX, h: theme.slide.height - theme.slide.paddingTop - theme.slide.paddingBottom - Math.round(headBlockHeight(theme, 1, true)) });

/** The size labels are drawn at (px) when the diagram is scaled to its room on the slide. */
export function drawnLabelPx(graph: Graph, ctx: DiagramContext): number {
  const { theme, language } = ctx;
  const font = theme.diagram.fontSize;
  const pad = graph.arrange === 'columns' ? SPACING.columns.padding : SPACING.padding;
  const size = new Map(graph.nodes.map((n) => {
    const lines = labelLines(graph, n, theme, language);
    return [n.id, { w: Math.max(...lines.map((l) => displayWidth(l))) * font + 2 * pad, h: lines.length * font * SPACING.lineHeight + 2 * pad }];
  }));
  let w: number;
  let h: number;
  if (graph.arrange === 'columns') {
    ({ w, h } = columnLayout(graph, size, { column: SPACING.columns.node, row: SPACING.columns.rank }));
  } else {
    const rank = ranks(graph);
    const layers: GraphNode[][] = [];
    for (const node of graph.nodes) (layers[rank.get(node.id)!] ??= []).push(node);
    const across = graph.direction === 'LR';
    const main = (n: GraphNode) => (across ? size.get(n.id)!.w : size.get(n.id)!.h);
    const cross = (n: GraphNode) => (across ? size.get(n.id)!.h : size.get(n.id)!.w);
    const along = layers.reduce((s, l) => s + Math.max(...l.map(main)), 0) + SPACING.ranks.rank * (layers.length - 1);
    const wide = Math.max(...layers.map((l) => l.reduce((s, n) => s + cross(n), 0) + SPACING.ranks.node * (l.length - 1)));
    [w, h] = across ? [along, wide] : [wide, along];
  }
  const room = diagramRoom(theme);
  return font * Math.min(room.w / w, room.h / h);
}
