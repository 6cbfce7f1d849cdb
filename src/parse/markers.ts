// The structure markers a heading may end with ({#id .role serves="id"}, read by markdown-it-attrs):
// which roles there are, the role a heading's classes give it, and a marker that could not be read.
import type { PartRole, SectionRole } from '../model/types.ts';
import type { Report } from './checks.ts';
import { MARKER_START } from './markdown.ts';

/** Structure markers, written as `{.marker}` after a heading. */
export const SECTION_MARKERS: Record<string, SectionRole> = {
  assessment: 'assessment',
  challenges: 'challenges',
  initiatives: 'initiatives',
};
export const PART_MARKERS: Record<string, PartRole> = { approach: 'approach', initiative: 'initiative' };

/**
 * The `{…}` group a heading ends with, if it reads like a marker: what follows its `{` is `#id`,
 * `.role` or `name=` (markdown.ts MARKER_START). How many braces open and close it, and its quotes.
 */
function trailingMarker(text: string): { text: string; opens: number; closes: number; quotes: number } | undefined {
  const match = /(?<!\\)(\{+)([^{}]*)(\}*)\s*$/.exec(text);
  if (!match || !MARKER_START.test(match[2]!)) return undefined;
  return { text: match[0].trim(), opens: match[1]!.length, closes: match[3]!.length, quotes: (match[2]!.match(/"/g) ?? []).length };
}

/**
 * A `{…}` marker that markdown-it-attrs could not read (a quote left open, no closing brace, a
 * brace doubled) stays in the heading as text, or half of it does: its slides would show it in
 * their titles and the part would lose its role without a word. An error at its line. A
 * trailing `{…}` is a marker when what follows its `{` starts like one — `#id`, `.role` or
 * `name=` — so `## Set {a, b}` is text (markdown.ts keeps it so), and `{serves="a .initiative}`
 * is a marker that cannot be read. `raw` is the heading as written, `text` what is left of it.
 */
export function checkMarker(raw: string, text: string, line: number, report: Report): void {
  const written = trailingMarker(raw);
  if (!written) return;
  // Written well, yet what is left of the heading still ends in one: a second marker, or one unread.
  const marker = written.opens !== 1 || written.closes !== 1 || written.quotes % 2 === 1 ? written : trailingMarker(text);
  if (!marker) return;
  const why =
    marker.quotes % 2 === 1
      ? 'a quote (") in it is never closed'
      : marker.closes === 0
        ? 'it has no closing "}"'
        : marker.opens > 1 || marker.closes > 1
          ? `its brace is doubled: ${marker.opens > 1 ? '{{' : '}}'}`
          : 'a heading takes one marker, at its end: this one is left over';
  report(
    line,
    'marker-unreadable',
    `the marker "${marker.text}" cannot be read (${why}): it would show in the slide titles as text, and the heading would lose its role`,
    marker.quotes % 2 === 1 ? `close the quote (serves="approach-1") or delete it; a marker is written {#id .role serves="id"} at the end of the heading` : 'a marker is written {#id .role serves="id"} at the end of the heading, once',
  );
}

/** The role the heading's classes give it (the last known one), else `fallback`; an unknown one is an error. */
export function markerRole<R extends string>(classes: string[], markers: Record<string, R>, fallback: R, line: number, level: string, report: Report): R {
  let role = fallback;
  for (const name of classes) {
    const known = markers[name];
    if (known) role = known;
    else {
      const list = Object.keys(markers).map((m) => `{.${m}}`).join(', ');
      report(line, 'unknown-marker', `unknown structure marker "{.${name}}" on a "${level}" heading`, `markers for "${level}" headings: ${list}`);
    }
  }
  return role;
}
