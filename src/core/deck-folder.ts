// Where decks are: a deck is a folder holding a memo.md. Light on purpose (the CLI reads it first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BriefdeckError } from './errors.ts';

export const MEMO_FILE = 'memo.md';
/** The organisation's look for every deck: a file at the root of the slides folder. */
export const BRAND_CONFIG_FILE = 'brand.yaml';

export interface DeckSource {
  name: string;
  dir: string;
  memoFile: string;
}

/** Every folder of `slidesDir` that holds a memo.md, by name. */
export function findDecks(slidesDir: string): DeckSource[] {
  if (!existsSync(slidesDir)) throw new BriefdeckError(`no slides folder at ${slidesDir}`);
  return readdirSync(slidesDir)
    .filter((name) => statSync(path.join(slidesDir, name)).isDirectory() && existsSync(path.join(slidesDir, name, MEMO_FILE)))
    .sort()
    .map((name) => deckAt(path.join(slidesDir, name)));
}

export function deckAt(dir: string): DeckSource {
  const resolved = path.resolve(dir);
  const memoFile = path.join(resolved, MEMO_FILE);
  const shown = path.relative(process.cwd(), memoFile) || memoFile;
  if (!existsSync(memoFile)) throw new BriefdeckError(`${shown}: no memo source (expected ${MEMO_FILE} in the deck folder)`);
  if (!statSync(memoFile).isFile()) throw new BriefdeckError(`${shown}: the memo source is not a file`);
  return { name: path.basename(resolved), dir: resolved, memoFile };
}
