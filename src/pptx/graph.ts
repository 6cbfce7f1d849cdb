// A planned diagram as native shapes: a box per node holding its label, a connector per edge,
// laid out in ranks the way Mermaid's flowchart draws it (sources first, in the graph's direction).
// A memo's own Mermaid fence is placed as a picture of its rendered drawing.
import { columnLayout, labelLines, ranks, SPACING, type Graph } from '../model/graph.ts';
import { defaultLimits } from '../model/limits.ts';
import { displayWidth } from '../model/text.ts';
import type { DiagramSpec, GraphNode } from '../model/types.ts';
import { boxOf, inches, paragraph, type Region, type Shape, type SlideContext } from './model.ts';

const LINE_HEIGHT = 1.3;

type Box = { x: number; y: number; w: number; h: number };
type Size = { w: number; h: number };

/**
 * Lines of nodes, each line laid out across, the lines one after another along: the ranks of a
 * graph (along its direction) or the rows of a column arrangement (top to bottom, each column's
 * nodes in one column). Returns each node's box, the whole centred in `region`.
 */
function place(layers: GraphNode[][], size: Map<string, Size>, region: Region, across: boolean, gaps: { along: number; across: number }): Map<string, Box> {
  const main = (n: GraphNode) => (across ? size.get(n.id)!.w : size.get(n.id)!.h);
  const cross = (n: GraphNode) => (across ? size.get(n.id)!.h : size.get(n.id)!.w);
  const layerMain = layers.map((layer) => Math.max(...layer.map(main)));
  const total = layerMain.reduce((a, b) => a + b, 0) + gaps.along * (layers.length - 1);
  const boxes = new Map<string, Box>();
  let along = across ? region.x + (region.w - total) / 2 : region.y + (region.h - total) / 2;
  layers.forEach((layer, i) => {
    const crossTotal = layer.reduce((s, n) => s + cross(n), 0) + gaps.across * (layer.length - 1);
    let c = across ? region.y + (region.h - crossTotal) / 2 : region.x + (region.w - crossTotal) / 2;
    for (const node of layer) {
      const { w, h } = size.get(node.id)!;
      const m = along + (layerMain[i]! - (across ? w : h)) / 2;
      boxes.set(node.id, across ? { x: m, y: c, w, h } : { x: c, y: m, w, h });
      c += (across ? h : w) + gaps.across;
    }
    along += layerMain[i]! + gaps.along;
  });
  return boxes;
}

/** The column arrangement (src/model/graph.ts) centred in `region`. */
function placeColumns(graph: Graph, size: Map<string, Size>, region: Region, gaps: { column: number; row: number }): Map<string, Box> {
  const { boxes, w, h } = columnLayout(graph, size, gaps);
  const dx = region.x + (region.w - w) / 2;
  const dy = region.y + (region.h - h) / 2;
  return new Map([...boxes].map(([id, b]) => [id, { ...b, x: b.x + dx, y: b.y + dy }]));
}

export function graphShapes(ctx: SlideContext, spec: DiagramSpec, region: Region): Shape[] {
  if (spec.diagram.type === 'mermaid') return pictureShapes(ctx, spec, region);
  const graph = spec.diagram;
  const { theme, language } = ctx.look;
  const lines = new Map(graph.nodes.map((n) => [n.id, labelLines(graph, n, theme, language)]));
  const inColumns = graph.arrange === 'columns';
  const across = !inColumns && graph.direction === 'LR';
  const rank = ranks(graph);
  const layers: GraphNode[][] = [];
  for (const node of graph.nodes) (layers[rank.get(node.id)!] ??= []).push(node);
  const sizes = (font: number) => {
    const pad = font * 0.6;
    return new Map(graph.nodes.map((n) => {
      const l = lines.get(n.id)!;
      return [n.id, { w: Math.max(...l.map((t) => displayWidth(t))) * font + 2 * pad + font, h: l.length * font * LINE_HEIGHT + 2 * pad }];
    }));
  };
  // Laid out at the theme's diagram type size, then scaled to the room (never under the legibility limit).
  const layout = (font: number, room: Region) => {
    const k = font / theme.diagram.fontSize;
    return inColumns
      ? placeColumns(graph, sizes(font), room, { column: SPACING.columns.node * k, row: SPACING.columns.rank * k })
      : place(layers.filter(Boolean), sizes(font), room, across, { along: SPACING.ranks.rank * k, across: SPACING.ranks.node * k });
  };
  const base = theme.diagram.fontSize;
  const probe = [...layout(base, { x: 0, y: 0, w: 0, h: 0 }).values()];
  const extent = { w: Math.max(...probe.map((b) => b.x + b.w)) - Math.min(...probe.map((b) => b.x)), h: Math.max(...probe.map((b) => b.y + b.h)) - Math.min(...probe.map((b) => b.y)) };
  // Like the deck's SVG, which fills its figure: larger when there is room, up to half as large again.
  const fits = Math.min(1.5, region.w / extent.w, region.h / extent.h);
  // Never under the legibility limit, as large on its slide as on the deck's (a smaller template page, a smaller limit in points).
  const font = Math.max(defaultLimits(theme).minDiagramFontPx * ctx.scale, base * fits);
  const boxes = layout(font, region);
  const c = ctx.colors;
  const look = { primary: { fill: c.accent, line: c.accent, color: c.onAccent, bold: true }, secondary: { fill: c.accentSoft, line: c.accent, color: c.text, bold: false }, plain: { fill: c.background, line: c.line, color: c.text, bold: false } };
  const nodes: Shape[] = graph.nodes.map((node) => {
    const b = boxes.get(node.id)!;
    const style = look[node.style];
    const paragraphs = lines.get(node.id)!.map((line) => paragraph(ctx, [{ type: 'text', text: line }], font, { color: style.color, bold: style.bold, align: 'center', lineHeight: LINE_HEIGHT }));
    return { type: 'text', name: `Node ${node.id}`, box: boxOf(b.x, b.y, b.w, b.h), paragraphs, valign: 'middle', fill: style.fill, line: style.line, inset: 0 };
  });
  const [fromSite, toSite] = across ? [3, 1] : [2, 0];
  const connectors: Shape[] = (inColumns ? [] : graph.edges).flatMap((edge) => {
    const a = boxes.get(edge.from);
    const b = boxes.get(edge.to);
    if (!a || !b) return [];
    const start = across ? { x: a.x + a.w, y: a.y + a.h / 2 } : { x: a.x + a.w / 2, y: a.y + a.h };
    const end = across ? { x: b.x, y: b.y + b.h / 2 } : { x: b.x + b.w / 2, y: b.y };
    const inch = (p: { x: number; y: number }) => ({ x: inches(p.x), y: inches(p.y) });
    return [{ type: 'connector', name: `Edge ${edge.from}-${edge.to}`, from: { shape: `Node ${edge.from}`, site: fromSite }, to: { shape: `Node ${edge.to}`, site: toSite }, start: inch(start), end: inch(end), color: c.line, width: 1.5 }];
  });
  // One group, moved as one piece, read by a screen reader as the diagram's name (as the deck's figure is).
  return [{ type: 'group', name: `Diagram: ${spec.label}`.slice(0, 250), alt: spec.label, shapes: [...connectors, ...nodes] }];
}

/** A memo's own Mermaid diagram: the rendered drawing as a picture, as large as fits the body. */
function pictureShapes(ctx: SlideContext, spec: DiagramSpec, region: Region): Shape[] {
  const picture = ctx.look.picture?.(spec);
  if (!picture) return [{ type: 'text', name: 'Diagram', box: boxOf(region.x, region.y, region.w, region.h), paragraphs: [paragraph(ctx, [{ type: 'text', text: spec.label }], ctx.look.theme.font.body)], valign: 'middle' }];
  const scale = Math.min(region.w / picture.width, region.h / picture.height);
  const w = picture.width * scale;
  const h = picture.height * scale;
  return [{ type: 'image', name: 'Diagram', box: boxOf(region.x + (region.w - w) / 2, region.y + (region.h - h) / 2, w, h), data: picture.src, alt: spec.label }];
}
