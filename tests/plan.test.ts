import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineText } from '../src/model/content.ts';
import { frameworkDiagram, initiativeDiagram } from '../src/plan/diagrams.ts';
import { mermaidSource, mermaidText } from '../src/diagrams/mermaid.ts';
import { missingSentences, slidesText } from '../src/model/fidelity.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { planDeck } from '../src/plan/plan.ts';
import { readDeckConfig } from '../src/config/deck-config.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { leadLabel, splitTitle, wrapPhrases } from '../src/model/text.ts';
import { loadStrings, loadTheme } from '../src/model/theme.ts';
import { renderSlides } from '../src/render/render.ts';
import type { Diagram, Memo, Slide, TextBlock } from '../src/model/types.ts';
import { importBytes } from '../src/import/import.ts';
import { BUNDLED_DECK, FIXTURES, ROOT, readMemo } from './helpers.ts';

const plan = (memo: Memo) => planDeck(memo, { theme: loadTheme(), strings: loadStrings(memo.meta.language) });
const itemsOf = (slides: Slide[]) => slides.flatMap((s) => s.items);
const textOf = (slides: Slide[]) => itemsOf(slides).map((i) => inlineText(i.content));
const notesOf = (slides: Slide[]) => slides.flatMap((s) => s.notes.map((n) => inlineText(n))).join('');
const mermaid = (d: Diagram) => mermaidSource(d, loadTheme(), 'ja');

describe('plan: the bundled memo', () => {
  const memo = readMemo(BUNDLED_DECK);
  // As the build plans it: with the deck's editorial labels (deck.yaml).
  const slides = planDeck(memo, { theme: loadTheme(), strings: loadStrings('ja'), labelFor: readDeckConfig(deckAt(BUNDLED_DECK), []).labelFor });

  it('opens with a title slide and an agenda linking to every section, and closes', () => {
    expect(slides[0]).toMatchObject({ kind: 'title', title: [{ type: 'text', text: 'テクノ・ナショナリズムの時代における日米同盟' }], kicker: [{ type: 'text', text: 'ポリシー・メモランダム' }] });
    expect(slides[0]!.byline[0]).toContain('ジェームス・L・ショフ');
    const agenda = slides.filter((s) => s.kind === 'agenda');
    const targets = itemsOf(agenda).map((i) => i.href);
    expect(targets).toHaveLength(memo.sections.length);
    for (const id of targets) expect(slides.some((s) => s.id === id)).toBe(true);
    expect(slides.at(-1)!.kind).toBe('closing');
  });

  it('gives every slide a unique id and a source line', () => {
    const ids = slides.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of slides) expect(s.source.line).toBeGreaterThan(0);
  });

  it('shows each assessment point as its first sentence, the rest in the notes', () => {
    const part1 = slides.filter((s) => inlineText(s.title) === '1． テクノロジーをめぐる競争の出現');
    expect(part1.length).toBeGreaterThan(0);
    expect(textOf(part1)).toEqual(['大国間競争が、第四次産業革命と並行して発生した。', '先進テクノロジーを産業・軍事利用する競争が加速している。']);
    const notes = notesOf(part1);
    expect(notes).toContain('人工知能、ビッグデータ、ロボット工学');
    expect(notes).toContain('ペンス副大統領は「21 世紀の経済の管制高地をめぐる戦いだ」と表現した。');
  });

  it('keeps a list with sub-items that fits on one slide as it is: an entry and its sub-items', () => {
    const forms = slides.filter((s) => inlineText(s.title) === '3． テクノロジーをめぐる競争の形態');
    expect(forms).toHaveLength(1);
    expect(forms[0]!.layout).toBe('list');
    expect(forms[0]!.items.map((i) => [i.style, i.level])).toEqual([['bullet', 0], ['bullet', 1], ['bullet', 1], ['bullet', 1]]);
  });

  it('shows all recommendations of each initiative (3, 5, 6), never cut', () => {
    for (const [i, initiative] of partsWithRole(memo, 'initiative').entries()) {
      const own = slides.filter((s) => s.kind === 'initiative' && s.source.line >= initiative.heading.line && s.id.startsWith(`s5-${i + 1}`));
      expect(itemsOf(own).map((x) => x.content)).toEqual(listItems(initiative).map((b) => b.sentences[0]!.content));
    }
    expect(slides.filter((s) => s.kind === 'initiative').flatMap((s) => s.items)).toHaveLength(14);
  });

  it('puts every sentence of the memo on a slide or in its notes', () => {
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
  });

  it('draws the framework and one diagram per initiative', () => {
    const diagrams = slides.filter((s) => s.diagram);
    expect(diagrams).toHaveLength(4);
    // The framework: each approach (one node with its initiative of the same name) heading a
    // column of what its initiative recommends.
    const graph = diagrams[0]!.diagram!.diagram;
    if (graph.type !== 'graph') throw new Error('the framework is a planned graph');
    expect(graph.arrange).toBe('columns');
    expect(graph.nodes.filter((n) => n.style === 'primary').map((n) => n.label)).toEqual(['アクセス制限', '共同イノベーション', '第三国への関与']);
    expect(graph.nodes.filter((n) => n.style === 'plain')).toHaveLength(14);
    const framework = mermaid(graph);
    expect(framework).toMatch(/^%%\{init: .*\}%%\nflowchart TB/);
    expect(framework.match(/アクセス制限/g)).toHaveLength(1);
  });

  it('has footnotes and sources slides with working links', () => {
    const footnotes = slides.find((s) => s.id === 'footnotes')!;
    expect(footnotes.items).toHaveLength(3);
    const sources = slides.find((s) => s.id === 'sources')!;
    const url = 'https://carnegieendowment.org/2019/10/10/competing-with-china-on-technology-and-innovation-pub-80010';
    expect(sources.items.map((i) => i.content)).toContainEqual([{ type: 'link', href: url, children: [{ type: 'text', text: url }] }]);
  });

  it('links each footnote reference to the slide its footnote is on, when the list goes on over slides', () => {
    const paged = planDeck(memo, { theme: loadTheme(), strings: loadStrings('ja'), limits: { fill: 0.3, maxBodyChars: 400 } });
    const html = renderSlides(paged, { svg: () => '' });
    const refs = [...html.matchAll(/<sup class="footnote-ref"><a href="#\/([^"]+)">([^<]+)<\/a><\/sup>/g)];
    expect(new Set(refs.map((r) => r[2]))).toEqual(new Set(['1', '2', '3']));
    expect(new Set(refs.map((r) => r[1])).size).toBeGreaterThan(1);
    for (const [, target, label] of refs) {
      const slide = paged.find((s) => s.id === target);
      expect(slide?.kind).toBe('footnotes');
      expect(slide!.items.map((i) => i.footnote?.label)).toContain(label);
    }
  });
});

describe('plan: a memo of another shape', () => {
  const memo = readMemo(path.join(FIXTURES, 'decks/city-water-memo'));
  const slides = plan(memo);

  it('builds a sensible deck with no code change', () => {
    expect(slides.map((s) => s.kind)).toEqual([
      'title', 'agenda', 'content', 'divider', 'content', 'content', 'diagram', 'content', 'content', 'content',
      'diagram', 'initiative', 'diagram', 'initiative', 'diagram', 'closing',
    ]);
    const fence = slides.find((s) => s.diagram?.diagram.type === 'mermaid')!;
    expect(fence).toMatchObject({ title: [{ type: 'text', text: 'B. Who pays' }], diagram: { diagram: { codeLine: 26 } } });
    expect(slides.some((s) => s.id === 'sources')).toBe(false);
    expect(slides.at(-1)!.items[0]!.content).toEqual([{ type: 'link', href: 'https://example.org/briefs/water-7.pdf', children: [{ type: 'text', text: 'https://example.org/briefs/water-7.pdf' }] }]);
    expect(slides.filter((s) => s.kind === 'initiative').map((s) => s.items.length)).toEqual([2, 2]);
    expect(inlineText(slides.find((s) => s.kind === 'initiative')!.title)).toBe('Programme 1');
    expect(slides.some((s) => s.kind === 'footnotes' && s.id === 'footnotes')).toBe(false);
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
    const framework = mermaid(slides.find((s) => s.id.endsWith('-framework'))!.diagram!.diagram);
    expect(framework).toContain('A1 --> I1');
    expect(framework).toContain('A2 --> I2');
    expect(framework).toContain('A1 --> I2');
  });

  it('a lead under the memo\'s own title (an article\'s opening) opens the deck: the agenda and the numbers start after it', async () => {
    const file = path.join(ROOT, 'tests/corpus/18f-ai-basics/forms/word-pandoc.docx');
    const { markdown } = await importBytes(readFileSync(file), { file });
    const memo = readMemoFrom(markdown!);
    expect(memo.sections[0]!.heading.text).toBe(memo.meta.title);
    const deck = plan(memo);
    const agenda = deck.filter((s) => s.kind === 'agenda').flatMap((s) => s.items);
    expect(agenda.map((i) => `${i.marker} ${inlineText(i.content)}`)).toEqual(memo.sections.slice(1).map((s, k) => `0${k + 1} ${s.heading.text}`));
    const numbered = deck.filter((s) => s.kind === 'divider' && s.number);
    expect(numbered.length).toBeGreaterThan(0);
    for (const divider of numbered) expect(agenda.find((i) => i.marker === divider.number)!.content).toEqual(divider.title);
    expect(missingSentences(memo, slidesText(deck))).toEqual([]);
  });
});

describe('plan: long content continues on further slides', () => {
  it('spreads many long recommendations over several slides, keeping every one', () => {
    const items = Array.from({ length: 12 }, (_, i) => `- 提言${i + 1}は、${'長い説明の文章が続きます、'.repeat(6)}ということである。`).join('\n');
    const source = `---\ntitle: T\nlanguage: ja\n---\n\n## 提言 {.initiatives}\n\n### イニシアチブ：長いもの {.initiative}\n\n${items}\n`;
    const memo = readMemoFrom(source);
    const slides = plan(memo).filter((s) => s.kind === 'initiative');
    expect(slides.length).toBeGreaterThan(2);
    expect(itemsOf(slides)).toHaveLength(12);
    expect(inlineText(slides[1]!.title)).toContain('（続き）');
    expect(slides[1]!.page).toEqual({ index: 2, count: slides.length });
  });

  it('a section opener whose parts do not fit at the deck\'s least type continues on a second opener, the parts shared evenly, each under the number', () => {
    const memo = readMemo(path.join(FIXTURES, 'shapes/long-parts-ja'));
    const openers = plan(memo).filter((s) => s.kind === 'divider');
    expect(openers.map((s) => s.items.length)).toEqual([4, 3]);
    expect(openers.map((s) => s.layout)).toEqual(['section', 'section']);
    expect(openers.map((s) => s.number)).toEqual(['01', '01']);
    expect(inlineText(openers[1]!.title)).toBe('ステップ１「デジタル時代の当たり前をやりきる」（続き）');
    expect(openers.flatMap((s) => s.items.map((i) => inlineText(i.content)))).toEqual(memo.sections[0]!.parts.map((p) => p.heading.text));
    // Three long initiatives (the ASI memo's, without its markers) stay on one opener, in smaller type.
    const asi = plan(readMemoFrom(readFileSync(path.join(ROOT, 'tests/corpus/asi-memo-4/source.md'), 'utf8'))).filter((s) => s.kind === 'divider');
    expect(asi.map((s) => s.items.length)).toEqual([3, 3]);
  });

  it('a section opener over the section\'s own text: each a slide of its own id (one id for both fitted the opener at the text\'s size, off the slide)', () => {
    const source = readFileSync(path.join(FIXTURES, 'shapes/long-parts-ja/memo.md'), 'utf8').replace('{.assessment}\n', '{.assessment}\n\n本章では以下の施策を示します。\n');
    const slides = plan(readMemoFrom(source));
    expect(new Set(slides.map((s) => s.id)).size).toBe(slides.length);
    expect(slides.filter((s) => s.section === 's1').slice(0, 3).map((s) => [s.id, s.layout])).toEqual([['s1', 'section'], ['s1-p2', 'section'], ['s1-intro', 'statement']]);
  });

  it('a label over entries that lead slides of their own ("現状認識・課題分析") is the first one\'s statement, not a slide saying only it', () => {
    const entry = (n: number) => `- 論点${n}として、制度の運用に関わる課題があります\n${[1, 2, 3].map((k) => `  - 補足${n}-${k}として、${'具体的な事情の説明が続きます、'.repeat(5)}という状況です。`).join('\n')}`;
    const source = `---\ntitle: T\nlanguage: ja\n---\n\n## 施策\n\n### １）手続きを簡単にします\n\n現状認識・課題分析\n\n${[1, 2, 3].map(entry).join('\n')}\n`;
    const memo = readMemoFrom(source);
    const slides = plan(memo).filter((s) => s.kind === 'content');
    expect(slides.some((s) => s.items.length === 1 && inlineText(s.items[0]!.content) === '現状認識・課題分析')).toBe(false);
    expect(slides.length).toBeGreaterThan(2);
    expect(inlineText(slides[0]!.subtitle!)).toBe('現状認識・課題分析');
    expect(slides.slice(1).every((s) => s.subtitle === undefined)).toBe(true);
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
  });

  it('an English title is marked as continued after a space ("Defining AI (continued)"), a Japanese one without', () => {
    const paragraphs = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} explains ${'one more aspect of the matter at some length, '.repeat(3)}and ends here.`).join('\n\n');
    const slides = plan(readMemoFrom(`---\ntitle: T\nlanguage: en\n---\n\n## Defining AI\n\n${paragraphs}\n`));
    const titles = slides.map((s) => inlineText(s.title)).filter((t) => t.startsWith('Defining AI'));
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.slice(1).every((t) => t === 'Defining AI (continued)')).toBe(true);
  });
});

describe('plan: a list of entries with sub-lists, too long for one slide (the team-mirai chapters, from Word)', () => {
  /** A corpus document as the importer makes it of its Word file (pandoc's). */
  async function corpusMemo(doc: string): Promise<Memo> {
    const file = path.join(ROOT, 'tests/corpus', doc, 'forms/word-pandoc.docx');
    const { markdown } = await importBytes(readFileSync(file), { file });
    return readMemoFrom(markdown!);
  }
  const entriesWithSubItems = (memo: Memo) =>
    memo.sections.flatMap((s) => [...s.blocks, ...s.parts.flatMap((p) => p.blocks)]).filter((b): b is TextBlock => b.type === 'text' && b.children.length > 0);
  /** The slides an entry leads: its first sentence first, as the lead line. */
  const ledBy = (slides: Slide[], entry: TextBlock) => slides.filter((s) => s.items[0]?.style === 'plain' && s.items[0].source?.line === entry.line);

  it('gives each entry with sub-items slides of its own: the entry as the lead line, its sub-items the points under it', async () => {
    const memo = await corpusMemo('mirai-17-iryo');
    const slides = plan(memo);
    const entries = entriesWithSubItems(memo);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      const own = ledBy(slides, entry);
      expect(own.length, entry.sentences[0]!.text).toBeGreaterThan(0);
      for (const s of own) {
        expect(s.items[0]!.content).toEqual(entry.sentences[0]!.content);
        expect(['points', 'list']).toContain(s.layout);
        expect(s.items.slice(1).every((i) => i.style === 'bullet' && i.level === 0)).toBe(true);
      }
      expect(own.flatMap((s) => s.items.slice(1).map((i) => i.content))).toEqual(entry.children.map((c) => c.sentences[0]!.content));
    }
    expect(new Set(slides.map((s) => s.id)).size).toBe(slides.length);
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
  });

  it('continues a lead whose points do not fit on a next slide under the lead again, the points shared evenly', async () => {
    const memo = await corpusMemo('mirai-40-100days');
    const slides = plan(memo);
    const longest = entriesWithSubItems(memo).sort((a, b) => b.children.length - a.children.length)[0]!;
    expect(longest.children.length).toBeGreaterThan(8);
    // The memo is one section named as the deck: a short lead is each slide's title, the section above it.
    const lead = inlineText(longest.sentences[0]!.content);
    const own = slides.filter((s) => inlineText(s.title).startsWith(lead));
    expect(own.length).toBeGreaterThan(1);
    expect(ledBy(slides, longest)).toEqual([]);
    expect(inlineText(own[0]!.title)).toBe(lead);
    expect(inlineText(own[0]!.kicker!)).toBe(memo.meta.title);
    own.slice(1).forEach((s, k) => {
      expect(inlineText(s.title)).toBe(`${lead}（続き）`);
      expect(s.page).toEqual({ index: k + 2, count: own.length });
    });
    const counts = own.map((s) => s.items.length);
    expect(Math.max(...counts) - Math.min(...counts), counts.join(' ')).toBeLessThanOrEqual(2);
    expect(Math.min(...counts)).toBeGreaterThan(1);
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
  });
});

describe('plan: tables', () => {
  it('shows a table on a slide of its own; a long one continues on further slides, each with its header row, every cell said', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| 地域${i + 1} | ${100 + i}億円 | 前年より少し増えた |`).join('\n');
    const memo = readMemoFrom(`---\ntitle: T\nlanguage: ja\n---\n\n## 予算\n\n| 地域 | 金額 | 備考 |\n| --- | ---: | --- |\n${rows}\n`);
    const tables = plan(memo).filter((s) => s.table);
    expect(tables.length).toBeGreaterThan(1);
    for (const s of tables) {
      expect(s.layout).toBe('table');
      expect(s.table!.header.map((c) => inlineText(c))).toEqual(['地域', '金額', '備考']);
      expect(s.table!.align).toEqual([null, 'right', null]);
    }
    expect(tables.flatMap((s) => s.table!.rows.map((r) => inlineText(r.cells[0]!)))).toEqual(Array.from({ length: 30 }, (_, i) => `地域${i + 1}`));
    expect(tables[0]!.table!.rows[0]!.line).toBe(10);
    expect(inlineText(tables[1]!.title)).toContain('（続き）');
    expect(missingSentences(memo, slidesText(plan(memo)))).toEqual([]);
  });
});

describe('diagram text', () => {
  it('wraps Japanese labels between phrases, never inside a word', () => {
    expect(wrapPhrases('持続的協力のための維持', 'ja', 6)).toEqual(['持続的協力の', 'ための維持']);
    expect(wrapPhrases('イニシアチブ１：アクセス制限', 'ja', 9)).toEqual(['イニシアチブ１：', 'アクセス制限']);
  });

  it('labels with the memo’s words: the sentence wrapped whole when it fits, else its opening up to a clause boundary, never cut inside a word nor marked with "…"', () => {
    expect(leadLabel('短い提言。', 'ja', 14, 3)).toBe('短い提言');
    expect(leadLabel('外資規制についても同様に協力し、外国人投資家の審査にかかわる防諜活動の分野において二国間の情報交換を強化する。', 'ja', 20, 3)).toBe('外資規制についても同様に協力し、外国人投資家の審査にかかわる防諜活動の分野において二国間の情報交換を強化する');
    expect(leadLabel('外資規制についても同様に協力し、外国人投資家の審査にかかわる防諜活動の分野において二国間の情報交換を強化する。', 'ja', 14, 2)).toBe('外資規制についても同様に協力し');
    expect(leadLabel('Keep a public log of every revision, with its size and its cause, and publish it every month on the front page.', 'en', 17, 3)).toBe('Keep a public log of every revision, with its size and its cause');
  });

  it('splits a "name－statement" heading', () => {
    expect(splitTitle('イニシアチブ１：アクセス制限－重要技術の輸出管理体制を更新する。')).toEqual({ title: 'イニシアチブ１：アクセス制限', subtitle: '重要技術の輸出管理体制を更新する。' });
    expect(splitTitle('Plain heading')).toEqual({ title: 'Plain heading' });
  });

  it('escapes memo text so it cannot become Mermaid syntax or markup', () => {
    expect(mermaidText('a "quote" <b> & #1;')).toBe('a #34;quote#34; #60;b#62; #38; #35;1;');
  });

  it('changes the initiative diagram when a recommendation is added', () => {
    const memo = readMemo(BUNDLED_DECK);
    const initiative = partsWithRole(memo, 'initiative')[0]!;
    const ctx = { language: 'ja', theme: loadTheme(), labelFor: () => undefined };
    const before = mermaid(initiativeDiagram(initiative, listItems(initiative), ctx)!);
    const extra = { ...listItems(initiative)[0]!, sentences: [{ content: [{ type: 'text' as const, text: '新しい提言を加える。' }], text: '新しい提言を加える。' }] };
    const after = mermaid(initiativeDiagram(initiative, [...listItems(initiative), extra], ctx)!);
    expect(before).not.toContain('N5');
    expect(after).toContain('N5["新しい提言を加える"]');
    expect(after).toContain('N1 --> N5');
    const section = memo.sections.find((s) => s.parts.includes(initiative))!;
    expect(mermaid(frameworkDiagram({ ...section, parts: [initiative] }, [], ctx)!.diagram)).toContain('N1 --> N2');
  });
});

function readMemoFrom(source: string): Memo {
  const result = parseMemo(source, 'memo.md');
  if (!result.memo) throw new Error(JSON.stringify(result.diagnostics));
  return result.memo;
}

describe('render', () => {
  it('renders a slide as a Reveal section with its notes, escaping every text of the plan', () => {
    const diagram: Diagram = { type: 'mermaid', code: 'flowchart LR\n A-->B', codeLine: 4 };
    const html = renderSlides(
      [
        {
          id: 'x"y',
          kind: 'diagram',
          layout: 'diagram',
          section: 's1',
          title: [{ type: 'text', text: 'T <b>' }],
          byline: [],
          items: [
            { content: [{ type: 'text', text: 'A' }], style: 'bullet', level: 0, href: 'agenda' },
            { content: [{ type: 'emph', children: [{ type: 'text', text: 'B' }] }, { type: 'note', index: 0, label: '1' }], style: 'bullet', level: 1 },
          ],
          notes: [[{ type: 'strong', children: [{ type: 'text', text: 'note' }] }, { type: 'link', href: 'https://example.org/?a=1&b=2', children: [{ type: 'text', text: 'x' }] }]],
          diagram: { diagram, label: 'Label "quoted"', source: { file: 'm.md', line: 3 } },
          source: { file: 'm.md', line: 3 },
        },
      ],
      { svg: (spec) => (spec.diagram === diagram ? '<svg></svg>' : '') },
    );
    expect(html).toContain('<section id="x&quot;y" class="bd-slide bd-kind-diagram bd-layout-diagram" data-source-line="3" data-section="s1">');
    expect(html).toContain('<h2 class="bd-title">T &lt;b&gt;</h2>');
    expect(html).toContain('<ul class="bd-items"><li><a href="#/agenda">A</a><ul><li><em>B</em><sup class="footnote-ref"><a href="#/footnotes">1</a></sup></li></ul></li></ul>');
    expect(html).toContain('<figure class="bd-diagram" role="img" aria-label="Label &quot;quoted&quot;"><svg></svg></figure>');
    expect(html).toContain('<aside class="notes"><p><strong>note</strong><a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">x</a></p></aside></section>');
  });
});
