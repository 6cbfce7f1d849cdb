// What a Mermaid diagram of the memo may ask for, and what its SVG may hold. A deck must never
// fetch anything when it is opened: Mermaid's configuration directives (`%%{init: …}%%`, or a
// `config:` front matter) could turn HTML labels on or inject CSS with remote URLs, and styles or
// image nodes could point at other hosts. Pure functions.
import { parse as parseYaml } from 'yaml';

export interface DiagramProblem {
  /** Line within the diagram's code (1-based). */
  line: number;
  message: string;
}

/** Settings that may never come from a memo, whatever their value. */
const FORBIDDEN_KEYS = new Set([
  'htmllabels',
  'themecss',
  'securitylevel',
  'secure',
  'startonload',
  'maxtextsize',
  'maxedges',
  'dompurifyconfig',
  'arrowmarkerabsolute',
  'legacymathml',
  'forcelegacymathml',
  'icons',
  'iconpacks',
]);

/** A harmless setting value: a number, a boolean, or a short word-like string (a colour, a name). */
const SAFE_STRING = /^[\w .,%#()+-]{0,80}$/u;
const UNSAFE_STRING = /url\s*\(|@import|expression\s*\(|javascript/i;

function valueProblems(value: unknown, path: string): string[] {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return [];
  if (typeof value === 'string') {
    return SAFE_STRING.test(value) && !UNSAFE_STRING.test(value) ? [] : [`"${path}" may only be a plain word, number or colour, not "${value.slice(0, 40)}"`];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => valueProblems(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
      const name = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key.toLowerCase()) || key.startsWith('__') || key.includes('proto')) return [`the setting "${name}" is not allowed in a memo's diagram`];
      return valueProblems(v, name);
    });
  }
  return [`"${path}" has a value of an unexpected kind`];
}

const DIRECTIVE = /%%\{\s*(\w+)\s*(?::\s*([\s\S]*?))?\s*\}%%/g;

/** Problems with a diagram's configuration directives and front matter; none when it has none. */
export function diagramConfigProblems(code: string): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const lineAt = (index: number) => code.slice(0, index).split('\n').length;
  for (const match of code.matchAll(DIRECTIVE)) {
    const [, type = '', args] = match;
    const line = lineAt(match.index);
    const kind = type.toLowerCase();
    if (kind === 'wrap') continue;
    if (kind !== 'init' && kind !== 'initialize') {
      problems.push({ line, message: `the Mermaid directive "%%{${type}}%%" is not allowed in a memo (only init with plain settings, and wrap)` });
      continue;
    }
    let settings: unknown;
    try {
      // Mermaid reads a directive as JSON with single quotes allowed.
      settings = JSON.parse((args ?? '{}').replace(/'/g, '"'));
    } catch {
      problems.push({ line, message: 'the %%{init: …}%% directive is not valid JSON' });
      continue;
    }
    for (const message of valueProblems(settings, '')) problems.push({ line, message });
  }
  // Node shapes with an image (`A@{ img: "https://…" }`) load it when drawn, and in the deck.
  for (const match of code.matchAll(/@\{[^}]*\b(img|icon)\s*:/g)) {
    problems.push({ line: lineAt(match.index), message: `a node with an ${match[1] === 'img' ? 'image' : 'icon'} ("${match[1]}:") is not allowed in a memo's diagram: it would be fetched from elsewhere` });
  }
  // Mermaid's own front matter: `---` lines at the top, with `title:` and `config:`.
  const front = /^\s*---\s*\n([\s\S]*?)\n\s*---\s*(?:\n|$)/.exec(code);
  if (front) {
    let data: unknown;
    try {
      data = parseYaml(front[1] ?? '', { maxAliasCount: 10 });
    } catch {
      return [...problems, { line: 1, message: "the diagram's front matter is not valid YAML" }];
    }
    if (data && typeof data === 'object') {
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        if (key === 'title') {
          if (typeof value !== 'string') problems.push({ line: 1, message: 'the diagram\'s "title" must be text' });
        } else if (key === 'config' || key === 'displayMode') {
          for (const message of valueProblems(value, key)) problems.push({ line: 1, message });
        } else problems.push({ line: 1, message: `the diagram's front matter key "${key}" is not allowed in a memo` });
      }
    }
  }
  return problems;
}

/**
 * Anything in a rendered SVG that a browser would load from elsewhere: an image, an embedded
 * HTML object, a CSS `url()` or `@import` that is not a reference within the SVG (`#id`).
 */
export function externalReferences(svg: string): string[] {
  const found: string[] = [];
  for (const m of svg.matchAll(/<(image|foreignObject|feImage|use|iframe|img|object|embed|video|audio|source|script)\b/gi)) {
    const tag = m[1]!.toLowerCase();
    if (tag === 'use') continue; // checked by its href below
    found.push(`<${m[1]}>`);
  }
  for (const m of svg.matchAll(/\b(?:xlink:)?(?:href|src)\s*=\s*(["'])(.*?)\1/gi)) {
    const value = m[2]!.trim();
    if (!value.startsWith('#')) found.push(value);
  }
  for (const m of svg.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    const value = m[2]!.trim();
    if (!value.startsWith('#')) found.push(`url(${value})`);
  }
  if (/@import/i.test(svg)) found.push('@import');
  return [...new Set(found)];
}
