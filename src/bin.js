#!/usr/bin/env node
// The `briefdeck` command. Installed from npm, it runs the JavaScript compiled when the package
// was packed (lib/cli.js). In a checkout of its sources it runs them compiled to plain JavaScript
// (esbuild, cached under node_modules/.cache/briefdeck/cli/<source folder>/), not through a
// TypeScript loader: a loader hooks every module Node loads, and doubled the start of each
// command. The compiled copy is used only while every source it was built from is unchanged
// (size and modification time); otherwise it is rebuilt first, in a fraction of a second.
// `node src/bin.js --compile-to <dir>` compiles for packing (prepack).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const PACKED = path.join(SRC, '../lib/cli.js');
// Keyed by the source folder: two checkouts sharing one node_modules each run their own code.
const SOURCE_KEY = createHash('sha256').update(realpathSync(SRC)).digest('hex').slice(0, 12);
const CACHE = path.join(SRC, '../node_modules/.cache/briefdeck/cli', SOURCE_KEY);
const MANIFEST = path.join(CACHE, 'manifest.json');
const PACKAGE = JSON.parse(readFileSync(path.join(SRC, '../package.json'), 'utf8'));
// Compiled in: pure-JavaScript packages whose modules Node would otherwise resolve and load one
// at a time — the small ones every command loads (a fifth of a warm build), and Puppeteer
// (its 400 modules: 0.4 s, half that as chunks; its WebDriver BiDi part stays a lazy chunk).
const COMPILED_IN = new Set(['budoux', 'commander', 'picocolors', 'yaml', 'zod', 'markdown-it', 'markdown-it-attrs', 'markdown-it-footnote', 'markdown-it-front-matter', 'puppeteer-core']);
const EXTERNAL = Object.keys({ ...PACKAGE.dependencies, ...PACKAGE.devDependencies })
  .filter((name) => !COMPILED_IN.has(name))
  .flatMap((name) => [name, `${name}/*`]);

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

/** Compiles src/cli/cli.ts and what it imports (packages stay imports) into a new folder. */
async function compile() {
  const dir = `build-${process.pid}-${Date.now().toString(36)}`;
  const outdir = path.join(CACHE, dir);
  const result = await compileInto(outdir, true);
  // The cache lies under node_modules/, where Node looks for no package.json of ours: without
  // this one it reads every compiled file twice over to tell that it is an ES module (10 ms a start).
  writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  const inputs = {};
  // This file too: how the sources are compiled is part of what was compiled. A package compiled
  // in is known by its package.json, which installing another version writes anew (its hundreds of
  // files, Puppeteer's, would cost every start a stat each).
  const packageOf = (file) => {
    const at = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    if (at < 0) return file;
    const parts = file.slice(at + 14).split(path.sep);
    return path.join(file.slice(0, at + 13), ...parts.slice(0, parts[0].startsWith('@') ? 2 : 1), 'package.json');
  };
  const files = new Set([...Object.keys(result.metafile.inputs), fileURLToPath(import.meta.url)].map((input) => packageOf(path.resolve(input))));
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    inputs[file] = { size, mtimeMs };
  }
  // Another command may be running an older build: leave those of the last hour alone.
  for (const name of readdirSync(CACHE)) {
    const old = path.join(CACHE, name);
    if (name.startsWith('build-') && name !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  sweepGoneCheckouts();
  const tmp = `${MANIFEST}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs, source: realpathSync(SRC) }));
  renameSync(tmp, MANIFEST);
  return path.join(outdir, 'cli.js');
}

/**
 * The compiled copies of checkouts that are no longer there — a clone deleted, the copies of the
 * sources the tests make — removed: each held 8 MB or more, and a test run left five behind.
 */
function sweepGoneCheckouts() {
  const all = path.dirname(CACHE);
  for (const key of readdirSync(all)) {
    if (key === SOURCE_KEY) continue;
    const dir = path.join(all, key);
    let source;
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      // (A manifest of before its source was written: its own bin.js is among its inputs.)
      source = manifest.source ?? path.dirname(Object.keys(manifest.inputs).find((file) => file.endsWith(`${path.sep}src${path.sep}bin.js`)) ?? '');
    } catch {
      // No manifest: a compile that failed or is under way; gone after an hour.
    }
    const gone = source ? !existsSync(path.join(source, 'bin.js')) : Date.now() - statSync(dir).mtimeMs > 3_600_000;
    if (gone) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * esbuild's run: the CLI and what it imports into `outdir`. The cached copy of a checkout has
 * source maps, and each module keeps the URL of its source (so briefdeck's files are found in
 * this checkout, wherever the cache is); the packed lib/ finds them from its own place.
 */
async function compileInto(outdir, cached) {
  const { build } = await import('esbuild');
  return build({
    entryPoints: { cli: path.join(SRC, 'cli', 'cli.ts') },
    outdir,
    bundle: true,
    splitting: true, // what the CLI imports lazily (vite, puppeteer) stays lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay imports, but BudouX is compiled in: its phrase parser alone, without the
    // HTML processor and the DOM it loads (0.2 s), which its package marks as free to drop.
    external: EXTERNAL,
    // CommonJS compiled in (commander) requires Node's own modules: give it a require.
    banner: { js: "import { createRequire as __briefdeckRequire } from 'node:module'; const require = __briefdeckRequire(import.meta.url);" },
    sourcemap: cached,
    metafile: true,
    logLevel: 'error',
    plugins: cached ? [sourceUrls, budouxSideEffects, oneMarkdownIt, yamlModules] : [budouxSideEffects, oneMarkdownIt, yamlModules],
  });
}

/** Each module keeps its own `import.meta.url`: the file it was compiled from. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * BudouX's package says its modules have no side effects (so what is not used can go), but a
 * package.json of its own in module/ hides that from esbuild: say it again for its files.
 */
const budouxSideEffects = {
  name: 'budoux-side-effects',
  setup(build) {
    const inBudoux = `${path.sep}node_modules${path.sep}budoux${path.sep}module${path.sep}`;
    build.onResolve({ filter: /^(budoux$|\.)/ }, async (args) => {
      if (args.pluginData?.resolving || (args.path !== 'budoux' && !args.importer.includes(inBudoux))) return undefined;
      const { kind, resolveDir, importer } = args;
      const result = await build.resolve(args.path, { kind, resolveDir, importer, pluginData: { resolving: true } });
      return result.path.includes(inBudoux) && !result.path.includes('webcomponents') ? { ...result, sideEffects: false } : result;
    });
  },
};

/**
 * markdown-it once: markdown-it-attrs require()s it (for the default fence renderer) and would
 * otherwise bring its CommonJS build, and its dependencies', beside the ES module we import.
 */
const oneMarkdownIt = {
  name: 'one-markdown-it',
  setup(build) {
    build.onResolve({ filter: /^markdown-it$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const { resolveDir, importer } = args;
      return build.resolve(args.path, { kind: 'require-call', resolveDir, importer, pluginData: { resolving: true } });
    });
  },
};

/**
 * yaml's ES modules, not the CommonJS build its exports give Node: compiled in, only the parser
 * the configuration reader uses is kept (a quarter of a megabyte less to load at every start).
 */
const yamlModules = {
  name: 'yaml-modules',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const { resolveDir, importer, kind } = args;
      const found = await build.resolve('yaml/package.json', { kind, resolveDir, importer, pluginData: { resolving: true } });
      return { path: path.join(path.dirname(found.path), 'browser', 'index.js') };
    });
  },
};

/**
 * A checkout's own tools, which the packed CLI names but never loads: the studio bundles its page's
 * script with esbuild only where there is no lib/studio.js (packStudioScript).
 */
const CHECKOUT_ONLY = new Set(['esbuild']);
/** Packages a compiled-in package tries inside try/catch and does without (ws's native helpers, debug's colours). */
const OPTIONAL = new Set(['bufferutil', 'utf-8-validate', 'supports-color']);

/**
 * The packages the compiled CLI imports that the installed package would not have: the packages
 * compiled in (COMPILED_IN) and the vendored ones are development dependencies, which `npm install`
 * of the packed tool leaves out, so every package left an import must be a dependency.
 */
function unshippedImports(metafile) {
  const { builtinModules } = createRequire(import.meta.url)('node:module');
  const shipped = new Set([...Object.keys(PACKAGE.dependencies), ...CHECKOUT_ONLY, ...OPTIONAL]);
  const names = Object.values(metafile.outputs)
    .flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path))
    .filter((spec) => !spec.startsWith('node:') && !builtinModules.includes(spec.split('/')[0]))
    .map((spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  return [...new Set(names)].filter((name) => !shipped.has(name)).sort();
}

/**
 * The files of a package the installed tool uses (src/core/vendored.ts), copied into lib/vendor/
 * with its licences and version when packed: Mermaid's browser build, which the diagram page
 * loads, and the two weights of Noto Sans JP the decks are set in. Installing their packages would
 * bring Mermaid's 9,000 files of dependencies and seven unused weights: the installed tool was
 * 453 MB, npm's install of it 24 core-seconds here; without them 262 MB and 14.
 */
const VENDORED = {
  mermaid: ['dist/mermaid.min.js', 'LICENSE'],
  '@expo-google-fonts/noto-sans-jp': ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf', 'LICENSE', 'LICENSE_FONT'],
};

function vendor(lib) {
  const require = createRequire(import.meta.url);
  for (const [name, files] of Object.entries(VENDORED)) {
    const from = path.dirname(require.resolve(`${name}/package.json`));
    const to = path.join(lib, 'vendor', name);
    const { version, license } = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8'));
    mkdirSync(to, { recursive: true });
    writeFileSync(path.join(to, 'package.json'), `${JSON.stringify({ name, version, license }, null, 2)}\n`);
    for (const file of files) cpSync(path.join(from, file), path.join(to, file));
  }
}

/**
 * The studio page's script (src/studio/assets.ts), bundled when packed as a checkout's studio
 * bundles it when it starts: the installed tool serves it at once, and needs no esbuild.
 */
async function packStudioScript(lib) {
  const { build } = await import('esbuild');
  const options = JSON.parse(readFileSync(path.join(SRC, 'studio', 'script-build.json'), 'utf8'));
  await build({ ...options, entryPoints: [path.join(SRC, 'client', 'studio', 'studio.ts')], outfile: path.join(lib, 'studio.js'), logLevel: 'error' });
}

if (process.argv[2] === '--compile-to') {
  // prepack: the compiled CLI that the package ships, the studio page's script, and the files of
  // packages it needs.
  const lib = path.resolve(process.argv[3] ?? path.join(SRC, '../lib'));
  rmSync(lib, { recursive: true, force: true });
  const { metafile } = await compileInto(lib, false);
  const missing = unshippedImports(metafile);
  if (missing.length > 0) {
    process.stderr.write(`[briefdeck] error: the packed CLI imports ${missing.join(', ')}, which installing briefdeck would not install: list it under "dependencies" in package.json (or compile it in: COMPILED_IN in src/bin.js)\n`);
    process.exit(1);
  }
  await packStudioScript(lib);
  vendor(lib);
  process.exit(0);
}

// A reader that stops reading (`briefdeck --help | head`): stdout closed is the end of the command,
// quietly, not an EPIPE stack trace; stderr closed leaves the command to finish without its messages.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.stderr.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

let entry = existsSync(path.join(SRC, 'cli', 'cli.ts')) ? current() : PACKED;
if (!entry) {
  try {
    mkdirSync(CACHE, { recursive: true });
    entry = await compile();
  } catch (error) {
    // A compile error in the sources shows as esbuild printed it; anything else, in one line.
    if (!error.errors) process.stderr.write(`[briefdeck] error: cannot compile briefdeck into ${CACHE}: ${error.message}\n`);
    process.exit(1);
  }
}
// Stack traces in the TypeScript sources cost every start 20 ms or so: only when debugging.
if (/\bbriefdeck\b/.test(process.env.DEBUG ?? '')) process.setSourceMapsEnabled(true);
if (/\bbriefdeck\b/.test(process.env.DEBUG ?? '')) process.stderr.write(`[briefdeck:debug ${performance.now().toFixed(0).padStart(5)} ms] loading ${entry}\n`);
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2));
// The command is done once main has returned: the process ends then, with what it printed
// written out, whatever may still hold it (a browser that work still running at Ctrl-C started
// would otherwise keep it alive, and the one who pressed it waiting). Exit handlers still run.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
if (/\bbriefdeck\b/.test(process.env.DEBUG ?? '')) process.stderr.write(`[briefdeck:debug ${performance.now().toFixed(0).padStart(5)} ms] exit ${code}; still open: ${process.getActiveResourcesInfo().join(', ') || 'nothing'}\n`);
process.exit(code);
