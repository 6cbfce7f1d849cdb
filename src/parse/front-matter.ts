import { parse as parseYaml, YAMLParseError } from 'yaml';
import { diagnostic } from '../errors.ts';
import type { Diagnostic, MemoMeta } from '../types.ts';

const KNOWN_KEYS = new Set(['title', 'series', 'authors', 'publisher', 'program', 'language', 'source']);

/**
 * Reads the memo's front matter (YAML between `---` lines at the top of the file).
 * `yamlText` starts on line 2 of the file. Problems are added to `diagnostics`.
 */
export function parseFrontMatter(yamlText: string, file: string, diagnostics: Diagnostic[]): MemoMeta | undefined {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = 1 + (error.linePos?.[0]?.line ?? 1);
      const message = error.message.split('\n')[0] ?? error.message;
      diagnostics.push(diagnostic({ file, line }, 'front-matter-yaml', `front matter is not valid YAML: ${message}`));
      return undefined;
    }
    throw error;
  }
  const at = { file, line: 1 };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    diagnostics.push(diagnostic(at, 'front-matter-shape', 'front matter must be a YAML mapping (key: value lines)'));
    return undefined;
  }
  const record = data as Record<string, unknown>;
  const lineOf = (key: string) => {
    const index = yamlText.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return { file, line: index < 0 ? 1 : index + 2 };
  };
  const text = (key: string, required: boolean): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null) {
      if (required) diagnostics.push(diagnostic(at, 'front-matter-missing', `front matter has no "${key}"`, `add a line "${key}: …" between the --- lines`));
      return undefined;
    }
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
    diagnostics.push(diagnostic(lineOf(key), 'front-matter-type', `front matter "${key}" must be text`));
    return undefined;
  };
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) {
      diagnostics.push(diagnostic(lineOf(key), 'front-matter-key', `unknown front matter key "${key}"`, `known keys: ${[...KNOWN_KEYS].join(', ')}`));
    }
  }
  const title = text('title', true);
  const rawAuthors = record.authors;
  let authors: string[] = [];
  if (typeof rawAuthors === 'string') authors = [rawAuthors.trim()];
  else if (Array.isArray(rawAuthors) && rawAuthors.every((a) => typeof a === 'string')) authors = rawAuthors.map((a: string) => a.trim());
  else if (rawAuthors !== undefined) diagnostics.push(diagnostic(lineOf('authors'), 'front-matter-type', 'front matter "authors" must be a name or a list of names'));
  const meta: MemoMeta = {
    title: title ?? '',
    authors,
    language: text('language', false) ?? 'ja',
  };
  for (const key of ['series', 'publisher', 'program', 'source'] as const) {
    const value = text(key, false);
    if (value) meta[key] = value;
  }
  return title === undefined ? undefined : meta;
}
