import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMemo } from '../src/parse/parse.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { BUNDLED_DECK, FIXTURES, readMemo } from './helpers.ts';

describe('parse: the bundled memo', () => {
  const memo = readMemo(BUNDLED_DECK);

  it('reads the front matter', () => {
    expect(memo.meta).toMatchObject({
      series: 'ポリシー・メモランダム',
      title: 'テクノ・ナショナリズムの時代における日米同盟',
      authors: ['ジェームス・L・ショフ', '森 聡'],
      publisher: '笹川平和財団',
      language: 'ja',
    });
  });

  it('finds the structure from the markers, with source lines', () => {
    expect(memo.sections.map((s) => s.role)).toEqual(['plain', 'plain', 'assessment', 'challenges', 'initiatives']);
    const assessment = memo.sections[2]!;
    expect(assessment.parts.map((p) => p.heading.text)).toEqual([
      '1． テクノロジーをめぐる競争の出現',
      '2． 技術的優位性のための競争の意義',
      '3． テクノロジーをめぐる競争の形態',
    ]);
    const source = readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8').split('\n');
    for (const part of assessment.parts) expect(source[part.heading.line - 1]).toContain(part.heading.text);
    expect(partsWithRole(memo, 'approach').map((p) => p.heading.id)).toEqual(['approach-1', 'approach-2', 'approach-3']);
    const initiatives = partsWithRole(memo, 'initiative');
    expect(initiatives.map((p) => listItems(p).length)).toEqual([3, 5, 6]);
    expect(initiatives.map((p) => p.serves)).toEqual([['approach-1'], ['approach-2'], ['approach-3']]);
  });

  it('keeps the three footnotes, the second with its URL once', () => {
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2', '3']);
    expect(memo.footnotes[1]!.links).toEqual(['https://carnegieendowment.org/2019/10/10/competing-with-china-on-technology-and-innovation-pub-80010']);
  });
});

describe('parse: sentences', () => {
  const parse = (body: string) => parseMemo(`---\ntitle: T\nlanguage: ja\n---\n\n## S\n\n${body}\n`, 'm.md');
  const sentences = (body: string) => {
    const block = parse(body).memo!.sections[0]!.blocks[0]!;
    return block.type === 'text' ? block.sentences.map((s) => s.text) : [];
  };

  it('splits at 。 but not inside brackets or quotes', () => {
    expect(sentences('彼は「戦いだ。」と表現した。次の文（括弧の中。）もある。最後')).toEqual([
      '彼は「戦いだ。」と表現した。',
      '次の文（括弧の中。）もある。',
      '最後',
    ]);
  });

  it('keeps a footnote reference with the sentence it follows', () => {
    const memo = parse('可能性がある。[^2]過去に、事実だ。\n\n[^2]: 注。').memo!;
    const block = memo.sections[0]!.blocks[0]!;
    expect(block.type === 'text' && block.sentences.map((s) => s.content)).toEqual([
      [{ type: 'text', text: '可能性がある。' }, { type: 'note', index: 0, label: '2' }],
      [{ type: 'text', text: '過去に、事実だ。' }],
    ]);
  });

  it('reads emphasis, code and links as typed runs; a sentence that ends inside emphasis keeps it on both sides', () => {
    const block = parse('An **important point. And its** *reason*, with `code` and [a link](https://example.org/).').memo!.sections[0]!.blocks[0]!;
    expect(block.type === 'text' && block.sentences).toEqual([
      { text: 'An important point.', content: [{ type: 'text', text: 'An ' }, { type: 'strong', children: [{ type: 'text', text: 'important point.' }] }] },
      {
        text: 'And its reason, with code and a link.',
        content: [
          { type: 'strong', children: [{ type: 'text', text: 'And its' }] },
          { type: 'text', text: ' ' },
          { type: 'emph', children: [{ type: 'text', text: 'reason' }] },
          { type: 'text', text: ', with ' },
          { type: 'code', text: 'code' },
          { type: 'text', text: ' and ' },
          { type: 'link', href: 'https://example.org/', children: [{ type: 'text', text: 'a link' }] },
          { type: 'text', text: '.' },
        ],
      },
    ]);
  });

  it('keeps markup written in the memo as text', () => {
    const heading = parse('x').memo!.sections[0]!.heading;
    expect(heading.content).toEqual([{ type: 'text', text: 'S' }]);
    const block = parse('<b onclick="x()">bold</b> text.').memo!.sections[0]!.blocks[0]!;
    expect(block.type === 'text' && block.sentences[0]!.content).toEqual([{ type: 'text', text: '<b onclick="x()">bold</b> text.' }]);
  });

  it('splits Latin sentences at a full stop after a word or number, not in "U.S."', () => {
    expect(sentences('The U.S. Science Institute met in 2019. It agreed. Done')).toEqual([
      'The U.S. Science Institute met in 2019.',
      'It agreed.',
      'Done',
    ]);
  });
});

describe('parse: bad input names the file and line', () => {
  const expected: Record<string, { code: string; line: number }> = {
    'front-matter-yaml.md': { code: 'front-matter-yaml', line: 3 },
    'front-matter-missing.md': { code: 'front-matter-missing', line: 1 },
    'no-title.md': { code: 'front-matter-missing', line: 2 },
    'unclosed-fence.md': { code: 'unclosed-fence', line: 10 },
    'unknown-marker.md': { code: 'unknown-marker', line: 6 },
    'unknown-approach.md': { code: 'unknown-approach', line: 8 },
    'content-before-section.md': { code: 'content-before-section', line: 6 },
    'heading-level.md': { code: 'heading-level', line: 6 },
    'no-sections.md': { code: 'no-sections', line: 6 },
  };
  const files = readdirSync(path.join(FIXTURES, 'bad')).filter((f) => f !== 'mermaid-syntax.md');

  it('has an expectation for every bad fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const file = path.join(FIXTURES, 'bad', name);
      const result = parseMemo(readFileSync(file, 'utf8'), file);
      expect(result.memo).toBeUndefined();
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: want.code, line: want.line, file }));
    });
  }

  it('rejects binary input', () => {
    const result = parseMemo('\u0000\u0001PK', 'x.md');
    expect(result.diagnostics[0]).toMatchObject({ code: 'binary-input', line: 1 });
  });
});

describe('parse: markers, image paths and alternative text read whole', () => {
  const memo = (body: string) => parseMemo(`---\ntitle: T\nlanguage: en\n---\n\n${body}\n`, 'm.md');
  const errors = (body: string) => memo(body).diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: d.line, code: d.code, message: d.message }));

  it('a marker that cannot be read — an open quote after an attribute, a doubled brace — is an error at its line', () => {
    const body = [
      '## Challenges {.challenges}', // 6
      '',
      '### The first approach {#approach-1 .approach}}', // 8
      '',
      'An approach.',
      '',
      '## Initiatives {.initiatives}', // 12
      '',
      '### Initiative 1: The first {serves="approach-1 .initiative}', // 14
      '',
      '- A recommendation.',
      '',
      '## Body {{.assessment}', // 18
      '',
      'Text.',
    ].join('\n');
    const found = errors(body).filter((e) => e.code === 'marker-unreadable');
    expect(found.map((e) => e.line)).toEqual([8, 14, 18]);
    expect(found[0]!.message).toContain('"{#approach-1 .approach}}"');
    expect(found[1]!.message).toMatch(/"\{serves="approach-1 \.initiative\}" cannot be read \(a quote \(".*never closed/);
    expect(found[2]!.message).toContain('"{{.assessment}"');
  });

  it('two markers on one heading: the one left in its text is an error', () => {
    expect(errors('## Body {.assessment} {#body}\n\nText.')).toContainEqual(expect.objectContaining({ line: 6, code: 'marker-unreadable' }));
  });

  it('braces that read as no marker ({a, b}: no #, . or name= after the brace) stay text, in a heading and a paragraph', () => {
    const result = memo('## Set {a, b}\n\nThe pair {x, y}\n\n## Braces {}\n\nText.');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [first, second] = result.memo!.sections;
    expect(first!.heading.text).toBe('Set {a, b}');
    expect(first!.blocks[0]).toMatchObject({ sentences: [{ text: 'The pair {x, y}' }] });
    expect(second!.heading.text).toBe('Braces {}');
  });

  it('a well-written marker is read, its text gone from the heading', () => {
    const result = memo('## Body { .assessment }\n\n### A part {#p1}\n\nText.');
    expect(result.memo!.sections[0]).toMatchObject({ role: 'assessment', heading: { text: 'Body' }, parts: [{ heading: { text: 'A part', id: 'p1' } }] });
  });

  it('an image path with a % that starts no escape is an error at its line, not a crash', () => {
    expect(errors('## A\n\nText.\n\n![broken](a%E0%A4.png)\n\n| a |\n| --- |\n| ![c](b%C3.png) |')).toEqual([
      expect.objectContaining({ line: 10, code: 'image-path-unreadable' }),
      expect.objectContaining({ line: 14, code: 'image-path-unreadable' }),
    ]);
  });

  it('a character reference to a control character in an image’s alternative text is an error at its line', () => {
    expect(errors('## A\n\nText.\n\n![alt &#12; text](ok.png)')).toEqual([expect.objectContaining({ line: 10, code: 'control-character' })]);
    expect(errors('## A ![x&#12;y](h.png)\n\nText.')).toEqual([expect.objectContaining({ line: 6, code: 'control-character' })]);
  });

  it('lists every image with its line, wherever it stands', () => {
    const result = memo('## Intro ![h](h.png)\n\nText ![p](p.png).\n\n| a | b |\n| --- | --- |\n| ![c](c.png) | x |\n\n- item ![l](l.png)\n\n> quote ![q](q.png)\n\nNote.[^1]\n\n[^1]: note ![n](n.png)\n\n![alone](alone.png)');
    expect(result.memo!.images).toEqual([
      { src: 'h.png', line: 6 },
      { src: 'p.png', line: 8 },
      { src: 'c.png', line: 12 },
      { src: 'l.png', line: 14 },
      { src: 'q.png', line: 16 },
      { src: 'alone.png', line: 22 },
      { src: 'n.png', line: 20 },
    ]);
  });
});
