// Text copied from a web page where a memo was reposted → the memo's blocks and footnotes.
// A paragraph is a line; bullet markers are lost (each point is a paragraph of its own);
// headings are short lines; footnotes are numbered lines at the end; and the site's chrome
// (hashtags, thanks and share lines before; profile, comment and character counters after)
// surrounds the memo.
import { displayWidth } from '../model/text.ts';
import { END_MARK, MAX_HEADING_EM, NUMBERED_NAME, NUMBERED_PART, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

const CHROME = [
  /^#\S+(\s+#\S+)*$/u, // hashtags
  /^(シェア|共有|ツイート|いいね|Share|Tweet|Like)\b/iu,
  /(ありがとうございます|ありがとうございました|Thank you|Thanks for)/iu,
  /^(コメント|Comments?)\s*[:：]?\s*[0-9０-９,]+/iu,
  /^(文字数|Characters?|Words?)\s*[:：]?\s*[0-9０-９,]+/iu,
  /^[0-9０-９,]+\s*(文字|characters|words|件のコメント|comments?)$/iu,
  /^(プロフィール|Profile|About the author|著者について|この記事を書いた人)/iu,
  /^(フォロー|Follow)\b/iu,
];
const FOOTNOTE = /^([0-9]{1,2})[\s.．)）]\s*(\S.*)$/u;

const isChrome = (line: string) => CHROME.some((re) => re.test(line));
const isHeading = (line: string) => NUMBERED_NAME.test(line) || NUMBERED_PART.test(line) || (displayWidth(line) <= MAX_HEADING_EM && !/[。．.、，,;!?！？]$/u.test(line));

export function readWebText(input: string): RawMemo {
  const dropped: RawMemo['dropped'] = [];
  const lines = input
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
  // Site text (greetings, thanks, share lines, profile, counters) cuts the page into stretches;
  // the memo is the longest stretch, and starts at its first heading followed by body text.
  // (A thanks line above the memo is thus never taken for its end.)
  let from = 0;
  let best = { from: 0, to: lines.length, size: -1 };
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !isChrome(lines[i]!.text)) continue;
    const size = lines.slice(from, i).reduce((n, l) => n + l.text.length, 0);
    if (size > best.size) best = { from, to: i, size };
    from = i + 1;
  }
  let start = best.from + Math.max(0, lines.slice(best.from, best.to).findIndex((l, i, stretch) => isHeading(l.text) && stretch[i + 1] !== undefined && !isHeading(stretch[i + 1]!.text)));
  if (start >= best.to) start = best.from;
  for (const l of lines.slice(0, start)) dropped.push({ line: l.line, text: l.text, why: 'before the memo (site text)' });
  const end = best.to;
  // Footnotes: the run of numbered lines just before the end (1, 2, 3 …).
  let notesFrom = end;
  for (let i = end - 1; i > start; i--) {
    const m = FOOTNOTE.exec(lines[i]!.text);
    if (!m || Number(m[1]) !== countBack(lines, i, end)) break;
    notesFrom = i;
  }
  // A profile paragraph or two between the footnotes and the chrome is not the memo's either.
  for (const l of lines.slice(end)) dropped.push({ line: l.line, text: l.text, why: 'after the memo (site text)' });
  const footnotes: RawFootnote[] = lines.slice(notesFrom, end).map((l) => {
    const m = FOOTNOTE.exec(l.text)!;
    return { label: m[1]!, text: m[2]!, line: l.line };
  });
  const body = lines.slice(start, notesFrom).filter((l) => {
    if (!END_MARK.test(l.text)) return true;
    dropped.push({ line: l.line, text: l.text, why: 'end mark' });
    return false;
  });
  const blocks: RawBlock[] = body.map((l) => ({ kind: isHeading(l.text) ? 'heading' : 'text', text: l.text, line: l.line }));
  return { blocks, footnotes, dropped };
}

/** The footnote number line i must have for lines i..end-1 to be a run ending at the last. */
function countBack(lines: Array<{ text: string }>, i: number, end: number): number {
  const last = FOOTNOTE.exec(lines[end - 1]!.text);
  return last ? Number(last[1]) - (end - 1 - i) : -1;
}
