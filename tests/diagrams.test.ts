// The diagrams the planner draws, for the bundled memo and for memos of other shapes: they say
// what the structure holds, in the memo's own words, never the same words twice, never cut with
// "…"; a memo with no recognisable roles still gets a diagram of its structure; each section of
// initiatives its framework. Then `check`, in Chromium, on the decks they make.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeckConfig } from '../src/config/deck-config.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { inlineText } from '../src/model/content.ts';
import { leadLabel } from '../src/model/text.ts';
import { loadStrings, loadTheme } from '../src/model/theme.ts';
import type { Diagram, Memo, Slide } from '../src/model/types.ts';
import { columnGroups } from '../src/model/graph.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { planDeck } from '../src/plan/plan.ts';
import { BUNDLED_DECK, FIXTURES, readMemo, runCli, tempDir } from './helpers.ts';

type Graph = Extract<Diagram, { type: 'graph' }>;

const plan = (memo: Memo, labelFor?: (text: string) => string | undefined) => planDeck(memo, { theme: loadTheme(), strings: loadStrings(memo.meta.language), ...(labelFor ? { labelFor } : {}) });
const graphs = (slides: Slide[]) => slides.flatMap((s) => (s.diagram?.diagram.type === 'graph' ? [{ slide: s, graph: s.diagram.diagram as Graph }] : []));
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** In how many runs of `source`'s text `label` is written (greedily, longest first); Infinity when a character is not in it. */
function runsOf(label: string, source: string): number {
  let runs = 0;
  for (let i = 0; i < label.length; runs++) {
    let n = 1;
    while (i + n <= label.length && source.includes(label.slice(i, i + n))) n++;
    if (n === 1) return Infinity;
    i += n - 1;
  }
  return runs;
}

/** Imports a fixture of tests/fixtures/import with the CLI, as a user does: the deck folder. */
async function imported(file: string): Promise<string> {
  const deck = path.join(tempDir(), path.basename(file).replace(/\.\w+$/, ''));
  const { code, stderr } = await runCli('import', path.join(FIXTURES, 'import', file), '--out', deck);
  expect(code, stderr).toBe(0);
  return deck;
}

const SHAPES = path.join(FIXTURES, 'shapes');
const DECKS = [BUNDLED_DECK, path.join(FIXTURES, 'decks/city-water-memo'), ...readdirSync(SHAPES).map((name) => path.join(SHAPES, name))];

describe('labels: the memo’s own words, never cut', () => {
  it('every node of every planned diagram is words of its memo (or the deck’s label), with no "…", in every fixture deck, with and without the deck’s labels', async () => {
    const decks = [...DECKS, await imported('findings/findings.md'), await imported('programme/programme.md')];
    let labels = 0;
    for (const dir of decks) {
      const memo = readMemo(dir);
      const source = squeeze(readFileSync(path.join(dir, 'memo.md'), 'utf8'));
      const config = readDeckConfig(deckAt(dir), []);
      const deckYaml = existsSync(path.join(dir, 'deck.yaml')) ? readFileSync(path.join(dir, 'deck.yaml'), 'utf8') : '';
      for (const labelFor of [undefined, config.labelFor]) {
        for (const { slide, graph } of graphs(plan(memo, labelFor))) {
          for (const node of graph.nodes) {
            labels++;
            expect(node.label, `${path.basename(dir)} #${slide.id}`).not.toMatch(/…|\.\.\.$/);
            const edited = labelFor !== undefined && deckYaml.includes(`: ${node.label}\n`);
            // Runs of the memo's text: a label may leave out an aside in brackets, never add a word.
            if (!edited) expect(runsOf(squeeze(node.label), source), `${path.basename(dir)} #${slide.id}: "${node.label}"`).toBeLessThanOrEqual(3);
          }
        }
      }
    }
    expect(labels).toBeGreaterThan(100);
  }, 60_000);
});

describe('leadLabel', () => {
  it('leaves out an aside in brackets before it cuts, never stops inside brackets, and never labels by a lone opening word', () => {
    const sentence = '日本は、セキュリティ・クリアランス・システム（一元化された身元調査）をさらに強化することを検討すべきである。';
    expect(leadLabel(sentence, 'ja', 17, 3)).toBe('日本は、セキュリティ・クリアランス・システムをさらに強化することを検討すべきである');
    expect(leadLabel(sentence, 'ja', 17, 2)).not.toBe('日本は');
    const bracketed = 'サイバーセキュリティ能力を構築するための協力体制を推進する（２国間の例としては、防衛産業のサプライチェーン全体のサイバーセキュリティの基準を高めることを目的とした、アメリカ国防総省のサイバーセキュリティ成熟度モデル認証がある）。';
    const label = leadLabel(bracketed, 'ja', 17, 2);
    expect(label).toBe('サイバーセキュリティ能力を構築するための協力体制を推進する');
    expect(leadLabel(`${bracketed}さらに、${bracketed}`, 'ja', 10, 1).split('（').length).toBe(leadLabel(`${bracketed}さらに、${bracketed}`, 'ja', 10, 1).split('）').length);
  });
});

describe('the framework says what the structure holds', () => {
  const memo = readMemo(BUNDLED_DECK);
  const slides = plan(memo, readDeckConfig(deckAt(BUNDLED_DECK), []).labelFor);
  const framework = graphs(slides).find((g) => g.slide.id.endsWith('-framework'))!.graph;

  it('draws no words twice: an approach and its initiative of the same name are one node', () => {
    const labels = framework.nodes.map((n) => n.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => l.includes('アクセス制限'))).toEqual(['アクセス制限']);
    expect(labels.some((l) => /イニシアチブ/.test(l))).toBe(false);
  });

  it('shows what each initiative recommends, under the approach it serves', () => {
    const initiatives = graphs(slides).filter((g) => g.slide.id.endsWith('-diagram'));
    expect(initiatives).toHaveLength(3);
    const byColumn = new Map<string, string[]>();
    let column = '';
    for (const node of framework.nodes) {
      if (node.style === 'primary') column = node.label;
      else byColumn.set(column, [...(byColumn.get(column) ?? []), node.label]);
    }
    // Each initiative's own diagram lists the same recommendations as its column of the framework.
    initiatives.forEach(({ graph }, i) => {
      const approach = framework.nodes.filter((n) => n.style === 'primary')[i]!.label;
      expect(byColumn.get(approach)).toEqual(graph.nodes.filter((n) => n.style === 'plain').map((n) => n.label));
    });
    expect([...byColumn.values()].map((c) => c.length)).toEqual([3, 5, 6]);
  });

  it('without the deck’s labels, when the recommendations are too many to read, says what each initiative does (its statement), not just its name', () => {
    const plain = graphs(plan(memo)).find((g) => g.slide.id.endsWith('-framework'))!.graph;
    expect(plain.nodes.filter((n) => n.style === 'primary').map((n) => n.label)).toEqual(['アクセス制限', '共同イノベーション', '第三国への関与']);
    expect(plain.nodes.filter((n) => n.style === 'secondary')[0]!.label).toMatch(/^同盟国間の調整および、EUやその他の志を同じくする技術分野でのリーダーと連携して/);
    const labels = plain.nodes.map((n) => n.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('draws each framework without two nodes of the same label, in every fixture deck', () => {
    for (const dir of DECKS) {
      for (const { slide, graph } of graphs(plan(readMemo(dir)))) {
        if (!slide.id.endsWith('-framework')) continue;
        const labels = graph.nodes.map((n) => n.label);
        expect(new Set(labels).size, `${path.basename(dir)} #${slide.id}: ${labels.join(' / ')}`).toBe(labels.length);
      }
    }
  });
});

describe('columns', () => {
  const node = (id: string) => ({ id, label: id, style: 'plain' as const });
  const tree = (split?: number): Graph => ({
    type: 'graph',
    direction: 'LR',
    arrange: 'columns',
    ...(split ? { split } : {}),
    // A → I → R1…R8, and B → P, Q (Q → Q1, Q2)
    nodes: ['A', 'I', ...Array.from({ length: 8 }, (_, i) => `R${i + 1}`), 'B', 'P', 'Q', 'Q1', 'Q2'].map(node),
    edges: [{ from: 'A', to: 'I' }, ...Array.from({ length: 8 }, (_, i) => ({ from: 'I', to: `R${i + 1}` })), { from: 'B', to: 'P' }, { from: 'B', to: 'Q' }, { from: 'Q', to: 'Q1' }, { from: 'Q', to: 'Q2' }],
  });
  const ids = (split?: number) => columnGroups(tree(split)).map((g) => ({ head: g.head.map((n) => n.id), columns: g.columns.map((c) => c.map((n) => n.id)) }));

  it('heads each column with its root and the lone node under it, the rest stacked beneath in reading order', () => {
    expect(ids()).toEqual([
      { head: ['A', 'I'], columns: [['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']] },
      { head: ['B'], columns: [['P', 'Q', 'Q1', 'Q2']] },
    ]);
  });

  it('shares a long list between columns evenly, never splitting a part from its points', () => {
    expect(ids(2)).toEqual([
      { head: ['A', 'I'], columns: [['R1', 'R2', 'R3', 'R4'], ['R5', 'R6', 'R7', 'R8']] },
      { head: ['B'], columns: [['P'], ['Q', 'Q1', 'Q2']] },
    ]);
  });
});

describe('memos of other shapes', () => {
  it('a programme of numbered measures with no structure markers: a diagram of its sections, their parts and points; openers that differ', () => {
    const memo = readMemo(path.join(SHAPES, 'numbered-measures'));
    const slides = plan(memo);
    const overview = slides.find((s) => s.id === 'structure')!;
    expect(slides.indexOf(overview)).toBe(slides.findIndex((s) => s.kind === 'agenda') + 1);
    const graph = overview.diagram!.diagram as Graph;
    expect(graph.nodes.filter((n) => n.style === 'primary').map((n) => n.label)).toEqual(['施策1：路線バスの再編', '施策2：運転手の確保', '施策3：財源の確保']);
    expect(graph.nodes.map((n) => n.label)).toContain('需要に応じて、小型車両と予約制の運行に切り替える');
    // Each measure's opener says what that measure holds, not the same two part names again.
    const openers = slides.filter((s) => s.layout === 'section').map((s) => s.items.map((i) => inlineText(i.content)));
    expect(openers).toHaveLength(3);
    const all = openers.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(openers[0]).toEqual(['問題分析：利用の少ない路線にも、朝夕と同じ大型車両が走っている。', '施策：需要に応じて、小型車両と予約制の運行に切り替える。']);
  });

  it('a memo of ten sections with points each: no overview whose labels no one could read (the agenda lists them)', () => {
    const sections = (n: number) => Array.from({ length: n }, (_, i) => `## Section ${i + 1} on the matter\n\n- A first point of section ${i + 1}.\n- A second point of section ${i + 1}.\n`).join('\n');
    const many = plan(memoFrom(`---\ntitle: Many sections\n---\n\n${sections(10)}`));
    expect(many.find((s) => s.id === 'structure')).toBeUndefined();
    expect(many.filter((s) => s.kind === 'agenda').length).toBeGreaterThan(0);
    // Three sections draw one, its labels large enough.
    const few = plan(memoFrom(`---\ntitle: Few sections\n---\n\n${sections(3)}`));
    expect(few.find((s) => s.id === 'structure')?.diagram).toBeDefined();
  });

  it('the English findings memo, imported as published: a diagram of its findings and recommendations', async () => {
    const memo = readMemo(await imported('findings/findings.md'));
    const drawn = graphs(plan(memo));
    expect(drawn).toHaveLength(1);
    const labels = drawn[0]!.graph.nodes.map((n) => n.label);
    expect(labels).toEqual(expect.arrayContaining(['Findings', '2. The network has gaps', 'Recommendations', 'Publish injury data every quarter']));
  }, 30_000);

  it('a section of initiatives whose recommendations are list items directly under it gets its framework, after the list', () => {
    const memo = memoFrom('---\ntitle: Streets\nlanguage: en\n---\n\n## Findings\n\nInjuries are concentrated on six roads.\n\n## Recommendations {.initiatives}\n\n- Close the ten worst gaps within one year.\n- Lower the speed limit to thirty kilometres per hour.\n- Publish injury data every quarter.\n');
    const slides = plan(memo);
    const framework = slides.find((s) => s.id === 's2-framework')!;
    expect(slides.indexOf(framework)).toBe(slides.findIndex((s) => s.id === 's2') + 1);
    const graph = framework.diagram!.diagram as Graph;
    expect(graph.nodes.map((n) => n.label)).toEqual(['Recommendations', 'Close the ten worst gaps within one year', 'Lower the speed limit to thirty kilometres per hour', 'Publish injury data every quarter']);
    expect(graph.edges).toHaveLength(3);
  });

  it('the structure slide keeps an id of its own when the memo names a heading "structure"', () => {
    const memo = memoFrom('---\ntitle: T\nlanguage: en\n---\n\n## Structure {#structure}\n\n### One\n\n- A point of the first part.\n\n### Two\n\n- A point of the second part.\n');
    const slides = plan(memo);
    const ids = slides.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(slides.filter((s) => s.diagram).map((s) => s.id)).toEqual(['structure-diagram']);
  });

  it('several sections of initiatives: a framework for each, headed by its own measure', async () => {
    const memo = readMemo(await imported('programme/programme.md'));
    const frameworks = graphs(plan(memo)).filter((g) => g.slide.id.endsWith('-framework'));
    expect(frameworks.map((g) => g.slide.id)).toEqual(['s2-framework', 's3-framework', 's4-framework']);
    expect(frameworks.map((g) => g.graph.nodes[0]!.label)).toEqual(['施策1：保育の受け皿の拡大', '施策2：家庭への支援の強化', '施策3：地域の担い手の育成']);
    expect(frameworks[1]!.graph.nodes.map((n) => n.label)).toEqual(['施策2：家庭への支援の強化', '主な政策', '乳児のいるすべての家庭を、保健師が訪問する', '相談の予約を、夜間と休日にも受け付ける']);
  }, 30_000);
});

describe('check, in Chromium, on the decks these memos make', () => {
  it('passes, every diagram drawn with labels of at least 18 px', async () => {
    const decks = [path.join(SHAPES, 'numbered-measures'), await imported('findings/findings.md'), await imported('programme/programme.pdf')];
    for (const dir of decks) {
      const { code, stdout, stderr } = await runCli('check', dir, '--json');
      expect(code, `${dir}: ${stderr}`).toBe(0);
      const report = JSON.parse(stdout) as { diagnostics: unknown[]; slides: Array<{ id: string; minDiagramFontPx: number | null; diagrams: unknown[] }> };
      expect(report.diagnostics).toEqual([]);
      const drawn = report.slides.filter((s) => s.diagrams.length > 0);
      expect(drawn.length, dir).toBeGreaterThan(0);
      for (const s of drawn) expect(s.minDiagramFontPx, `${path.basename(dir)} #${s.id}`).toBeGreaterThanOrEqual(18);
    }
  }, 240_000);
});

function memoFrom(source: string): Memo {
  const result = parseMemo(source, 'memo.md');
  if (!result.memo) throw new Error(JSON.stringify(result.diagnostics));
  return result.memo;
}
