// Where decks are: a deck is a folder holding a memo.md. Light on purpose (the CLI reads it first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BriefdeckError } from './errors.ts';
import { shownPath } from './files.ts';

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
  const shown = shownPath(memoFile);
  if (!existsSync(memoFile)) throw new BriefdeckError(`${shown}: no memo source (expected ${MEMO_FILE} in the deck folder)`);
  if (!statSync(memoFile).isFile()) throw new BriefdeckError(`${shown}: the memo source is not a file`);
  return { name: path.basename(resolved), dir: resolved, memoFile };
}

/**
 * Why `dir` cannot be a new deck's folder (init, import), if it cannot: the file system's root, the
 * folder of decks itself, or a folder that holds decks — a deck is a folder of its own.
 */
export function deckFolderProblem(dir: string, slidesDir: string): string | undefined {
  const resolved = path.resolve(dir);
  if (path.dirname(resolved) === resolved) return `${resolved} is the file system's root: a deck is a folder of its own`;
  if (resolved === path.resolve(slidesDir)) return `${shownPath(resolved)} is the folder of decks itself: a deck is a folder of its own in it`;
  const holds = (d: string) => {
    try {
      return readdirSync(d).some((name) => existsSync(path.join(d, name, MEMO_FILE)) && statSync(path.join(d, name)).isDirectory());
    } catch {
      return false;
    }
  };
  if (holds(resolved) || holds(path.join(resolved, 'slides'))) return `${shownPath(resolved)} holds decks: a deck is a folder of its own beside them`;
  return undefined;
}
