// A planned diagram as native shapes: a box per node holding its label, a connector per edge,
// laid out in ranks the way Mermaid's flowchart draws it (sources first, in the graph's direction).
// A memo's own Mermaid fence is placed as a picture of its rendered drawing.
import { displayWidth, wrapPhrases } from '../model/text.ts';
import type { DiagramSpec, GraphNode } from '../model/types.ts';
import { boxOf, inches, paragraph, type Region, type Shape, type SlideContext } from './model.ts';

type Graph = Extract<DiagramSpec['diagram'], { type: 'graph' }>;

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

const NODE_GAP = 22;
const RANK_GAP = 110;
const LINE_HEIGHT = 1.3;

export function graphShapes(ctx: SlideContext, spec: DiagramSpec, region: Region): Shape[] {
  if (spec.diagram.type === 'mermaid') return pictureShapes(ctx, spec, region);
  const graph = spec.diagram;
  const { theme, language } = ctx.look;
  const rank = ranks(graph);
  const columns: GraphNode[][] = [];
  for (const node of graph.nodes) (columns[rank.get(node.id)!] ??= []).push(node);
  const layers = columns.filter(Boolean);
  const lines = new Map(graph.nodes.map((n) => [n.id, wrapPhrases(n.label, language, n.style === 'primary' ? theme.diagram.nodeLabelEm : theme.diagram.labelEm)]));
  const across = graph.direction === 'LR';
  // Sizes at the theme's diagram type size, then scaled to the room (never under the legibility limit).
  const sizeAt = (font: number) => {
    const pad = font * 0.6;
    const size = new Map(graph.nodes.map((n) => {
      const l = lines.get(n.id)!;
      return [n.id, { w: Math.max(...l.map((t) => displayWidth(t))) * font + 2 * pad + font, h: l.length * font * LINE_HEIGHT + 2 * pad }];
    }));
    const layerMain = layers.map((layer) => Math.max(...layer.map((n) => (across ? size.get(n.id)!.w : size.get(n.id)!.h))));
    const layerCross = layers.map((layer) => layer.reduce((s, n) => s + (across ? size.get(n.id)!.h : size.get(n.id)!.w), 0) + NODE_GAP * (layer.length - 1));
    const main = layerMain.reduce((a, b) => a + b, 0) + RANK_GAP * (layers.length - 1);
    return { size, layerMain, main, cross: Math.max(...layerCross) };
  };
  const base = theme.diagram.fontSize;
  const first = sizeAt(base);
  // Like the deck's SVG, which fills its figure: larger when there is room, up to half as large again.
  const fits = Math.min(1.5, (across ? region.w : region.h) / first.main, (across ? region.h : region.w) / first.cross);
  const font = Math.max(16, base * fits);
  const { size, layerMain, main } = sizeAt(font);
  const boxes = new Map<string, { x: number; y: number; w: number; h: number }>();
  let along = (across ? region.x + (region.w - main) / 2 : region.y + (region.h - main) / 2);
  layers.forEach((layer, i) => {
    const crossTotal = layer.reduce((s, n) => s + (across ? size.get(n.id)!.h : size.get(n.id)!.w), 0) + NODE_GAP * (layer.length - 1);
    let c = across ? region.y + (region.h - crossTotal) / 2 : region.x + (region.w - crossTotal) / 2;
    for (const node of layer) {
      const { w, h } = size.get(node.id)!;
      const m = along + (layerMain[i]! - (across ? w : h)) / 2;
      boxes.set(node.id, across ? { x: m, y: c, w, h } : { x: c, y: m, w, h });
      c += (across ? h : w) + NODE_GAP;
    }
    along += layerMain[i]! + RANK_GAP;
  });
  const c = ctx.colors;
  const look = { primary: { fill: c.accent, line: c.accent, color: c.onAccent, bold: true }, secondary: { fill: c.accentSoft, line: c.accent, color: c.text, bold: false }, plain: { fill: c.background, line: c.line, color: c.text, bold: false } };
  const nodes: Shape[] = graph.nodes.map((node) => {
    const b = boxes.get(node.id)!;
    const style = look[node.style];
    const paragraphs = lines.get(node.id)!.map((line) => paragraph(ctx, [{ type: 'text', text: line }], font, { color: style.color, bold: style.bold, align: 'center', lineHeight: LINE_HEIGHT }));
    return { type: 'text', name: `Node ${node.id}`, box: boxOf(b.x, b.y, b.w, b.h), paragraphs, valign: 'middle', fill: style.fill, line: style.line, inset: 0 };
  });
  const [fromSite, toSite] = across ? [3, 1] : [2, 0];
  const connectors: Shape[] = graph.edges.flatMap((edge) => {
    const a = boxes.get(edge.from);
    const b = boxes.get(edge.to);
    if (!a || !b) return [];
    const start = across ? { x: a.x + a.w, y: a.y + a.h / 2 } : { x: a.x + a.w / 2, y: a.y + a.h };
    const end = across ? { x: b.x, y: b.y + b.h / 2 } : { x: b.x + b.w / 2, y: b.y };
    const inch = (p: { x: number; y: number }) => ({ x: inches(p.x), y: inches(p.y) });
    return [{ type: 'connector', name: `Edge ${edge.from}-${edge.to}`, from: { shape: `Node ${edge.from}`, site: fromSite }, to: { shape: `Node ${edge.to}`, site: toSite }, start: inch(start), end: inch(end), color: c.line, width: 1.5 }];
  });
  return [...connectors, ...nodes];
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
