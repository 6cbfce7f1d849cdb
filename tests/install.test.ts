// briefdeck as a tool people install: packed and installed like any npm tool, run from an empty
// folder; checkouts that share node_modules; a browser found on any machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBrowserPath } from '../src/browser/launch.ts';
import { browserCandidates, installHint } from '../src/browser/find.ts';
import { BriefdeckError } from '../src/core/errors.ts';
import { resolveCacheDir } from '../src/core/paths.ts';
import { ROOT, tempDir } from './helpers.ts';
import { startStudioCommand } from './studio-run.ts';

/** Runs a command; returns its exit code and output, whatever the code. */
function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 400_000 });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Every file under `dir` with its size and modification time (node_modules aside). */
function stamps(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (name === 'node_modules') continue;
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else out[path.relative(dir, file)] = `${stat.size}:${stat.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

describe('a browser on any machine', () => {
  it('looks for Chrome, Chromium and Edge where Linux, macOS and Windows install them', () => {
    const linux = browserCandidates('linux', {}, '/home/u');
    // Chromium's headless shell before any browser: the same pages and PDFs, for a third of the start.
    expect(linux[0]).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(linux).toContain('/usr/bin/chromium');
    expect(linux).toContain('/usr/bin/google-chrome-stable');
    expect(linux).toContain('/usr/bin/microsoft-edge');
    const mac = browserCandidates('darwin', {}, '/Users/u');
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(mac).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(mac).toContain('/Users/u/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const windows = browserCandidates('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files' }, 'C:\\Users\\u');
    expect(windows).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(windows).toContain('C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(windows).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(installHint('darwin')).toContain('npx @puppeteer/browsers install chrome-headless-shell@stable');
    expect(installHint('darwin')).not.toContain('apt-get');
  });

  it('says how to get a browser when none is found', async () => {
    await expect(resolveBrowserPath({}, () => false)).rejects.toThrow(BriefdeckError);
    try {
      await resolveBrowserPath({}, () => false);
    } catch (error) {
      expect((error as BriefdeckError).message).toBe('no Chrome, Chromium or Edge found on this machine');
      expect((error as BriefdeckError).hint).toContain('npx @puppeteer/browsers install chrome-headless-shell@stable');
    }
    expect(await resolveBrowserPath({}, (p) => p === '/usr/bin/google-chrome-stable')).toBe('/usr/bin/google-chrome-stable');
    const both = new Set(['/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell']);
    expect(await resolveBrowserPath({}, (p) => both.has(p))).toBe('/usr/lib/chromium/chromium-headless-shell');
  });
});

describe('caches live with the user', () => {
  it('in BRIEFDECK_CACHE_DIR, else ./node_modules/.cache/briefdeck, else the system cache folder', () => {
    const folder = tempDir();
    expect(resolveCacheDir({ BRIEFDECK_CACHE_DIR: 'c' }, folder)).toBe(path.join(folder, 'c'));
    expect(resolveCacheDir({ XDG_CACHE_HOME: '/xdg' }, folder, 'linux')).toBe('/xdg/briefdeck');
    expect(resolveCacheDir({ LOCALAPPDATA: 'C:\\L' }, folder, 'win32')).toBe(path.join('C:\\L', 'briefdeck', 'Cache'));
    mkdirSync(path.join(folder, 'node_modules'));
    expect(resolveCacheDir({}, folder)).toBe(path.join(folder, 'node_modules/.cache/briefdeck'));
  });
});

describe('checkouts sharing one node_modules', () => {
  it('each run their own code', () => {
    const make = (words: string) => {
      const dir = tempDir('briefdeck-checkout-');
      for (const entry of ['src', 'templates', 'package.json', 'package-lock.json']) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const cli = path.join(dir, 'src/cli/cli.ts');
      writeFileSync(cli, readFileSync(cli, 'utf8').replace("'a policy memo into a Reveal.js briefing deck", `'${words}: a policy memo into a Reveal.js briefing deck`));
      return dir;
    };
    const a = make('checkout A');
    const b = make('checkout B');
    for (let round = 0; round < 2; round++) {
      expect(sh('node', [path.join(a, 'src/bin.js'), '--help'], a).stdout).toContain('checkout A:');
      expect(sh('node', [path.join(b, 'src/bin.js'), '--help'], b).stdout).toContain('checkout B:');
    }
    // And each finds its own templates.
    const init = sh('node', [path.join(b, 'src/bin.js'), 'init', 'x'], b);
    expect(init.code).toBe(0);
    expect(readFileSync(path.join(b, 'slides/x/memo.md'), 'utf8')).toBe(readFileSync(path.join(b, 'templates/init/memo.md'), 'utf8'));
    // A checkout removed: its compiled copy goes at the next compile of another (b's sources edited).
    const compiled = (dir: string) => path.join(ROOT, 'node_modules/.cache/briefdeck/cli', createHash('sha256').update(realpathSync(path.join(dir, 'src'))).digest('hex').slice(0, 12));
    const ofA = compiled(a);
    expect(existsSync(ofA)).toBe(true);
    rmSync(a, { recursive: true, force: true });
    const cli = path.join(b, 'src/cli/cli.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace('checkout B:', 'checkout B, edited:'));
    expect(sh('node', [path.join(b, 'src/bin.js'), '--help'], b).stdout).toContain('checkout B, edited:');
    expect(existsSync(ofA)).toBe(false);
    expect(existsSync(compiled(b))).toBe(true);
    // Packing refuses a CLI that imports a package installing it would not bring (a development dependency).
    const manifest = path.join(b, 'package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    pkg.devDependencies.sirv = pkg.dependencies.sirv!;
    delete pkg.dependencies.sirv;
    writeFileSync(manifest, JSON.stringify(pkg));
    const packed = sh('node', [path.join(b, 'src/bin.js'), '--compile-to', path.join(b, 'lib')], b);
    expect(packed.code).toBe(1);
    expect(packed.stderr).toContain('the packed CLI imports sirv, which installing briefdeck would not install');
  });
});

/** `briefdeck studio <folder> --no-open`: the page's script as the studio serves it; then Ctrl-C. */
async function studioScript(briefdeck: string, folder: string): Promise<string> {
  const studio = await startStudioCommand([briefdeck], folder);
  try {
    const response = await fetch(new URL('/studio/studio.js', studio.origin), { headers: { cookie: `briefdeck_studio=${studio.token}` } });
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    await studio.stop();
  }
}

describe('packed and installed', () => {
  it('runs init, build, check, import and the studio from an empty folder, writing nothing into the installed package', async () => {
    const work = tempDir('briefdeck-pack-');
    const packed = sh('npm', ['pack', ROOT, '--pack-destination', work], work);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    const files = sh('tar', ['tzf', path.join(work, tarball)], work).stdout.split('\n');
    expect(files).toContain('package/lib/cli.js');
    expect(files).toContain('package/templates/theme.css');
    expect(files).toContain('package/src/client/main.ts');
    expect(files.filter((f) => f.startsWith('package/src/') && !f.startsWith('package/src/client/'))).toEqual(['package/src/bin.js']);
    // The studio page's script bundled; Mermaid's browser build and the font's two weights, with their licences (src/core/vendored.ts).
    expect(files).toContain('package/lib/studio.js');
    const fonts = 'package/lib/vendor/@expo-google-fonts/noto-sans-jp';
    expect(files).toEqual(expect.arrayContaining(['package/lib/vendor/mermaid/dist/mermaid.min.js', 'package/lib/vendor/mermaid/LICENSE', 'package/lib/vendor/mermaid/package.json']));
    expect(files).toEqual(expect.arrayContaining([`${fonts}/400Regular/NotoSansJP_400Regular.ttf`, `${fonts}/700Bold/NotoSansJP_700Bold.ttf`, `${fonts}/LICENSE_FONT`]));
    const prefix = path.join(work, 'prefix');
    const installed = sh('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball)], work);
    expect(installed.code, installed.stderr).toBe(0);
    const pkg = path.join(prefix, 'lib/node_modules/briefdeck');
    const before = stamps(pkg);
    const briefdeck = path.join(prefix, 'bin/briefdeck');
    const folder = path.join(work, 'empty');
    mkdirSync(folder);
    expect(sh(briefdeck, ['--version'], folder).stdout.trim()).toMatch(/^briefdeck \d+\.\d+\.\d+$/);
    expect(sh(briefdeck, ['init', 'brief'], folder).code).toBe(0);
    const built = sh(briefdeck, ['build', 'brief'], folder);
    expect(built.code, built.stderr).toBe(0);
    for (const file of ['index.html', 'brief.html', 'brief.pdf', 'brief-notes.pdf']) expect(existsSync(path.join(folder, 'dist/brief', file)), file).toBe(true);
    // The memo's framework drawn by the packed Mermaid, its text set in the packed font: neither package was installed.
    for (const name of ['mermaid', '@expo-google-fonts']) expect(existsSync(path.join(pkg, 'node_modules', name)), name).toBe(false);
    expect(sh('pdffonts', [path.join(folder, 'dist/brief/brief.pdf')], folder).stdout).toMatch(/NotoSansJP/);
    expect(readFileSync(path.join(folder, 'dist/brief/index.html'), 'utf8')).toContain('aria-roledescription="flowchart-v2"');
    const checked = sh(briefdeck, ['check', 'brief'], folder);
    expect(checked.stdout).toMatch(/brief: \d+ slides, (\d+)\/\1 sentences \(100\.0%\).*0 errors/);
    const source = path.join(ROOT, 'tests/fixtures/import/asi-memo-4/asi-policy-memo-4.txt');
    const imported = sh(briefdeck, ['import', source, '--out', 'slides/imported'], folder);
    expect(imported.code, imported.stderr).toBe(0);
    expect(existsSync(path.join(folder, 'slides/imported/memo.md'))).toBe(true);
    // The studio serves the page's script bundled when packed: the installed tool has no esbuild.
    expect(existsSync(path.join(pkg, 'node_modules/esbuild'))).toBe(false);
    expect(await studioScript(briefdeck, folder)).toBe(readFileSync(path.join(pkg, 'lib/studio.js'), 'utf8'));
    expect(readdirSync(folder).sort()).toEqual(['dist', 'slides']);
    expect(stamps(pkg)).toEqual(before);
    // Packing compiles the CLI, installing copies the packages, then four commands: minutes on a busy machine.
  }, 300_000);
});
