import path from 'node:path';
import { PACKAGE_ROOT, VITE_CACHE_DIR } from '../core/paths.ts';
import type { InlineConfig } from 'vite';
import { TEMPLATES_DIR } from '../core/paths.ts';
import { briefdeckPlugin, type BriefdeckPluginOptions } from './vite-plugin.ts';


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
    cacheDir: VITE_CACHE_DIR,
    plugins: [briefdeckPlugin(options)],
    server: {
      host: '127.0.0.1',
      port: options.port ?? 5173,
      strictPort: false,
      fs: { allow: [PACKAGE_ROOT, options.deck.dir] },
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
