// Makes the published forms of the corpus documents (tests/corpus/<doc>/forms/) from their
// source.md, each the way a real producer makes it. Run by tests/corpus/make.sh (by hand: needs
// pandoc, LibreOffice, Chromium, poppler-utils and fonts-noto-cjk); the outputs are committed.
//
//   word-pandoc.docx    pandoc with --metadata title/subtitle/author/date: Title, Subtitle, Author,
//                       Date styles, real footnotes, document properties
//   word-lo.docx        LibreOffice converts the printable web page (HTML): the title block is a
//                       Heading 1 and plain paragraphs, the notes an ordinary list at the end
//   word-template.docx  "another organisation's template": pandoc custom-style paragraphs (series,
//                       title in 26 pt bold, subtitle, byline, date, publisher) then a page break;
//                       no document title property
//   pdf-lo-pandoc.pdf, pdf-lo-lo.pdf, pdf-lo-template.pdf   LibreOffice prints each Word file
//   pdf-chromium.pdf, pdf-chromium-2col.pdf                 Chromium prints the styled page (qpdf packs it)
//   blog.html, news.html, docshare.html                     the page inside a platform's chrome
//   blog.txt, news.txt, docshare.txt                        what a browser copies (select all)
//   source.md           the Markdown as published (documents published as Markdown)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROME_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** The title page of each document as its forms print it (the same facts as expected.yaml). */
const DOCS = {
  'asi-memo-4': {
    lang: 'ja', full: true, markdown: false,
    series: 'ポリシー・メモランダム #4',
    title: 'テクノ・ナショナリズムの時代における日米同盟',
    authors: ['ジェームス・L・ショフ', '森 聡'],
    byline: '共同執筆者：ジェームス・L・ショフ、森 聡',
    date: '2020年12月',
    publisher: '笹川平和財団',
    program: 'アジア戦略イニシアチブ（ASI）',
  },
  'mirai-17-iryo': {
    lang: 'ja', full: true, markdown: true,
    series: 'チームみらい 政策マニフェスト',
    title: '７. 医療',
    subtitle: 'ステップ１',
    authors: ['チームみらい'],
    byline: '著者：チームみらい',
    date: '2025年7月26日',
    publisher: 'チームみらい',
  },
  '18f-ai-basics': {
    lang: 'en', full: true, markdown: true,
    series: '18F Blog',
    title: 'Back to basics in the age of AI',
    authors: ['Elisa Chen', 'Julia Lindpaintner', 'Elyse Voegeli'],
    byline: 'By Elisa Chen, Julia Lindpaintner, and Elyse Voegeli',
    date: 'June 18, 2024',
    publisher: '18F',
  },
  'mirai-21-kyoiku': {
    lang: 'ja', full: false, markdown: true,
    series: 'チームみらい 政策マニフェスト',
    title: '１．教育',
    subtitle: 'ステップ２',
    authors: ['チームみらい'],
    byline: '著者：チームみらい',
    date: '2025年7月26日',
    publisher: 'チームみらい',
  },
  // A Digital Agency guidebook whose Markdown carries its own title block (series line, date,
  // publisher as paragraphs under the "#" title), a table of contents and a revision table.
  'gif-overview': {
    lang: 'ja', full: false, markdown: true, own: true,
    series: 'デジタル社会推進実践ガイドブック DS-410',
    title: '政府相互運用性フレームワーク（GIF） 全体編',
    authors: [],
    date: '2022年（令和4年）5月9日',
    publisher: 'デジタル庁',
  },
  'mirai-40-100days': {
    lang: 'ja', full: false, markdown: true,
    series: 'チームみらい 政策マニフェスト',
    title: '国政政党成立後１００日プラン',
    authors: ['チームみらい'],
    byline: '著者：チームみらい',
    date: '2025年7月26日',
    publisher: 'チームみらい',
  },
};

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });

/**
 * The body as published below the title block: no front matter, no `#` title line, no images (a
 * document with its own title block keeps it and its title).
 */
function bodyOf(source, own = false) {
  if (own) return source.replace(/^\s*<img [^>]*>\s*$/gm, '');
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^# .*\n/m, '')
    .replace(/^\s*<img [^>]*>\s*$/gm, '');
}

function titleBlockHtml(d) {
  return `<header class="titleblock">
<p class="series">${esc(d.series)}</p>
<h1 class="title">${esc(d.title)}</h1>
${d.subtitle ? `<p class="subtitle">${esc(d.subtitle)}</p>\n` : ''}<p class="byline">${esc(d.byline)}</p>
<p class="date">${esc(d.date)}</p>
<p class="publisher">${esc(d.publisher)}</p>
${d.program ? `<p class="program">${esc(d.program)}</p>\n` : ''}</header>`;
}

// CommonMark as the sites that published these render it (a list right after a paragraph is a
// list), and no smart quotes: the producer must not change the text.
const FROM = 'commonmark_x-smart';

const FONT = `"Noto Sans CJK JP","Noto Sans",sans-serif`;

function printPage(d, article, cols) {
  if (d.own) return printPageOwn(d, article, cols);
  return `<!doctype html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${esc(d.title)}</title>
<meta name="author" content="${esc(d.authors.join(', '))}">
<style>
body{font-family:${FONT};font-size:10.5pt;line-height:1.6;margin:0 1.5em}
.titleblock{margin-bottom:2em} .series{font-size:9pt;color:#555} .title{font-size:20pt;margin:.2em 0}
.subtitle{font-size:13pt} .byline,.date,.publisher,.program{margin:.1em 0;font-size:10pt}
h2{font-size:14pt} h3{font-size:12pt} .footnote-back{display:none} .footnotes{font-size:8pt}
${cols ? '.body{column-count:2;column-gap:2em}' : ''}
</style></head>
<body>
${titleBlockHtml(d)}
<div class="body">
${article}
</div>
</body></html>
`;
}

/** The printable page of a document that has its own title block. */
function printPageOwn(d, article, cols) {
  return `<!doctype html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${esc(d.title)}</title>
<style>
body{font-family:${FONT};font-size:10.5pt;line-height:1.6;margin:0 1.5em}
h1{font-size:20pt} h2{font-size:14pt} h3{font-size:12pt} .footnote-back{display:none} .footnotes{font-size:8pt}
table{border-collapse:collapse} td,th{border:1px solid #999;padding:2px 6px}
${cols ? 'body{column-count:2;column-gap:2em}' : ''}
</style></head>
<body>
${article}
</body></html>
`;
}

const CHROME = {
  ja: {
    blogSite: 'note', login: 'ログイン', signup: '会員登録', follow: 'フォロー', share: 'シェア', post: 'ポスト',
    like: 'スキ', comments: '0コメント', commentHead: 'コメント', commentPlaceholder: 'コメントする', counter: '0 / 1000', send: '送信',
    support: 'この記事が気に入ったらサポートをしてみませんか？', supportButton: 'チップで応援する',
    profile: '政策について発信しています。フォローお待ちしています。', related: 'おすすめ記事',
    relatedItems: ['地方創生の新しいかたち', '行政DXのこれから', '選挙とテクノロジー'],
    newsSite: '政策ニュース', nav: ['トップ', '政治', '経済', '国際', 'テクノロジー'], home: 'トップ', policy: '政策',
    cookie: '当サイトではサービス向上のためにCookieを使用しています。', accept: '同意する', manage: '設定',
    relatedNews: '関連記事', copyright: '© 2026 政策ニュース',
    docSite: 'DocShare', search: '検索', views: '閲覧数 1,234', loading: 'loading…', copied: 'copied', download: 'ダウンロード', shareBtn: 'share', transcript: '文字起こし', report: '通報する',
  },
  en: {
    blogSite: 'Medium', login: 'Sign in', signup: 'Get started', follow: 'Follow', share: 'Share', post: 'Post',
    like: 'Clap', comments: '0 comments', commentHead: 'Responses', commentPlaceholder: 'What are your thoughts?', counter: '0 / 1000', send: 'Respond',
    support: 'Enjoyed this post? Buy the author a coffee.', supportButton: 'Support',
    profile: 'Writing about digital government and public services.', related: 'More from this author',
    relatedItems: ['Five lessons from modernizing a legacy system', 'What we learned from usability testing', 'Procurement as a design problem'],
    newsSite: 'Government Tech News', nav: ['Home', 'Policy', 'Technology', 'Workforce', 'Events'], home: 'Home', policy: 'Policy',
    cookie: 'We use cookies to improve your experience on our site.', accept: 'Accept all', manage: 'Manage preferences',
    relatedNews: 'Related stories', copyright: '© 2026 Government Tech News',
    docSite: 'DocShare', search: 'Search', views: '1,234 views', loading: 'loading…', copied: 'copied', download: 'Download', shareBtn: 'share', transcript: 'Transcript', report: 'Report',
  },
};

function blogPage(d, article) {
  const c = CHROME[d.lang];
  const author = d.authors.join(', ');
  return `<!doctype html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${esc(d.title)}｜${esc(author)}｜${c.blogSite}</title>
<meta property="og:title" content="${esc(d.title)}｜${esc(author)}">
<style>body{font-family:${FONT};max-width:44em;margin:auto} .footnotes{font-size:80%}</style></head>
<body>
<header class="site-header"><a class="logo" href="/">${c.blogSite}</a> <nav><a href="/login">${c.login}</a> <a href="/signup">${c.signup}</a></nav></header>
<main>
<article class="note">
<div class="note-header">
<h1 class="note-title">${esc(d.title)}</h1>
<div class="creator"><a class="creator-name" href="/author">${esc(author)}</a> <button>${c.follow}</button></div>
<time datetime="2025-07-26">${esc(d.date)}</time>
</div>
<div class="share-top"><button>${c.share}</button> <button>${c.post}</button></div>
<div class="note-body">
${article}
</div>
<div class="support"><p>${c.support}</p><button>${c.supportButton}</button></div>
<div class="reactions"><button>${c.like}</button> <span>12</span> <span>${c.comments}</span> <button>${c.share}</button></div>
</article>
<section class="creator-profile"><p class="name">${esc(author)}</p><p>${c.profile}</p><button>${c.follow}</button></section>
<section class="comments"><h2>${c.commentHead}</h2><textarea placeholder="${c.commentPlaceholder}"></textarea><span class="counter">${c.counter}</span> <button>${c.send}</button></section>
<section class="related"><h2>${c.related}</h2><ul>${c.relatedItems.map((t) => `<li><a href="/n/${encodeURIComponent(t)}">${t}</a></li>`).join('')}</ul></section>
</main>
<footer><p>© 2026 ${c.blogSite}</p></footer>
</body></html>
`;
}

function newsPage(d, article) {
  const c = CHROME[d.lang];
  return `<!doctype html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${esc(d.title)} - ${c.newsSite}</title>
<meta name="author" content="${esc(d.authors.join(', '))}">
<style>body{font-family:${FONT};max-width:60em;margin:auto} .footnote-back{display:none} main{display:flex} article{flex:3} aside{flex:1}</style></head>
<body>
<div class="cookie-banner" role="dialog"><p>${c.cookie}</p><button>${c.accept}</button> <button>${c.manage}</button></div>
<header class="masthead"><a class="logo" href="/">${c.newsSite}</a>
<nav><ul>${c.nav.map((n) => `<li><a href="/${encodeURIComponent(n)}">${n}</a></li>`).join('')}</ul></nav></header>
<nav class="breadcrumbs" aria-label="breadcrumb"><a href="/">${c.home}</a> › <a href="/policy">${c.policy}</a> › <span>${esc(d.title)}</span></nav>
<main>
<article>
${d.own ? '' : `<header>
<p class="kicker">${esc(d.series)}</p>
<h1>${esc(d.title)}</h1>
${d.subtitle ? `<p class="dek">${esc(d.subtitle)}</p>\n` : ''}<p class="byline">${esc(d.byline)}</p>
<p><time>${esc(d.date)}</time></p>
</header>`}
${article}
</article>
<aside class="related"><h2>${c.relatedNews}</h2><ul>${c.relatedItems.map((t) => `<li><a href="/a/${encodeURIComponent(t)}">${t}</a></li>`).join('')}</ul></aside>
</main>
<footer><p>${c.copyright}</p></footer>
</body></html>
`;
}

/** A document-sharing site: the PDF's extracted text, page by page, in the site's viewer chrome. */
function docsharePage(d, pdfText) {
  const c = CHROME[d.lang];
  const pages = pdfText.split('\f').map((p) => p.trim()).filter(Boolean);
  const pagesHtml = pages
    .map((p, i) => `<section class="page"><p class="pageno">${i + 1} / ${pages.length}</p>\n${p.split(/\n\s*\n/).map((para) => `<p>${para.split('\n').map(esc).join('<br>\n')}</p>`).join('\n')}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${esc(d.title)} | ${c.docSite}</title>
<style>body{font-family:${FONT};max-width:50em;margin:auto}</style></head>
<body>
<header><a class="logo" href="/">${c.docSite}</a> <input placeholder="${c.search}"> <a href="/login">${c.login}</a></header>
<main>
<h1>${esc(d.title)}</h1>
<p class="uploader"><a href="/u">${esc(d.authors.join(', '))}</a> · ${c.views}</p>
<div class="viewer"><p>${c.loading}</p></div>
<div class="actions"><button>${c.shareBtn}</button> <span class="toast">${c.copied}</span> <button>${c.download}</button> <button>${c.report}</button></div>
<div class="transcript"><h2>${c.transcript}</h2>
${pagesHtml}
</div>
</main>
</body></html>
`;
}

/** Gives the custom styles of the template their look: the title big and bold, the series small. */
async function styleTemplate(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  let styles = await zip.file('word/styles.xml').async('string');
  const look = {
    MemoSeries: '<w:rPr><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr>',
    MemoTitle: '<w:rPr><w:b/><w:sz w:val="52"/></w:rPr>',
    MemoSubtitle: '<w:rPr><w:sz w:val="28"/></w:rPr>',
    MemoByline: '<w:rPr><w:sz w:val="22"/></w:rPr>',
    MemoDate: '<w:rPr><w:sz w:val="22"/></w:rPr>',
    MemoPublisher: '<w:rPr><w:b/><w:sz w:val="22"/></w:rPr>',
  };
  for (const [id, rpr] of Object.entries(look)) {
    styles = styles.replace(new RegExp(`(<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?)(</w:style>)`), (_, a, b) => a.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, '') + rpr + b);
  }
  zip.file('word/styles.xml', styles);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

function soffice(args, cwd) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { cwd });
  rmSync(profile, { recursive: true, force: true });
}

function chromiumPdf(html, out) {
  const tmp = path.join(os.tmpdir(), `corpus-${process.pid}-${path.basename(out)}.html`);
  writeFileSync(tmp, html);
  const raw = `${tmp}.pdf`;
  run('chromium', [...CHROME_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${raw}`, `file://${tmp}`]);
  // Chromium's Type 3 glyphs are large: qpdf packs the file (losslessly) to keep the repository small.
  run('qpdf', ['--recompress-flate', '--compression-level=9', '--object-streams=generate', raw, out]);
  rmSync(tmp);
  rmSync(raw);
}

async function copyAsBrowser(browser, file, out) {
  const page = await browser.newPage();
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  const text = await page.evaluate(() => {
    const sel = window.getSelection();
    sel.removeAllRanges();
    const range = document.createRange();
    range.selectNodeContents(document.body);
    sel.addRange(range);
    return sel.toString();
  });
  writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
  await page.close();
}

const only = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
try {
  for (const [name, d] of Object.entries(DOCS)) {
    if (only.length && !only.includes(name)) continue;
    const dir = path.join(here, name);
    const forms = path.join(dir, 'forms');
    rmSync(forms, { recursive: true, force: true });
    mkdirSync(forms, { recursive: true });
    const tmp = mkdtempSync(path.join(os.tmpdir(), `corpus-${name}-`));
    const source = readFileSync(path.join(dir, 'source.md'), 'utf8');
    const bodyFile = path.join(tmp, 'body.md');
    writeFileSync(bodyFile, bodyOf(source, d.own));
    const article = run('pandoc', [bodyFile, '-f', FROM, '-t', 'html5', '--wrap=none']).toString();

    if (d.markdown) copyFileSync(path.join(dir, 'source.md'), path.join(forms, 'source.md'));

    // Word by pandoc: the title block from metadata (Title, Subtitle, Author, Date styles).
    const meta = d.own ? ['-M', `lang=${d.lang}`] : ['-M', `title=${d.title}`, ...(d.subtitle ? ['-M', `subtitle=${d.subtitle}`] : []), ...d.authors.flatMap((a) => ['-M', `author=${a}`]), '-M', `date=${d.date}`, '-M', `lang=${d.lang}`];
    run('pandoc', [bodyFile, '-f', FROM, '-t', 'docx', ...meta, '-o', path.join(forms, 'word-pandoc.docx')]);

    // The printable page, and Chromium's prints of it.
    const print = printPage(d, article, false);
    chromiumPdf(print, path.join(forms, 'pdf-chromium.pdf'));

    // Web pages.
    if (d.own) {
      writeFileSync(path.join(forms, 'news.html'), newsPage(d, article));
      soffice(['--convert-to', 'pdf', '--outdir', tmp, path.join(forms, 'word-pandoc.docx')], tmp);
      renameSync(path.join(tmp, 'word-pandoc.pdf'), path.join(forms, 'pdf-lo-pandoc.pdf'));
    } else writeFileSync(path.join(forms, 'blog.html'), blogPage(d, article));

    if (d.full) {
      chromiumPdf(printPage(d, article, true), path.join(forms, 'pdf-chromium-2col.pdf'));
      writeFileSync(path.join(forms, 'news.html'), newsPage(d, article));
      const pdfText = run('pdftotext', [path.join(forms, 'pdf-chromium.pdf'), '-']).toString();
      writeFileSync(path.join(forms, 'docshare.html'), docsharePage(d, pdfText));

      // Word by LibreOffice, from the printable page.
      const printHtml = path.join(tmp, 'word-lo.html');
      writeFileSync(printHtml, print);
      soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, printHtml], tmp);
      renameSync(path.join(tmp, 'word-lo.docx'), path.join(forms, 'word-lo.docx'));

      // Word from another organisation's template: custom-styled title paragraphs, then a page break.
      const para = (style, text) => `::: {custom-style="${style}"}\n${text.replace(/([#*_\[\]\\])/g, '\\$1')}\n:::\n\n`;
      const block =
        para('Memo Series', d.series) + para('Memo Title', d.title) + (d.subtitle ? para('Memo Subtitle', d.subtitle) : '') +
        para('Memo Byline', d.byline) + para('Memo Date', d.date) + para('Memo Publisher', d.publisher) + (d.program ? para('Memo Publisher', d.program) : '') +
        '```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```\n\n';
      const templateMd = path.join(tmp, 'template.md');
      writeFileSync(templateMd, block + bodyOf(source));
      run('pandoc', [templateMd, '-f', FROM, '-t', 'docx', '-M', `lang=${d.lang}`, '-o', path.join(forms, 'word-template.docx')]);
      await styleTemplate(path.join(forms, 'word-template.docx'));

      // LibreOffice prints each Word file.
      for (const w of ['pandoc', 'lo', 'template']) {
        soffice(['--convert-to', 'pdf', '--outdir', tmp, path.join(forms, `word-${w}.docx`)], tmp);
        renameSync(path.join(tmp, `word-${w}.pdf`), path.join(forms, `pdf-lo-${w}.pdf`));
      }
    }

    // Text as a browser copies it from each page.
    for (const page of ['blog', 'news', 'docshare']) {
      const html = path.join(forms, `${page}.html`);
      if (existsSync(html)) await copyAsBrowser(browser, html, path.join(forms, `${page}.txt`));
    }
    rmSync(tmp, { recursive: true, force: true });
    console.log(name, 'done');
  }
} finally {
  await browser.close();
}
