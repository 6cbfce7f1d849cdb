// Bundles kept for reuse. A deck's bundle (script, styles, font files and the page around the
// slides) depends on briefdeck's own files and on the characters the deck's font is cut to, not
// on the memo's words: after a text edit the bundle is reused and only the slides are filled in.
// An entry is used only while every file it was made from is unchanged (size, modification time).
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stamps, unchanged, type Stamps } from '../core/stamps.ts';

const INPUTS_FILE = '.inputs.json';
/** Entries kept: the most recently used. */
const KEEP = 8;

export function bundleKey(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 20);
}

/** Copies the entry `key` into `into` if it is still good; false if there is none to use. */
export function restoreBundle(cacheDir: string, key: string, into: string): boolean {
  const entry = path.join(cacheDir, key);
  let recorded: Stamps;
  try {
    recorded = JSON.parse(readFileSync(path.join(entry, INPUTS_FILE), 'utf8')) as Stamps;
  } catch {
    return false;
  }
  if (!unchanged(recorded)) return false;
  try {
    rmSync(into, { recursive: true, force: true });
    cpSync(entry, into, { recursive: true, filter: (file) => path.basename(file) !== INPUTS_FILE });
    const now = new Date();
    utimesSync(entry, now, now);
    return true;
  } catch {
    // Replaced by another build while it was being copied: bundle afresh.
    rmSync(into, { recursive: true, force: true });
    return false;
  }
}

/** Keeps a copy of the bundle in `from` as entry `key`, made from `inputs`. */
export function storeBundle(cacheDir: string, key: string, from: string, inputs: Iterable<string>): void {
  const entry = path.join(cacheDir, key);
  const tmp = path.join(cacheDir, `.${key}.tmp-${process.pid}`);
  mkdirSync(cacheDir, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  cpSync(from, tmp, { recursive: true });
  writeFileSync(path.join(tmp, INPUTS_FILE), JSON.stringify(stamps(new Set(inputs))));
  rmSync(entry, { recursive: true, force: true });
  try {
    renameSync(tmp, entry);
  } catch {
    // Another build stored the same entry just now.
    rmSync(tmp, { recursive: true, force: true });
  }
  const entries = readdirSync(cacheDir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, used: statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(KEEP)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}
