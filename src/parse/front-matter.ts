import { frontMatterSchema } from '../config/schema.ts';
import { readYaml } from '../config/yaml.ts';
import type { Diagnostic, MemoMeta } from '../model/types.ts';

/**
 * Reads the memo's front matter (YAML between `---` lines at the top of the file), validated by
 * its schema. `yamlText` starts on line 2 of the file. Problems are added to `diagnostics`.
 */
export function parseFrontMatter(yamlText: string, file: string, diagnostics: Diagnostic[]): MemoMeta | undefined {
  const data = readYaml(yamlText, frontMatterSchema, { file, firstLine: 2, code: 'front-matter', what: 'front matter' }, diagnostics);
  if (!data) return undefined;
  const { title, authors, language, ...rest } = data;
  const meta: MemoMeta = { title, authors: authors ?? [], language: language ?? 'ja' };
  for (const [key, value] of Object.entries(rest)) if (value) meta[key as 'series'] = value;
  return meta;
}
