// Importing a memo reposted on the web: a blog post, a news page, a document-sharing page (their
// HTML, and their text as a browser copies it), made by tests/fixtures/import/web/make-web.ts.
// The memo's title block goes to the front matter; its end mark ends it; its notes become
// footnotes in any numbering; the site around it (and inside the page's <article>) is dropped,
// every line listed with its reason; nothing of the memo is lost.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, importMemo, type ImportOptions, type ImportResult } from '../src/import/import.ts';
import { normalize } from '../src/model/fidelity.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { BUNDLED_DECK, FIXTURES } from './helpers.ts';
import { WATER_FOOTNOTES, WATER_MEMO, ENGLISH_FOOTNOTES, ENGLISH_MEMO, asPdfText } from './fixtures/import/water.ts';
import { looksLikeWebText } from '../src/import/web-page.ts';

const WEB = path.join(FIXTURES, 'import/web');
const bundledSource = readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8');
/** A memo source without its front matter. */
const body = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
const TITLE = 'テクノ・ナショナリズムの時代における日米同盟';

async function importFile(name: string, options: Partial<ImportOptions> = {}): Promise<ImportResult & { input: string }> {
  const bytes = readFileSync(path.join(WEB, name));
  const result = await importBytes(new Uint8Array(bytes), { file: name, ...options });
  return { ...result, input: bytes.toString('utf8') };
}

/** Every line of a pasted page is in the memo source, in the title block, or dropped with a reason. */
function everyLineAccounted(input: string, result: ImportResult): void {
  const written = normalize(result.markdown!);
  const report = result.report!;
  const listed = new Set([...report.dropped.map((d) => d.line), ...report.titleBlock.map((t) => t.line)]);
  input.split('\n').forEach((text, i) => {
    if (text.trim() === '' || listed.has(i + 1)) return;
    // A note is written without its number, a reference as [^n]: the line's start is enough to find it.
    const plain = normalize(text.replace(/^\s*(?:[[(（]?\d+[\])）.]?|[※*]\d+|注\d+)\s*/u, '')).slice(0, 12);
    expect(written, `line ${i + 1}: ${text}`).toContain(plain);
  });
  for (const d of report.dropped) expect(d.why, d.text).toMatch(/\S/);
}

function expectBundledMemo(result: ImportResult, date: string): void {
  expect(result.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
  const report = result.report!;
  expect(report.missing).toEqual([]);
  expect(report.repeated).toEqual([]);
  expect(report.placed).toBe(report.body);
  const memo = parseMemo(result.markdown!, 'memo.md').memo!;
  expect(memo.meta).toMatchObject({ title: TITLE, authors: ['ジェームス・L・ショフ', '森 聡'], series: 'ポリシー・メモランダム #4', date });
  expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2', '3']);
  expect(memo.footnotes[2]!.sentences.map((s) => s.text).join('')).toBe('同上');
  expect(memo.sections.map((s) => s.heading.text)).toEqual(parseMemo(bundledSource, 'memo.md').memo!.sections.map((s) => s.heading.text));
}

const BLOG_SITE = ['noteblog', '検索', 'ログイン', '会員登録', 'クッキー', '同意する', 'SPF政策研究', 'フォロー', '10:00', '（了）', '#日米同盟', 'スキ', 'シェア', '笹川平和財団の政策研究の記事', '0コメント', '1000 / 1000', 'コメントを書く', 'おすすめ記事', 'インド太平洋の経済安全保障', 'サプライチェーンと同盟', '© noteblog'];

describe('a blog post reposting the bundled memo', () => {
  it('its HTML: the title block above the article to the front matter, the notes after （了） as footnotes, the site dropped — the bundled memo, byte for byte', async () => {
    const result = await importFile('blog.html');
    expectBundledMemo(result, '2020年12月1日');
    expect(body(result.markdown!)).toBe(body(bundledSource));
    for (const site of BLOG_SITE) expect(body(result.markdown!), site).not.toContain(site);
    const why = (text: string) => result.report!.dropped.find((d) => d.text.includes(text))?.why;
    expect(why('（了）')).toBe('end mark');
    expect(why('1000 / 1000')).toMatch(/^comments/);
    expect(why('#日米同盟')).toMatch(/^hashtags/);
    expect(why('SPF政策研究')).toMatch(/^follow line/);
    expect(why('10:00')).toMatch(/^time of posting/);
    expect(result.report!.titleBlock.map((t) => t.field)).toEqual(['title', 'date', 'series', 'authors']);
  });

  it('its text as a browser copies it: the same memo; every line placed, in the title block, or dropped with what it is', async () => {
    const result = await importFile('blog.txt');
    expect(result.report!.format).toBe('web-text');
    expectBundledMemo(result, '2020年12月1日');
    everyLineAccounted(result.input, result);
    const md = body(result.markdown!);
    for (const site of BLOG_SITE) expect(md, site).not.toContain(site);
    const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
    expect(why).toMatchObject({
      '（了）': 'end mark',
      '0コメント': 'comment counter (site text)',
      '1000 / 1000': 'character counter (site text)',
      'スキ12': 'like counter (site text)',
      'シェア': 'share line (site text)',
      'コメントを書く': 'comment form (site text)',
      'おすすめ記事': 'related posts (site text)',
      'インド太平洋の経済安全保障': 'after the memo, a related post (site text)',
      'SPF政策研究 フォロー': 'follow line (site text)',
      '笹川平和財団の政策研究の記事を掲載しています。': 'after the memo, a profile (site text)',
      'noteblog': 'before the memo (site text)',
    });
    // The references stay where the numbers stood, one mid-paragraph.
    expect(md).toContain('競争だとの見方が広がっている。[^1]');
    expect(md).toContain('小さくなる可能性がある。[^2]過去に');
  });
});

describe('the blog post with its notes as a numbered list after （了）', () => {
  it('as HTML (an <ol>) and as its copy (the numbers lost): the list is the notes, as many lines as the text references', () => {
    const html = readFileSync(path.join(WEB, 'blog.html'), 'utf8').replace(/<p>1 ([^<]*)<\/p>\n<p>2 ([^<]*)<\/p>\n<p>3 ([^<]*)<\/p>/, '<ol><li>$1</li><li>$2</li><li>$3</li></ol>');
    expect(html).toContain('<ol><li>日本では');
    const text = readFileSync(path.join(WEB, 'blog.txt'), 'utf8').replace(/^([123]) /gm, '');
    const fromHtml = importMemo(html, { file: 'blog.html' });
    expect(fromHtml.diagnostics).toEqual([]);
    expect(body(fromHtml.markdown!)).toBe(body(bundledSource));
    // A copy loses the list's nesting too: the same notes and references, every sentence placed.
    const fromText = importMemo(text, { file: 'blog.txt' });
    expect(fromText.diagnostics).toEqual([]);
    expect(fromText.report!.missing).toEqual([]);
    const memo = parseMemo(fromText.markdown!, 'memo.md').memo!;
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2', '3']);
    expect(fromText.markdown).toContain('小さくなる可能性がある。[^2]過去に');
  });
});

describe('a document-sharing page of the bundled memo', () => {
  it('its HTML: series, title, authors and date above the viewer; the toolbar, counters and uploader dropped; <aside> notes linked by [1]', async () => {
    const result = await importFile('docshare.html');
    expectBundledMemo(result, '2020年12月');
    expect(body(result.markdown!)).toBe(body(bundledSource));
    expect(result.markdown).not.toMatch(/publisher|ASI事務局|DocShelf|ダウンロード|コピーしました|読み込み中|閲覧数|ページ\n/);
    expect(result.report!.dropped.map((d) => d.text).join('\n')).toMatch(/ASI事務局[\s\S]*ダウンロード[\s\S]*読み込み中…/);
  });

  it('its text as a browser copies it: the same memo, the run-together buttons named', async () => {
    const result = await importFile('docshare.txt');
    expectBundledMemo(result, '2020年12月');
    everyLineAccounted(result.input, result);
    const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
    expect(why).toMatchObject({
      'DocShelfログイン': 'sign-in line (site text)',
      'ASI事務局 フォロー': 'follow line (site text)',
      '閲覧数 1,234': 'view counter (site text)',
      'ダウンロード埋め込み共有コピーしました': 'document toolbar (site text)',
      '読み込み中…': 'loading notice (site text)',
      '1 / 7 ページ': 'page counter (site text)',
      '関連資料': 'related posts (site text)',
    });
  });
});

describe('a news page with an English memo', () => {
  const expectNews = (result: ImportResult) => {
    const report = result.report!;
    expect(report.missing).toEqual([]);
    expect(report.placed).toBe(report.body);
    const memo = parseMemo(result.markdown!, 'memo.md').memo!;
    expect(memo.meta).toMatchObject({ title: "Fixing the city's water mains: a policy memo", authors: ['Maria Lopez', 'Tom Becker'], date: 'May 2, 2024', language: 'en' });
    expect(memo.sections.map((s) => s.heading.text)).toEqual(['Introduction', 'Assessment', 'Challenges for the council', 'Programmes']);
    expect(memo.footnotes.map((f) => f.sentences.map((s) => s.text).join(' '))).toEqual(['City water utility, Asset register, 2024. https://example.org/assets/2024', 'Council budget papers, 2023.']);
    const md = body(result.markdown!);
    expect(md).toContain('many have passed it.[^1]');
    expect(md).toContain('over the same period.[^2]');
    for (const site of ['cookies', 'Accept all', 'The Civic Ledger', 'Share', 'Notes', 'newsletter', 'Sign up', 'Related', 'Council approves budget', 'comments', 'Great read', 'Leave a comment', '©', 'Privacy']) expect(md, site).not.toContain(site);
  };

  it('its HTML: byline and <time> in the article’s header; share bar, newsletter box, related stories and comments inside the <article> dropped, named; notes under "Notes" with unlinked <sup> references', async () => {
    const result = await importFile('news.html');
    expectNews(result);
    const why = (text: string) => result.report!.dropped.find((d) => d.text.includes(text))?.why;
    expect(why('ShareTwitter')).toBe('share buttons (site text in the article)');
    expect(why('newsletter')).toBe('newsletter box (site text in the article)');
    expect(why('Leak season')).toBe('related posts (site text in the article)');
    expect(why('Great read')).toBe('comments (site text in the article)');
    expect(why('Notes')).toBe('heading of the notes');
  });

  it('its text as a browser copies it (the notes lose their numbers): the same memo', async () => {
    // The format is given: the paste's many short lines read as PDF text to the format's guess (see the report).
    const result = await importFile('news.txt', { format: 'web-text' });
    expectNews(result);
    everyLineAccounted(result.input, result);
  });
});

/** The water memo pasted from a blog: title block, end mark, notes in `style`, the site after. */
function pasted(note: (label: string, text: string) => string, ref: (label: string) => string, end = '（了）'): string {
  const lines = WATER_MEMO.map((l) => l.text.replace(/。([12])$/u, (_, n: string) => `。${ref(n)}`));
  return [
    'ホーム', 'ログイン', '水道網の更新に関する政策メモ', '市政研究室', 'フォロー', '2024年3月1日 09:30', '3分で読める', '政策メモ 第12号', '山田 花子、佐藤 一郎',
    ...lines, end, ...WATER_FOOTNOTES.map((f) => note(f.label, f.text)),
    '市政研究室', '地方行政と公共インフラを研究しています。', 'フォロー', '0コメント', '1000 / 1000', '12 いいね', 'コメントを書く', 'ログインしてコメントする', '関連記事', '下水道の老朽化',
  ].join('\n\n');
}

describe('pasted web text: the notes after the end mark in every common numbering', () => {
  const styles: Array<[string, (l: string, t: string) => string, (l: string) => string]> = [
    ['1 text', (l, t) => `${l} ${t}`, (l) => l],
    ['1. text', (l, t) => `${l}. ${t}`, (l) => l],
    ['(1) text', (l, t) => `(${l}) ${t}`, (l) => `(${l})`],
    ['[1] text', (l, t) => `[${l}] ${t}`, (l) => `[${l}]`],
    ['※1 text', (l, t) => `※${l} ${t}`, (l) => `※${l}`],
    ['*1 text', (l, t) => `*${l} ${t}`, (l) => `*${l}`],
    ['注1 text', (l, t) => `注${l} ${t}`, (l) => `（注${l}）`],
  ];
  for (const [name, note, ref] of styles) {
    it(`${name}: footnotes, linked from the text; the title block in the front matter; the site after them dropped`, () => {
      const input = pasted(note, ref);
      const result = importMemo(input, { file: 'paste.txt', format: 'web-text' });
      const memo = parseMemo(result.markdown!, 'memo.md').memo!;
      expect(memo.meta).toMatchObject({ title: '水道網の更新に関する政策メモ', authors: ['山田 花子', '佐藤 一郎'], date: '2024年3月1日', series: '政策メモ 第12号' });
      expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2']);
      expect(memo.footnotes[0]!.sentences.map((s) => s.text).join('')).toBe(WATER_FOOTNOTES[0]!.text);
      expect(memo.footnotes[1]!.links).toEqual(['https://example.org/budget/2023']);
      expect(result.markdown).toContain('その多くを既に超えている。[^1]');
      expect(result.markdown).toContain('40％減少した。[^2]');
      expect(result.report!.missing).toEqual([]);
      everyLineAccounted(input, result);
      const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
      expect(why).toMatchObject({
        '（了）': 'end mark',
        '市政研究室': 'after the memo, a profile (site text)',
        '0コメント': 'comment counter (site text)',
        '1000 / 1000': 'character counter (site text)',
        '12 いいね': 'like counter (site text)',
        'コメントを書く': 'comment form (site text)',
        'ログインしてコメントする': 'sign-in line (site text)',
        '関連記事': 'related posts (site text)',
        '下水道の老朽化': 'after the memo, a related post (site text)',
        '3分で読める': 'reading time (site text)',
        '09:30': 'time of posting (site text)',
        'ホーム': 'navigation (site text)',
      });
      for (const site of ['市政研究室', 'フォロー', 'コメント', 'いいね', '1000', '関連記事', '下水道の老朽化', 'ログイン', '3分で読める']) expect(body(result.markdown!), site).not.toContain(site);
    });
  }

  it('以上 and End end the body too; notes at the end of a page without an end mark are found as well', () => {
    for (const end of ['以上', '- End -']) {
      const result = importMemo(pasted((l, t) => `${l} ${t}`, (l) => l, end), { file: 'paste.txt', format: 'web-text' });
      expect(parseMemo(result.markdown!, 'memo.md').memo!.footnotes).toHaveLength(2);
      expect(result.report!.dropped.find((d) => d.text === end)?.why).toBe('end mark');
    }
    const lines = [...WATER_MEMO.map((l) => l.text), ...WATER_FOOTNOTES.map((f) => `${f.label}. ${f.text}`), '市政研究室', 'フォロー', '0コメント'];
    const result = importMemo(lines.join('\n\n'), { file: 'paste.txt', format: 'web-text' });
    expect(parseMemo(result.markdown!, 'memo.md').memo!.footnotes).toHaveLength(2);
    expect(result.markdown).not.toContain('市政研究室');
  });

  it('an English memo: the title block, "End", notes "1. text"', () => {
    const input = ['Home', 'Water for the city', 'By Maria Lopez and Tom Becker', 'May 2, 2024', 'Share', ...ENGLISH_MEMO.map((l) => l.text), 'End', '1. City water utility, Asset register, 2024.', 'Maria Lopez', 'Follow', '12 likes', '3 comments', 'Leave a comment'].join('\n\n');
    const result = importMemo(input, { file: 'en.txt', format: 'web-text' });
    const memo = parseMemo(result.markdown!, 'memo.md').memo!;
    expect(memo.meta).toMatchObject({ title: 'Water for the city', authors: ['Maria Lopez', 'Tom Becker'], date: 'May 2, 2024', language: 'en' });
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1']);
    expect(result.markdown).toContain('many have passed it.[^1]');
    for (const site of ['Follow', 'likes', 'comment', 'Share']) expect(body(result.markdown!)).not.toContain(site);
  });

  it('a blog’s name above the title is not an author; the name under it is', () => {
    const result = importMemo(['政策ウォッチ', '水道網の更新に関する政策メモ', '山田 花子', '2024年3月1日', ...WATER_MEMO.map((l) => l.text)].join('\n\n'), { file: 'paste.txt', format: 'web-text' });
    expect(parseMemo(result.markdown!, 'memo.md').memo!.meta).toMatchObject({ title: '水道網の更新に関する政策メモ', authors: ['山田 花子'], date: '2024年3月1日' });
    expect(result.report!.dropped.find((d) => d.text === '政策ウォッチ')?.why).toBe('before the memo (site text)');
  });

  it('a long paragraph above the memo is never dropped as site text', () => {
    const lead = 'この文章は本メモの要旨であり、市議会が一年以内に着手できる二つの施策を、その費用と効果とともに示すものである。水道網の老朽化は急速に進んでおり、対応の遅れは将来の費用を大きく増やす。本メモの提言は、いずれも既存の予算の範囲で始められる。';
    const result = importMemo(['ホーム', lead, ...WATER_MEMO.map((l) => l.text)].join('\n\n'), { file: 'paste.txt', format: 'web-text' });
    expect(result.report!.dropped.find((d) => d.text === lead)?.why ?? '').not.toMatch(/site text/);
  });
});

describe('web pages: notes however the page marks them up, the site inside the article', () => {
  const page = (article: string) => `<!doctype html><html lang="en"><head><title>T</title></head><body><nav>Home</nav><article><h1>Water for the city</h1>${article}</article></body></html>`;
  const SECTIONS = '<h2>Introduction</h2><p>The network is old and loses water.<sup>1</sup> The council must act.</p><h2>Assessment</h2><p>Repairs are reactive and costly.<sup>2</sup></p>';
  const notesOf = (html: string) => {
    const result = importMemo(html, { file: 'page.html' });
    return { result, memo: parseMemo(result.markdown!, 'memo.md').memo! };
  };
  const forms: Record<string, string> = {
    '<section class="footnotes"> without back-links': `${SECTIONS}<section class="footnotes"><ol><li>Asset register, 2024.</li><li>Budget papers, 2023.</li></ol></section>`,
    '<ol> under a heading 脚注': `${SECTIONS}<h2>脚注</h2><ol><li>Asset register, 2024.</li><li>Budget papers, 2023.</li></ol>`,
    'numbered paragraphs under "References"': `${SECTIONS}<h3>References</h3><p>[1] Asset register, 2024.</p><p>[2] Budget papers, 2023.</p>`,
    '<aside> notes with ids, linked': SECTIONS.replace(/<sup>(\d)<\/sup>/g, '<a href="#note-$1">[$1]</a>') + '<aside class="notes"><p id="note-1">1. Asset register, 2024.</p><p id="note-2">2. Budget papers, 2023.</p></aside>',
    'li id="fn1" linked by a bare number': SECTIONS.replace(/<sup>(\d)<\/sup>/g, '<a href="#fn$1">$1</a>') + '<ol><li id="fn1">Asset register, 2024. <a href="#r1">↩</a></li><li id="fn2">Budget papers, 2023.</li></ol>',
  };
  for (const [name, article] of Object.entries(forms)) {
    it(name, () => {
      const { result, memo } = notesOf(page(article));
      expect(memo.footnotes.map((f) => [f.label, f.sentences.map((s) => s.text).join('')])).toEqual([
        ['1', 'Asset register, 2024.'],
        ['2', 'Budget papers, 2023.'],
      ]);
      expect(result.markdown).toContain('loses water.[^1] The council');
      expect(result.markdown).toContain('reactive and costly.[^2]');
      expect(result.markdown).not.toMatch(/脚注|References|↩/);
      expect(result.report!.missing).toEqual([]);
    });
  }

  it('notes "注1 …" under a heading 注, referenced by bare numbers after sentences (as pasted from a PDF), one mid-paragraph', () => {
    const { result, memo } = notesOf(
      page('<h2>はじめに</h2><p>水道網は老朽化している。1更新は遅れている。</p><h2>評価</h2><p>料金は据え置かれている。2</p><h3>注</h3><p>注1 市水道局「配水管台帳」2024年。</p><p>注2 市議会予算資料。</p>').replace('lang="en"', 'lang="ja"'),
    );
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2']);
    expect(result.markdown).toContain('老朽化している。[^1]更新は遅れている。');
    expect(result.markdown).toContain('据え置かれている。[^2]');
    expect(result.diagnostics).toEqual([]);
  });

  it('site elements inside the article are dropped by role, class and text; one holding most of the article is not', () => {
    const { result } = notesOf(
      page(`<nav aria-label="breadcrumb">Home › Policy › Water</nav><div class="share-buttons"><a>Share</a></div>${SECTIONS}<div id="cookie-consent"><p>We use cookies.</p></div><div class="author-profile"><p>Maria writes about cities.</p></div><p>12 likes</p><div role="complementary"><p>Popular now</p></div>`),
    );
    const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
    expect(why).toMatchObject({
      'Home › Policy › Water': 'breadcrumbs (site text in the article)',
      Share: 'share buttons (site text in the article)',
      'We use cookies.': 'cookie banner (site text in the article)',
      'Maria writes about cities.': 'profile (site text in the article)',
      '12 likes': 'like counter (site text in the article)',
      'Popular now': 'sidebar (site text in the article)',
    });
    const wrapped = notesOf(page(`<div class="post-with-comments">${SECTIONS}</div>`));
    expect(wrapped.result.markdown).toContain('The council must act.');
  });
});

describe('pasted web text: site lines inside the article', () => {
  it('a share bar and a page counter between the memo’s paragraphs: dropped, named, and the memo after them kept', () => {
    const lines = WATER_MEMO.map((l) => l.text);
    const input = ['ホーム', ...lines.slice(0, 8), 'シェア', '2 / 3 ページ', ...lines.slice(8), '（了）', ...WATER_FOOTNOTES.map((f) => `${f.label} ${f.text}`), '0コメント'].join('\n\n');
    const result = importMemo(input, { file: 'paste.txt', format: 'web-text' });
    expect(result.report!.missing).toEqual([]);
    expect(result.markdown).toContain('低所得世帯向けの福祉料金を導入する。');
    const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
    expect(why).toMatchObject({ シェア: 'share line (site text in the memo)', '2 / 3 ページ': 'page counter (site text in the memo)', '0コメント': 'comment counter (site text)' });
    expect(parseMemo(result.markdown!, 'memo.md').memo!.footnotes).toHaveLength(2);
  });
});

describe('telling a web page’s text from a PDF’s', () => {
  it('the browser copies read as web text (site lines and short lines aside); PDF text at any width does not', () => {
    for (const name of ['blog.txt', 'news.txt', 'docshare.txt']) expect(looksLikeWebText(readFileSync(path.join(WEB, name), 'utf8')), name).toBe(true);
    expect(looksLikeWebText(readFileSync(path.join(FIXTURES, 'import/water.web.txt'), 'utf8'))).toBe(true);
    for (const width of [20, 40, 72]) {
      expect(looksLikeWebText(asPdfText(WATER_MEMO, WATER_FOOTNOTES, width))).not.toBe(true);
      expect(looksLikeWebText(asPdfText(ENGLISH_MEMO, ENGLISH_FOOTNOTES, width))).not.toBe(true);
    }
  });
});

describe('links of a page', () => {
  it('are kept on their words as Markdown links (their addresses made safe); a page-relative or script link leaves its words as text', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Links</title></head><body><article><h1>Links</h1>
      <h2>Sources</h2>
      <p>See <a href="https://example.org/a_(b) c?x=1&amp;y=2">the report [draft] *one*</a> and <a href="mailto:desk@example.org">the desk</a>, not <a href="/about">about us</a> nor <a href="javascript:alert(1)">this</a>.</p>
      <ul><li>Read <a href="https://example.org/list">the list</a> twice: the list.</li></ul>
    </article></body></html>`;
    const result = await importBytes(new TextEncoder().encode(html), { file: 'links.html' });
    const markdown = result.markdown!;
    expect(markdown).toContain('See [the report \\[draft\\] \\*one\\*](https://example.org/a_%28b%29%20c?x=1&y=2) and [the desk](mailto:desk@example.org), not about us nor this.');
    expect(markdown).toContain('- Read [the list](https://example.org/list) twice: the list.');
    // The memo reads them as links, with the words as they were.
    const { memo } = parseMemo(markdown, 'memo.md');
    const paragraph = JSON.stringify(memo!.sections[0]);
    expect(paragraph).toContain('{"type":"link","href":"https://example.org/a_%28b%29%20c?x=1&y=2","children":[{"type":"text","text":"the report [draft] *one*"}]}');
    expect(result.report!.placed).toBe(result.report!.body);
  });
});
