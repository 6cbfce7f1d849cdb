// Whether files changed since a moment: their size and modification time, recorded and compared.
// What the bundle cache, the dev server's second look at a saved deck and `build`'s "up to date" go by.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, TEMPLATES_DIR } from './paths.ts';

export type Stamps = Record<string, [size: number, mtimeMs: number]>;

/** Size and modification time of each file (a missing file has none). */
export function stamps(files: Iterable<string>): Stamps {
  const result: Stamps = {};
  for (const file of files) {
    try {
      const { size, mtimeMs } = statSync(file);
      result[file] = [size, mtimeMs];
    } catch {
      // Gone: it has no stamp, which no recorded stamp equals.
    }
  }
  return result;
}

/** True while every recorded file still has its recorded size and modification time. */
export function unchanged(recorded: Stamps): boolean {
  const now = stamps(Object.keys(recorded));
  return Object.entries(recorded).every(([file, [size, mtimeMs]]) => now[file]?.[0] === size && now[file]?.[1] === mtimeMs);
}

/** Every file under `dir` (recursively). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * briefdeck's own files, which every output depends on: its code (the sources in a checkout, the
 * compiled lib/ when installed), its templates, and the versions of its packages.
 */
export function toolFiles(): string[] {
  const code = ['src', 'lib'].map((dir) => path.join(PACKAGE_ROOT, dir)).filter((dir) => existsSync(dir));
  const versions = ['package-lock.json', 'package.json'].map((f) => path.join(PACKAGE_ROOT, f)).filter((f) => existsSync(f));
  return [...code.flatMap((dir) => filesUnder(dir)), ...filesUnder(TEMPLATES_DIR), ...versions];
}
