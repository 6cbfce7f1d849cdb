// The folder the studio works in: a project folder (its decks under slides/, outputs in dist/, as
// the CLI has them), or one deck folder (a memo.md in it). Every file the studio reads or writes
// lies inside it, its symlinks followed (core/confine.ts).
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { deckAt, findDecks, MEMO_FILE, type DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError } from '../core/errors.ts';

export interface StudioFolder {
  /** The folder itself, its symlinks followed. */
  root: string;
  /** Where decks are (root/slides), or undefined when root is one deck's folder. */
  slidesDir?: string;
  /** Where outputs go, as the CLI puts them (root/dist). */
  outDir: string;
}

export function studioFolder(dir: string): StudioFolder {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    throw new BriefdeckError(`${dir}: no such folder`, [], 2);
  }
  if (!statSync(root).isDirectory()) throw new BriefdeckError(`${dir}: is a file: give the folder holding slides/ (or a deck folder)`, [], 2);
  if (existsSync(path.join(root, MEMO_FILE))) return { root, outDir: path.join(path.dirname(root), 'dist') };
  return { root, slidesDir: path.join(root, 'slides'), outDir: path.join(root, 'dist') };
}

/** The decks of the folder, by name. */
export function studioDecks(folder: StudioFolder): DeckSource[] {
  if (!folder.slidesDir) return [deckAt(folder.root)];
  if (!existsSync(folder.slidesDir)) return [];
  return findDecks(folder.slidesDir);
}

/** The deck named `name`, or undefined (a name is a folder name under slides/, never a path). */
export function studioDeck(folder: StudioFolder, name: string): DeckSource | undefined {
  return studioDecks(folder).find((d) => d.name === name);
}

/**
 * Why `name` cannot be a new deck's folder name, or undefined: a plain folder name (no slash,
 * no leading dot, no control characters), and no deck of that name yet.
 */
export function newDeckProblem(folder: StudioFolder, name: string): string | undefined {
  if (!folder.slidesDir) return 'the studio was opened on one deck\'s folder: open it on the folder holding slides/ to make new decks';
  if (!name.trim()) return 'give the deck a name';
  if (name.length > 100) return 'the name is too long (100 characters at most)';
  // eslint-disable-next-line no-control-regex
  if (/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(name) || name.startsWith('.') || name !== name.trim()) return `"${name}" cannot be a folder name: use letters, digits, spaces, - or _ (no / \\ : * ? " < > |, not starting with a dot)`;
  if (existsSync(path.join(folder.slidesDir, name))) return `a deck named "${name}" exists: choose another name`;
  return undefined;
}

/** The folder a new deck goes into (made when it is written). */
export function newDeckDir(folder: StudioFolder, name: string): string {
  mkdirSync(folder.slidesDir!, { recursive: true });
  return path.join(folder.slidesDir!, name);
}

/** A memo's version: a digest of its bytes (what a save says it started from). */
export function versionOf(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** memo.md as it is on disk, and its version. */
export function readMemo(deck: DeckSource): { text: string; version: string } {
  const bytes = readFileSync(deck.memoFile);
  return { text: bytes.toString('utf8'), version: versionOf(bytes) };
}
