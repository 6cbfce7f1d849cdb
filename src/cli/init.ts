// `briefdeck init <deck>`: a new deck folder with a memo.md that shows every structure marker
// (each with a line of explanation) and a deck.yaml with the configuration keys, commented.
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../core/paths.ts';
import { BriefdeckError } from '../core/errors.ts';
import { deckFolderProblem } from '../core/deck-folder.ts';
import { shownPath, writeFileAtomic } from '../core/files.ts';

const FILES = ['memo.md', 'deck.yaml'];

/**
 * The folder `init <name>` writes into: a name is a folder under the slides folder, a name with a
 * slash a path. Never the slides folder itself, nor a folder above it: that is no deck of its own.
 */
export function initTarget(name: string, slidesDir: string): string {
  if (name.trim() === '') throw new BriefdeckError('init needs a name for the deck: briefdeck init <name> (a folder under the slides folder, or a path)');
  const isPath = /[\\/]/.test(name);
  const dir = isPath ? path.resolve(name) : path.resolve(slidesDir, name);
  const shownSlides = shownPath(slidesDir);
  if (!isPath && (name === '.' || name === '..')) throw new BriefdeckError(`"${name}" is not a deck name: a deck is a folder of its own under ${shownSlides} (briefdeck init <name>)`);
  const problem = deckFolderProblem(dir, slidesDir);
  if (problem) throw new BriefdeckError(`${problem} (briefdeck init <name>)`);
  return dir;
}

/** A path as one word for the shell: quoted when it holds anything a shell would read apart. */
export function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/u.test(text)) return text;
  if (process.platform === 'win32') return `"${text}"`;
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** Writes the starter files into `dir`; returns their paths. Refuses to overwrite without `force`. */
export function initDeck(dir: string, force: boolean): string[] {
  const targets = FILES.map((name) => path.join(dir, name));
  // (A link counts as there, even one that leads nowhere.)
  const existing = targets.filter((file) => existsSync(file) || !!lstatSync(file, { throwIfNoEntry: false }));
  if (existing.length > 0 && !force) {
    throw new BriefdeckError(`${existing.map(shownPath).join(' and ')} already ${existing.length > 1 ? 'exist' : 'exists'}: add --force to replace`);
  }
  mkdirSync(dir, { recursive: true });
  // Each replaced whole (a memo.md that is a link is replaced, never written through to where it leads).
  FILES.forEach((name, i) => writeFileAtomic(targets[i]!, readFileSync(path.join(TEMPLATES_DIR, 'init', name))));
  return targets;
}
