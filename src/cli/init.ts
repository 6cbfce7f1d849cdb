// `briefdeck init <deck>`: a new deck folder with a memo.md that shows every structure marker
// (each with a line of explanation) and a deck.yaml with the configuration keys, commented.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../core/paths.ts';
import { BriefdeckError } from '../core/errors.ts';

const FILES = ['memo.md', 'deck.yaml'];

/** Writes the starter files into `dir`; returns their paths. Refuses to overwrite without `force`. */
export function initDeck(dir: string, force: boolean): string[] {
  const targets = FILES.map((name) => path.join(dir, name));
  const existing = targets.filter((file) => existsSync(file));
  if (existing.length > 0 && !force) {
    throw new BriefdeckError(`${existing.map((f) => path.relative(process.cwd(), f) || f).join(' and ')} already ${existing.length > 1 ? 'exist' : 'exists'}: add --force to replace`);
  }
  mkdirSync(dir, { recursive: true });
  FILES.forEach((name, i) => copyFileSync(path.join(TEMPLATES_DIR, 'init', name), targets[i]!));
  return targets;
}
