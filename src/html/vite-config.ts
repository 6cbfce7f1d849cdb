import { createRequire } from 'node:module';
import path from 'node:path';
import { CLIENT_DIR, FONT_CACHE_DIR, PACKAGE_ROOT, VITE_CACHE_DIR } from '../core/paths.ts';
import { fontFile } from '../core/fonts.ts';
import type { InlineConfig } from 'vite';
import { TEMPLATES_DIR } from '../core/paths.ts';
import { briefdeckPlugin, type BriefdeckPluginOptions } from './vite-plugin.ts';


export interface ViteOptions extends BriefdeckPluginOptions {
  outDir?: string;
  port?: number;
}

/** The folder of a package the dev page imports, wherever npm installed it. */
function packageDir(name: string, entry: string): string {
  const file = createRequire(path.join(PACKAGE_ROOT, 'package.json')).resolve(entry);
  const dir = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}`;
  const at = file.lastIndexOf(`${dir}${path.sep}`);
  return at < 0 ? path.dirname(file) : file.slice(0, at + dir.length);
}

/** The folders the dev server may serve files from (server.fs.allow). */
export function devServerAllow(): string[] {
  return [TEMPLATES_DIR, CLIENT_DIR, packageDir('reveal.js', 'reveal.js/reveal.css'), path.dirname(path.dirname(fontFile(400))), FONT_CACHE_DIR, VITE_CACHE_DIR];
}

/** The whole Vite configuration of a deck: the shell in templates/, the briefdeck plugin. */
export function viteConfig(options: ViteOptions): InlineConfig {
  return {
    configFile: false,
    root: TEMPLATES_DIR,
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    publicDir: false,
    cacheDir: VITE_CACHE_DIR,
    plugins: [briefdeckPlugin(options)],
    server: {
      host: '127.0.0.1',
      port: options.port ?? 5173,
      strictPort: false,
      // What the dev page loads, and nothing else: briefdeck's shell and client, the packages
      // they import, the font and Vite's caches (Vite adds its own client). Not the project's
      // other files (other decks, package.json), and not the deck's folder: the page holds the
      // slides with their images inlined, so no file of the deck is ever requested, and a link
      // in the deck's folder to a file outside it (a key, another deck) is never served.
      fs: { strict: true, allow: devServerAllow() },
      // A link in the deck's folder to a folder outside it is not the deck: not watched (a link
      // to a folder above it would loop).
      watch: { followSymlinks: false },
    },
    build: {
      outDir: options.outDir ?? path.resolve('dist', options.deck.name),
      emptyOutDir: true,
      assetsDir: 'assets',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  };
}
