// `slides/<deck>/deck.yaml`: editorial additions that the memo itself does not contain, kept
// apart so that re-importing the memo never destroys them. Validated by its schema.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeckSource } from '../deck-folder.ts';
import { readTextFile } from '../files.ts';
import type { Limits } from '../limits.ts';
import type { Diagnostic, MemoMeta } from '../types.ts';
import { deckConfigSchema } from './schema.ts';
import { readYaml } from './yaml.ts';

export const DECK_CONFIG_FILE = 'deck.yaml';

export interface DeckConfig {
  /** Editorial short label for a heading or item, looked up by its opening words. */
  labelFor(text: string): string | undefined;
  /** Corrections of the memo's front matter. */
  meta: Partial<MemoMeta>;
  /** The deck's own limits (planner and check), over the defaults. */
  limits: Partial<Limits>;
}

const NONE: DeckConfig = { labelFor: () => undefined, meta: {}, limits: {} };

/** Reads the deck's deck.yaml, if it has one; problems go to `diagnostics` with their line. */
export function readDeckConfig(deck: DeckSource, diagnostics: Diagnostic[]): DeckConfig {
  const file = path.join(deck.dir, DECK_CONFIG_FILE);
  if (!existsSync(file)) return NONE;
  const read = statSync(file).isFile() ? readTextFile(file, diagnostics, 'deck-config') : undefined;
  if (read === undefined) {
    if (!statSync(file).isFile()) diagnostics.push({ severity: 'error', code: 'deck-config-file', message: `${DECK_CONFIG_FILE} is not a file`, file, line: 1 });
    return NONE;
  }
  const data = readYaml(read, deckConfigSchema, { file, code: 'deck-config', what: DECK_CONFIG_FILE }, diagnostics);
  if (!data) return NONE;
  const entries = Object.entries(data.labels ?? {}).map(([k, v]) => [k.trim(), v] as const);
  const { authors, ...rest } = data.meta ?? {};
  return {
    labelFor: (text) => entries.find(([prefix]) => text.startsWith(prefix))?.[1],
    meta: { ...rest, ...(authors ? { authors } : {}) },
    limits: data.limits ?? {},
  };
}
