import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';
import { TEMPLATES_DIR } from '../theme.ts';
import { briefdeckPlugin, type BriefdeckPluginOptions } from './plugin.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Fonts cut to a deck's characters, rendered diagrams and bundles, kept between runs. */
export const CACHE_DIR = path.resolve(process.env.BRIEFDECK_CACHE_DIR || path.join(PROJECT_ROOT, 'node_modules/.cache/briefdeck'));
export const FONT_CACHE_DIR = path.join(CACHE_DIR, 'fonts');

export interface ViteOptions extends BriefdeckPluginOptions {
  outDir?: string;
  port?: number;
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
    cacheDir: path.join(PROJECT_ROOT, 'node_modules/.vite'),
    plugins: [briefdeckPlugin(options)],
    server: {
      host: '127.0.0.1',
      port: options.port ?? 5173,
      strictPort: false,
      fs: { allow: [PROJECT_ROOT] },
    },
    build: {
      outDir: options.outDir ?? path.join(PROJECT_ROOT, 'dist', options.deck.name),
      emptyOutDir: true,
      assetsDir: 'assets',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  };
}
