// What a web page's markup says an element is: the site's (a share bar, breadcrumbs, a profile)
// or a line of the title block's (a byline, a date, a series), by its role, class, id and tag.
import type { TitleField } from './title-block.ts';
import { markupWords, SITE_ROLES, siteKind } from './site.ts';
import { HEADING, squash, type Element_ } from './dom-nodes.ts';

/** The title block's role a web page's markup gives an element: its byline, its date, its series. */
export function titleHint(el: Element_): TitleField | undefined {
  const words = markupWords([el.getAttribute('class'), el.id, el.getAttribute('itemprop'), el.getAttribute('rel')]);
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  if (has('author', 'authors', 'byline', 'writer', 'contributor', 'contributors', 'creator')) return 'authors';
  if (el.tagName === 'TIME' || has('date', 'dateline', 'published', 'pubdate', 'timestamp', 'posted') || words.join(' ').includes('date published')) return 'date';
  if (has('subtitle', 'subheading', 'standfirst', 'dek', 'subhead')) return 'subtitle';
  if (has('series', 'kicker', 'eyebrow')) return 'series';
  return undefined;
}

/** What site element an element of a page is, by its role and its class and id words. */
export function siteElement(el: Element_): string | undefined {
  const role = SITE_ROLES[el.getAttribute('role') ?? ''];
  if (role) return role;
  const aria = el.getAttribute('aria-label') ?? '';
  if (/breadcrumb|パンくず/i.test(aria)) return 'breadcrumbs';
  if (HEADING.test(el.tagName)) return undefined;
  // An id made from the element's heading ("recommendations" for a section "Recommendations") names the memo's text, not the site.
  const heading = el.querySelector?.('h1, h2, h3, h4, h5, h6');
  const slug = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const id = heading && slug(squash(heading.textContent ?? '')).startsWith(slug(el.id ?? '')) ? '' : el.id;
  return siteKind(markupWords([el.getAttribute('class'), id]));
}

/** The date of a `<time>` element as shown, else its machine date ("3日前" → 2020-12-01). */
export function timeText(el: Element_): string {
  const shown = squash(el.textContent ?? '');
  const machine = /^(\d{4}-\d{2}-\d{2})/.exec(el.getAttribute('datetime') ?? '')?.[1];
  return /\d{4}|\d{1,2}月/.test(shown) || !machine ? shown : machine;
}
