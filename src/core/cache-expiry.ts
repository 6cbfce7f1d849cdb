// The caches (fonts cut to a deck, diagrams drawn, slides fitted, pictures for the PowerPoint file,
// bundles) keep an entry for every text, diagram and set of characters a deck ever had: a person
// editing for weeks would fill the disk. Once a day, the first build removes the entries no run
// has written for 30 days; one still in use is then made again once.
import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DAY_MS = 24 * 3600 * 1000;
/** An entry not written for this long goes. */
export const CACHE_MAX_AGE_MS = 30 * DAY_MS;
/** The file whose time says when the caches were last looked through. */
const MARKER = '.expired';

/**
 * Removes the entries of `dirs` older than CACHE_MAX_AGE_MS, at most once a day (a marker in
 * `cacheDir` says when it last did). Hidden names (temporary files, the bundles' own records) are
 * left to their owners. Returns the entries removed.
 */
export function expireCaches(cacheDir: string, dirs: string[], now = Date.now()): string[] {
  const marker = path.join(cacheDir, MARKER);
  try {
    if (now - statSync(marker).mtimeMs < DAY_MS) return [];
  } catch {
    // Never looked through: now.
  }
  try {
    writeFileSync(marker, '');
    utimesSync(marker, now / 1000, now / 1000);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const entry = path.join(dir, name);
      try {
        if (now - statSync(entry).mtimeMs <= CACHE_MAX_AGE_MS) continue;
        rmSync(entry, { recursive: true, force: true });
        removed.push(entry);
      } catch {
        // Gone meanwhile (another run looking through them too).
      }
    }
  }
  return removed;
}
