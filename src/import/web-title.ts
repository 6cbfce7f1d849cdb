// The title block of a memo copied from a web page: its title, authors, date and series just
// above the body, told from the blog's lines around them (its name, follow and share lines, a
// time of posting), which are dropped as the site's.
import { classifyTitleLine, namesOf, type TitleField } from './title-block.ts';
import { isHeading, type WebPage } from './web-page.ts';

/** Site lines that end the title block when read upwards (others, a page puts between a post's title and its body). */
const ABOVE_TITLE = new Set(['cookie banner', 'navigation', 'sign-in line', 'breadcrumbs', 'greeting or thanks', 'related posts', 'profile', 'comment form', 'copyright line', 'support line']);
/** A line of a title block by its shape: a date (with a time of posting), a series, a byline. */
export const titleLine = (text: string) => classifyTitleLine(text) !== undefined || classifyTitleLine(DATE_TIME.exec(text)?.[1] ?? '')?.field === 'date';
/** "チームみらい フォロー", "Elisa Chen, Julia Lindpaintner Follow": an account's name and its follow button. */
const FOLLOWED = /^(\S.*?)\s*((?:\+\s*)?(?:フォロー(?:する)?|Follow))$/iu;
const BARE_FOLLOW = /^(?:\+?\s*フォロー(?:する)?|\+?\s*Follow)$/iu;
/** A posting time after a date ("2020年12月1日 10:00"). */
const DATE_TIME = /^(.*\S)\s+([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)$/u;

/**
 * The title block: the title, authors, date and series just above the body, amid follow and
 * share lines (the account a follow line follows is the blog's, not the memo's); every other line
 * above the body is dropped as the site's. Returns each line's field, and its text where that is
 * only a part of the line.
 */
export function titleBlock({ lines, chrome, dropped, drop, site }: WebPage, start: number): { fields: Map<number, TitleField>; texts: Map<number, string> } {
  const hints = new Map<number, TitleField>();
  const texts = new Map<number, string>();
  let titled = 0;
  // Breadcrumbs end with the page's own title ("Home › Policy › Back to basics…"): where a line
  // of the title block says it, that line is the title, a line above it the series (a kicker),
  // one under it the subtitle.
  const crumbAt = chrome.findLastIndex((c, i) => i < start && c === 'breadcrumbs');
  const crumbTitle = crumbAt >= 0 ? lines[crumbAt]!.text.split(/\s*[>›»＞]\s*/u).at(-1) : undefined;
  const named = crumbTitle !== undefined && lines.slice(crumbAt + 1, start).some((l) => l.text === crumbTitle);
  const plainMost = named ? 3 : 1;
  for (let i = start - 1; i >= 0; i--) {
    const text = lines[i]!.text;
    const kind = chrome[i];
    if (kind && !ABOVE_TITLE.has(kind)) {
      // The account a post's follow button follows, right under its title, is its author where no byline says otherwise.
      const followed = kind === 'follow line' ? FOLLOWED.exec(text) : null;
      const underTitle = i > 0 && !chrome[i - 1] && isHeading(lines[i - 1]!.text) && !titleLine(lines[i - 1]!.text) && !namesOf(lines[i - 1]!.text);
      if (followed && underTitle && titled === 0 && ![...hints.values()].includes('authors') && (namesOf(followed[1]!) !== undefined || followed[1]!.length <= 40)) {
        hints.set(i, 'authors');
        texts.set(i, followed[1]!);
        dropped.push({ line: lines[i]!.line, text: followed[2]!, why: 'follow button (site text)' });
        continue;
      }
      site(i, 'before');
      if (kind === 'follow line' && BARE_FOLLOW.test(text) && i > 0 && !chrome[i - 1] && lines[i - 1]!.text.length <= 40 && !/[。．.!?！？]$/u.test(lines[i - 1]!.text)) {
        i--;
        drop(lines[i]!, 'profile (the account a follow line follows) (site text)');
      }
      continue;
    }
    if (kind) break;
    const timed = DATE_TIME.exec(text);
    if (timed && classifyTitleLine(timed[1]!)?.field === 'date') {
      hints.set(i, 'date');
      texts.set(i, timed[1]!);
      dropped.push({ line: lines[i]!.line, text: timed[2]!, why: 'time of posting (site text)' });
      continue;
    }
    const shape = classifyTitleLine(text);
    // Above the title, only a series line or a date is the memo's (a name there is the blog's).
    if (titled === plainMost && !(shape && (shape.field === 'series' || shape.field === 'date'))) break;
    if (shape) {
      hints.set(i, shape.field);
      continue;
    }
    if (namesOf(text) && text.length <= 60 && titled === 0) {
      hints.set(i, 'authors');
      continue;
    }
    if (!isHeading(text) || titled === plainMost) break;
    titled++;
    hints.set(i, 'subtitle');
  }
  // The topmost plain line of the block is the title; one under it, the subtitle.
  const plain = [...hints].filter(([, f]) => f === 'subtitle').map(([i]) => i).sort((a, b) => a - b);
  const crumbed = named ? plain.find((i) => lines[i]!.text === crumbTitle) : undefined;
  if (crumbed !== undefined) for (const i of plain) hints.set(i, i < crumbed ? 'series' : i === crumbed ? 'title' : 'subtitle');
  else if (plain.length > 0) hints.set(plain[0]!, 'title');
  for (let i = 0; i < start; i++) if (!hints.has(i) && !dropped.some((d) => d.line === lines[i]!.line)) site(i, 'before');

  return { fields: hints, texts };
}
