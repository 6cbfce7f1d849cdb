#!/usr/bin/env node
// The `briefdeck` command. It runs the TypeScript sources compiled to plain JavaScript (esbuild,
// cached under node_modules/.cache/briefdeck/cli/), not through a TypeScript loader: a loader
// hooks every module Node loads, and doubled the start of each command (vite, puppeteer, …).
// The compiled copy is used only while every source it was built from is unchanged (size and
// modification time); otherwise it is rebuilt first, which takes a fraction of a second.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(SRC, '../node_modules/.cache/briefdeck/cli');
const MANIFEST = path.join(CACHE, 'manifest.json');

/** The compiled entry, if it was built from the sources as they are now. */
function current() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
  for (const [file, { size, mtimeMs }] of Object.entries(manifest.inputs)) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return undefined;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
  }
  return path.join(CACHE, manifest.dir, 'cli.js');
}

/** Compiles src/cli.ts and what it imports (packages stay imports) into a new folder. */
async function compile() {
  const { build } = await import('esbuild');
  const dir = `build-${process.pid}-${Date.now().toString(36)}`;
  const outdir = path.join(CACHE, dir);
  const result = await build({
    entryPoints: { cli: path.join(SRC, 'cli.ts') },
    outdir,
    bundle: true,
    splitting: true, // what the CLI imports lazily (vite, puppeteer) stays lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'error',
    plugins: [sourceUrls],
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    const { size, mtimeMs } = statSync(file);
    inputs[file] = { size, mtimeMs };
  }
  // Another command may be running an older build: leave those of the last hour alone.
  for (const name of readdirSync(CACHE)) {
    const old = path.join(CACHE, name);
    if (name.startsWith('build-') && name !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  const tmp = `${MANIFEST}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  renameSync(tmp, MANIFEST);
  return path.join(outdir, 'cli.js');
}

/** Each module keeps its own `import.meta.url` (paths next to it: templates/, the client). */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

mkdirSync(CACHE, { recursive: true });
const entry = current() ?? (await compile());
process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
