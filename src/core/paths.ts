// Where things are. briefdeck's own files (templates, the deck's client code) are found from the
// installed package; everything it makes goes to the user's folder: decks under ./slides,
// outputs under ./dist, caches under ./node_modules/.cache/briefdeck or the system's cache folder.
// Nothing is ever written into the installed package.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of briefdeck's package.json, from this module's place (src/ or the packed lib/). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'briefdeck') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`briefdeck's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The installed package (read-only for briefdeck). */
export const PACKAGE_ROOT = packageRoot();
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');
/** The code that runs in the deck's page, bundled by Vite (shipped as TypeScript sources). */
export const CLIENT_DIR = path.join(PACKAGE_ROOT, 'src', 'client');

export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The system's folder for caches: XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows. */
function systemCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'briefdeck');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'briefdeck', 'Cache');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'briefdeck');
}

/**
 * Where fonts cut to a deck, rendered diagrams and bundles are kept between runs:
 * BRIEFDECK_CACHE_DIR, else the current folder's node_modules/.cache/briefdeck (as other tools
 * do), else the system's cache folder.
 */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), platform = process.platform): string {
  if (env.BRIEFDECK_CACHE_DIR) return path.resolve(cwd, env.BRIEFDECK_CACHE_DIR);
  const modules = path.join(cwd, 'node_modules');
  if (existsSync(modules)) return path.join(modules, '.cache', 'briefdeck');
  return systemCacheDir(env, platform);
}

export const CACHE_DIR = resolveCacheDir();
export const FONT_CACHE_DIR = path.join(CACHE_DIR, 'fonts');
export const DIAGRAM_CACHE_DIR = path.join(CACHE_DIR, 'diagrams');
export const BUNDLE_CACHE_DIR = path.join(CACHE_DIR, 'bundles');
export const VITE_CACHE_DIR = path.join(CACHE_DIR, 'vite');
/** Body sizes fitted to each slide's room, by the slide's markup. */
export const FIT_CACHE_DIR = path.join(CACHE_DIR, 'fit');
/** What each dist/<deck>/ was last built from and left (pipeline/up-to-date.ts), by the folder's path. */
export const BUILD_RECORD_DIR = path.join(CACHE_DIR, 'builds');
/** The PowerPoint file's pictures drawn as PNG, by what they were drawn from. */
export const PICTURE_CACHE_DIR = path.join(CACHE_DIR, 'pictures');
