// The shape of the code: src/ is folders, one per stage or shared layer, and the folders depend
// on each other one way only. Read from the import statements of the sources themselves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.ts$/.test(e.name) ? [file] : [];
  });
}

/** Folder → the other folders of src/ its files import from (type imports included). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = path.relative(SRC, file).split(path.sep)[0]!;
    const deps = graph.get(from) ?? new Set<string>();
    graph.set(from, deps);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), match[1]!)).split(path.sep);
      if (target[0] === '..' || target.length < 2) continue;
      if (target[0] !== from) deps.add(target[0]!);
    }
  }
  return graph;
}

/** A cycle among the folders, as a path, or undefined. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layout of src/', () => {
  it('holds folders, and only the executable at its top', () => {
    const loose = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(loose).toEqual(['bin.js']);
  });

  it('has folders that depend on each other one way only', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(8);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('keeps the shared layers free of the stages', () => {
    const graph = folderGraph();
    // core: infrastructure (errors, files, paths, fonts, logging); model: the typed data between stages.
    expect([...graph.get('core')!]).toEqual([]);
    expect([...graph.get('model')!]).toEqual(['core']);
    // Each stage reaches the browser only through browser/, and no stage reaches the drivers.
    for (const [folder, deps] of graph) if (!['cli', 'check'].includes(folder)) expect(deps.has('pipeline') && folder !== 'pipeline', `${folder} imports pipeline/`).toBe(false);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
