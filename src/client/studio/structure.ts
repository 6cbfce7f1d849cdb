// The memo's structure markers in words: a heading's `{.initiative serves=approach-1}` is read as
// "Initiative · serves approach-1", and its role can be changed from a menu, which rewrites the
// marker and keeps the rest of it (its id, serves=). Pure text functions: the editor shows them.

export interface Role {
  /** The marker's class, or '' for none. */
  role: string;
  /** The heading level it belongs on. */
  level: 2 | 3;
  /** What it is, in words. */
  label: string;
}

export const ROLES: Role[] = [
  { role: '', level: 2, label: 'Section' },
  { role: 'initiatives', level: 2, label: 'Section of initiatives' },
  { role: 'assessment', level: 2, label: 'Assessment (its parts one by one)' },
  { role: 'challenges', level: 2, label: 'Challenges' },
  { role: '', level: 3, label: 'Part' },
  { role: 'initiative', level: 3, label: 'Initiative (its list: recommendations)' },
  { role: 'approach', level: 3, label: 'Approach (a node of the framework)' },
];

const ROLE_NAMES = new Set(ROLES.map((r) => r.role).filter(Boolean));

export interface MarkedHeading {
  level: number;
  /** The heading's text without its marker. */
  title: string;
  /** Where the marker starts and ends in the line (`{` … `}`), if it has one. */
  marker?: { from: number; to: number; tokens: string[] };
  role: string;
  id?: string;
  serves: string[];
}

/** A `##` or `###` heading line with its marker read; undefined for any other line. */
export function readHeading(line: string): MarkedHeading | undefined {
  const m = /^(#{2,3})[ \t]+(.*?)[ \t]*$/.exec(line);
  if (!m) return undefined;
  const level = m[1]!.length;
  const rest = m[2]!;
  const braces = /[ \t]*\{([#.]|[\w-]+=)([^{}]*)\}$/.exec(rest);
  if (!braces) return { level, title: rest, role: '', serves: [] };
  const inner = rest.slice(braces.index).trim().slice(1, -1);
  const tokens = inner.split(/\s+/).filter(Boolean);
  // The marker is the line's last `{…}` (no braces inside it).
  const from = line.lastIndexOf('{');
  const to = line.trimEnd().length;
  const role = tokens.find((t) => t.startsWith('.') && ROLE_NAMES.has(t.slice(1)))?.slice(1) ?? '';
  const id = tokens.find((t) => t.startsWith('#'))?.slice(1);
  const serves = tokens.find((t) => t.startsWith('serves='))?.slice('serves='.length).replace(/^["']|["']$/g, '').split(',').filter(Boolean) ?? [];
  return { level, title: rest.slice(0, braces.index), marker: { from, to, tokens }, role, ...(id ? { id } : {}), serves };
}

/** The heading's marker in words: "Initiative · serves approach-1". */
export function describeHeading(heading: MarkedHeading): string {
  const role = ROLES.find((r) => r.role === heading.role && r.level === heading.level) ?? ROLES.find((r) => r.role === heading.role);
  const words = [role?.label.replace(/ \(.*\)$/, '') ?? heading.role];
  if (heading.id) words.push(`id ${heading.id}`);
  if (heading.serves.length) words.push(`serves ${heading.serves.join(', ')}`);
  return words.join(' · ');
}

/**
 * The heading line with its role set to `role` ('' for none): the other parts of its marker kept;
 * an approach gets an id (approach-N, the first N not in `usedIds`) when it has none, for
 * initiatives to serve. The marker goes when nothing is left in it.
 */
export function withRole(line: string, role: string, usedIds: Set<string>): string {
  const heading = readHeading(line);
  if (!heading) return line;
  // Only an initiative serves approaches.
  const kept = (heading.marker?.tokens ?? []).filter((t) => !(t.startsWith('.') && ROLE_NAMES.has(t.slice(1))) && (role === 'initiative' || !t.startsWith('serves=')));
  const tokens = role ? [`.${role}`, ...kept] : kept;
  if (role === 'approach' && !tokens.some((t) => t.startsWith('#'))) {
    let n = 1;
    while (usedIds.has(`approach-${n}`)) n++;
    tokens.unshift(`#approach-${n}`);
  }
  const hashes = '#'.repeat(heading.level);
  return `${hashes} ${heading.title.trimEnd()}${tokens.length ? ` {${tokens.join(' ')}}` : ''}`;
}

/** The ids the memo's headings carry (`{#id …}`). */
export function headingIds(text: string): Set<string> {
  return new Set([...text.matchAll(/\{[^{}\n]*#([\w-]+)[^{}\n]*\}[ \t]*$/gm)].map((m) => m[1]!));
}
