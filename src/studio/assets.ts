// The studio page's own script and style: src/client/studio/ bundled by esbuild (CodeMirror with
// it) — in the installed tool, when it was packed (lib/studio.js, src/bin.js); in a checkout, once a
// process, when first asked for — templates/studio/studio.css as it is; and the deck's font, which
// the page falls back to for Japanese (a machine may have none of its own).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fontFile } from '../core/fonts.ts';
import { CLIENT_DIR, TEMPLATES_DIR } from '../core/paths.ts';
import { packedFile } from '../core/vendored.ts';
import SCRIPT_BUILD from './script-build.json' with { type: 'json' };

export interface Asset {
  type: string;
  body: string | Buffer;
}

/** The page's script, read or bundled once a process (a second studio in the same process reuses it). */
let script: Promise<string> | undefined;

/** The page's script: as packed, or bundled from the sources with the options packing uses (script-build.json). */
async function bundle(): Promise<string> {
  const packed = packedFile('studio.js');
  if (packed) return readFileSync(packed, 'utf8');
  const { build } = await import('esbuild');
  const options = SCRIPT_BUILD as Omit<import('esbuild').BuildOptions, 'entryPoints' | 'write'>;
  const result = await build({ ...options, entryPoints: [path.join(CLIENT_DIR, 'studio', 'studio.ts')], write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

export function studioAssets(): { get(name: string): Promise<Asset | undefined> } {
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
