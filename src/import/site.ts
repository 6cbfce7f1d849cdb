// What a web page puts around a memo (a blog's, a news site's, a document-sharing site's), known
// by a line's own shape or by the words of an element's class, id or role: shared by the reader
// of pasted web text and the reader of web pages. Each rule names what the line is, for the
// report. Rules match short lines only: a sentence of the memo is never one of them.

import { namesOf } from './title-block.ts';

/** The longest line a site rule may match (a counter, a button, a banner's line). */
const SHORT = 80;

const RULES: Array<[RegExp, string]> = [
  [/^#\S+(?:\s+#\S+)*$/u, 'hashtags'],
  [/^(?:[0-9０-９,]+\s*(?:件の)?コメント|コメント\s*[:：(（]?\s*[0-9０-９,]+\s*件?[)）]?|[0-9,]+\s+comments?|Comments?\s*[:(]?\s*[0-9,]+\)?|コメント(?:一覧)?|Comments?)$/iu, 'comment counter'],
  [/^(?:[0-9０-９,]+\s*[/／]\s*[0-9０-９,]+(?:\s*文字)?|文字数\s*[:：]?\s*[0-9０-９,]+(?:\s*文字)?|[0-9０-９,]+\s*(?:文字|characters|chars|words)|(?:Characters?|Words?)\s*[:：]?\s*[0-9,]+)$/iu, 'character counter'],
  [/^(?:[0-9０-９,.]+[KkMm万]?\s*(?:いいね！?|スキ|likes?|claps?|♡|❤️?)|(?:いいね！?|スキ|♡|❤️?|Likes?|Claps?)\s*[0-9０-９,.]*[KkMm万]?)$/iu, 'like counter'],
  [/^(?:[0-9０-９,]+\s*(?:ブックマーク|bookmarks?|保存)|(?:ブックマーク|Bookmark|保存する)\s*[0-9０-９,]*)$/iu, 'bookmark counter'],
  [/^(?:シェア(?:する)?|共有(?:する)?|ツイート(?:する)?|ポスト(?:する)?|Share(?: this(?: post| article| story)?)?(?: on \S+)?|Tweet|Post|X|Twitter|Facebook|LINE|LinkedIn|Pocket|はてな(?:ブックマーク)?|B!|Xでシェア|Xでポスト|Facebookでシェア|LINEで送る|リンクをコピー|URLをコピー|Copy link|Email|メール)(?:\s*[0-9,]+)?$/iu, 'share line'],
  [/^(?:(?:X|Twitter|Facebook|LINE|LinkedIn|Pocket|はてな|B!|Email|メール|Copy link|リンクをコピー)[\s・|/]*){2,}$/iu, 'share line'],
  [/^Share this(?: post| article| story)?\s*[:：]?\s*(?:\S+\s*){0,6}$/iu, 'share line'],
  [/^(?:コピーしました|Copied!?|リンクをコピーしました|Link copied)$/iu, 'copied notice'],
  [/^(?:\+?\s*フォロー(?:する|中)?|Follow(?:ing)?|\+\s*Follow|フォロワー\s*[0-9０-９,.]+[万Kk]?(?:人)?|[0-9０-９,.]+[万Kk]?\s*(?:フォロワー|followers?)|フォローしてみませんか？?)$/iu, 'follow line'],
  [/^(?:プロフィール|Profile|About the author|About (?:me|us)|著者について|著者紹介|筆者紹介|執筆者紹介|この記事を書いた人|この記事を書いたのは|Author bio)$/iu, 'profile'],
  [/^(?:コメントを(?:書く|する|投稿する?|残す|入力)|コメントする|Leave a (?:comment|reply)|Write a (?:comment|response)|Add a comment|Post (?:a )?comment|返信(?:する)?|Reply|送信(?:する)?|投稿する|Submit)$/iu, 'comment form'],
  [/^(?:ログイン|ログインして.*|会員登録|新規登録|無料で登録|Log ?in|Sign (?:in|up)|Subscribe|購読する|メンバーシップに加入|Get the app|アプリで開く)$/iu, 'sign-in line'],
  [/^(?:ホーム|トップ|Home|メニュー|Menu|検索|Search|記事一覧|カテゴリー?|Categories|Archives?|アーカイブ|お問い合わせ|Contact|本文へ(?:スキップ|移動)|Skip to (?:main )?content)$/iu, 'navigation'],
  [/^(?:関連記事|関連する記事|関連資料|関連ドキュメント|この作者の(?:資料|記事)|Related documents|More (?:documents|from this (?:user|author))|おすすめ記事|おすすめ|人気記事|あわせて読みたい|こちらもおすすめ|この記事が含まれているマガジン|この著者の記事|Related(?: posts| articles| stories| reading)?|Recommended(?: for you)?|Read (?:more|next)|More from .{1,40}|Most (?:read|popular)|Popular(?: posts)?|Trending|次の記事|前の記事|Next (?:post|article)|Previous (?:post|article))$/iu, 'related posts'],
  [/(?:cookie|クッキー)/iu, 'cookie banner'],
  [/^(?:同意する|同意します|すべて許可|すべて拒否|Accept(?: all)?(?: cookies)?|Reject(?: all)?|Manage (?:preferences|cookies)|Cookie settings|OK|Got it)$/iu, 'cookie banner'],
  [/^(?:読み込み中[…．.]*|Loading[….]*|ロード中[…．.]*)$/iu, 'loading notice'],
  [/^(?:ダウンロード|Download(?: PDF| now)?|PDFをダウンロード|埋め込み|Embed|印刷|Print|全画面(?:表示)?|Full ?screen|報告(?:する)?|Report|通報(?:する)?|拡大|縮小|Zoom (?:in|out)|文字起こし|テキスト(?:表示|版)|Transcript|Text version)$/iu, 'document toolbar'],
  // "著者名 · 閲覧数 1,234", "Name · 1,234 views": an uploader and a counter on one line.
  [/^.{1,40}?\s*[·•|｜]\s*(?:閲覧数\s*[:：]?\s*[0-9０-９,]+|[0-9０-９,.]+[万Kk]?\s*(?:views?|回閲覧|閲覧|PV))$/iu, 'view counter'],
  [/^(?:閲覧数\s*[:：]?\s*[0-9０-９,]+|[0-9０-９,.]+[万Kk]?\s*(?:views?|回閲覧|閲覧|PV))$/iu, 'view counter'],
  [/^(?:[0-9０-９]+\s*[/／]\s*[0-9０-９]+\s*(?:ページ|pages?)|ページ\s*[0-9０-９]+\s*[/／]\s*[0-9０-９]+|Page [0-9]+ of [0-9]+)$/iu, 'page counter'],
  [/^(?:[0-9０-９]+\s*分で読める|[0-9]+\s*min(?:ute)?s? read|読了時間\s*[:：]?\s*[0-9０-９]+\s*分)$/iu, 'reading time'],
  [/^(?:サポート(?:する)?|チップで応援する?|この記事が気に入ったら.*|記事をサポート|Support (?:this|the) (?:author|writer)|Buy me a coffee)$/iu, 'support line'],
  [/^(?:(?:©|Copyright|\(c\))\s*.*|All rights reserved\.?)$/iu, 'copyright line'],
  [/^(?:タグ|Tags?)(?:\s*[:：].*)?$/iu, 'tags'],
  [/(?:お読みいただきありがとうございま|ありがとうございます|ありがとうございました|Thank you for (?:reading|visiting)|Thanks for reading)/iu, 'greeting or thanks'],
];

/** Buttons' labels a browser copies run together ("ShareTwitterFacebookEmail", "ダウンロード埋め込み共有"). */
const BUTTONS = [
  'Share', 'Post', 'Tweet', 'Twitter', 'Facebook', 'LinkedIn', 'Pocket', 'Email', 'LINE', 'Copy link', 'Print', 'Save', 'Download', 'Embed', 'Follow', 'Like', 'Subscribe', 'Sign in', 'Sign up', 'Log in',
  'Accept all', 'Reject all', 'Accept', 'Reject', 'Manage preferences', 'Cookie settings',
  'シェアする', 'シェア', '共有', 'ツイート', 'ポスト', 'はてなブックマーク', 'リンクをコピー', 'コピーしました', 'Copied', 'ダウンロード', '埋め込み', '印刷', '保存', '全画面', '報告する', '報告', '通報する', '通報', 'Report',
  'フォローする', 'フォロー', 'いいね！', 'いいね', 'スキ', 'コメント', 'ログイン', '会員登録', '同意する', 'すべて許可', 'すべて拒否', '設定',
];
const GLUED = new RegExp(`^(?:(?:${BUTTONS.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\s|・/]*(?:[0-9０-９,]+\\s*)?){2,}$`, 'iu');
/** "市政研究室 フォロー", "SiteNameログイン": an account's or a site's name and its button. */
const NAMED_BUTTON: Array<[RegExp, string]> = [
  [/^\S.{0,30}?\s*(?:\+\s*)?(?:フォロー(?:する)?|Follow)$/iu, 'follow line'],
  [/^\S.{0,30}?\s*(?:ログイン|会員登録|Log ?in|Sign (?:in|up))$/iu, 'sign-in line'],
];

/** What a short line of a page's chrome is (a counter, a share line, a profile heading…), if a rule says it. */
export function siteLine(text: string): string | undefined {
  const line = text.trim();
  if (line === '' || line.length > SHORT) return undefined;
  const rule = RULES.find(([re]) => re.test(line))?.[1];
  if (rule) return rule;
  if (GLUED.test(line)) {
    const first = BUTTONS.filter((b) => line.toLowerCase().startsWith(b.toLowerCase())).sort((a, b) => b.length - a.length)[0] ?? '';
    return RULES.find(([re]) => re.test(first))?.[1] ?? 'buttons';
  }
  if (line.length <= 40 && !/[。．.!?！？、,]/u.test(line)) return NAMED_BUTTON.find(([re]) => re.test(line))?.[1];
  // "Elisa Chen, Julia Lindpaintner, Elyse Voegeli Follow": names, then the button.
  const names = /^(\S.*?)\s*(?:\+\s*)?(?:フォロー(?:する)?|Follow)$/iu.exec(line);
  return names && namesOf(names[1]!) !== undefined ? 'follow line' : undefined;
}

/** Breadcrumbs: "ホーム > ブログ > 記事", "Home / News / Policy" (three steps or more, each short; "/" only from a home step). */
export function isBreadcrumb(text: string): boolean {
  const line = text.trim();
  const home = /^(?:ホーム|トップ|TOP|Home)\s*(?:[>›»＞/])/iu.test(line);
  const steps = line.split(home ? /\s*[>›»＞]\s*|\s+\/\s+/u : /\s*[>›»＞]\s*/u);
  // The last step is the page's own title: as long as a title may be.
  return steps.length >= 3 && line.length <= SHORT + 40 && steps.every((s, i) => s.length > 0 && s.length <= (i === steps.length - 1 ? 80 : 24) && !/[。．.!?]$/u.test(s));
}

/** The words of an element's class, id and role: "m-noteShareButtons__item" → note, share, buttons, item. */
export function markupWords(attributes: Array<string | null>): string[] {
  return attributes
    .filter((a): a is string => !!a)
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

const WORD_KINDS: Array<[RegExp, string]> = [
  [/^(?:share|shares|sharing|social|sns|sharebar|sharer)$/, 'share buttons'],
  [/^(?:follow|followers)$/, 'follow button'],
  [/^(?:like|likes|reaction|reactions|clap|claps|suki)$/, 'like button or counter'],
  [/^(?:comment|comments|respond|discussion|disqus)$/, 'comments'],
  [/^(?:related|recommend|recommended|recommendation|recommendations|popular|ranking|trending|readnext|magazine)$/, 'related posts'],
  [/^(?:cookie|cookies|consent|gdpr|cmp)$/, 'cookie banner'],
  [/^(?:breadcrumb|breadcrumbs|crumbs)$/, 'breadcrumbs'],
  [/^(?:profile|creator|bio|authorbox|aboutauthor|uploader|avatar)$/, 'profile'],
  [/^(?:newsletter|subscribe|subscription|signup|mailchimp)$/, 'newsletter box'],
  [/^(?:ad|ads|advert|advertisement|sponsor|sponsored|promo|promotion|banner)$/, 'advertisement or banner'],
  [/^(?:tags|hashtag|hashtags|taglist)$/, 'tags'],
  [/^(?:pagination|pager|paging)$/, 'pagination'],
  [/^(?:toolbar|download|downloads|embed|viewer|controls)$/, 'document toolbar'],
  [/^(?:navigation|navbar|menu|sidebar|widget|widgets)$/, 'navigation'],
  [/^(?:modal|popup|dialog|toast|notification)$/, 'pop-up'],
];

/** The kind of site element the markup words name (share buttons, comments, a cookie banner…), if any. */
export function siteKind(words: string[]): string | undefined {
  for (const w of words) {
    const kind = WORD_KINDS.find(([re]) => re.test(w));
    if (kind) return kind[1];
  }
  return undefined;
}

/** Roles of landmarks that are the site, never a document's text. */
export const SITE_ROLES: Record<string, string> = {
  navigation: 'navigation',
  banner: 'site header',
  contentinfo: 'site footer',
  complementary: 'sidebar',
  search: 'search',
  dialog: 'pop-up',
  alertdialog: 'pop-up',
  form: 'form',
};

/** A document viewer's page marker: "1 / 6", "2 / 6 ページ", "Page 2 of 6" (the pages of its transcript). */
export const VIEWER_PAGE = /^(?:[0-9]{1,3}\s*[/／]\s*[0-9]{1,3}(?:\s*(?:ページ|pages?))?|Page [0-9]+ of [0-9]+)$/iu;

/** "注", "脚注", "Notes", "References", "出典": a heading over a document's notes. */
export const NOTES_HEADING = /^(?:注|註|注記|注釈|脚注|文末注|原注|参考|参考文献|出典|引用|Notes?|Endnotes|Footnotes|References|Sources)$/iu;
