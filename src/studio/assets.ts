// The studio page's own script and style: src/client/studio/ bundled by esbuild (CodeMirror with
// it) once, when first asked for, and kept in memory for the process; templates/studio/studio.css as it is; and
// the deck's font, which the page falls back to for Japanese (a machine may have none of its own).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fontFile } from '../core/fonts.ts';
import { CLIENT_DIR, TEMPLATES_DIR } from '../core/paths.ts';

export interface Asset {
  type: string;
  body: string | Buffer;
}

/** The page's script, bundled once a process (a second studio in the same process reuses it). */
let script: Promise<string> | undefined;

export function studioAssets(): { get(name: string): Promise<Asset | undefined> } {
  const bundle = async (): Promise<string> => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path.join(CLIENT_DIR, 'studio', 'studio.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  };
  return {
    async get(name) {
      if (name === 'studio.js') {
        script ??= bundle();
        script.catch(() => (script = undefined));
        return { type: 'text/javascript; charset=utf-8', body: await script };
      }
      if (name === 'studio.css') return { type: 'text/css; charset=utf-8', body: readFileSync(path.join(TEMPLATES_DIR, 'studio', 'studio.css'), 'utf8') };
      const weight = /^fonts\/(400|700)\.ttf$/.exec(name)?.[1];
      if (weight) return { type: 'font/ttf', body: readFileSync(fontFile(Number(weight))) };
      return undefined;
    },
  };
}
