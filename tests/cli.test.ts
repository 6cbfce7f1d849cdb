// The briefdeck command, run as a user runs it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, spawnCli, tempDir } from './helpers.ts';

// As a process: these tests are of the command as installed (src/bin.js, its compile cache, its exit).
const run = spawnCli();

describe('briefdeck CLI', () => {
  it('prints help with exit 0, listing every command', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['build [options] [deck]', 'pdf [options] [deck]', 'dev [options] [deck]', 'preview [options] [deck]', 'check [options] [deck]', 'import [options] <file>', 'init [options] <deck>']) expect(stdout).toContain(command);
    expect(stdout).toContain('BRIEFDECK_BROWSER');
  });

  it('gives each command its own help and options; an option of another command is a usage error', async () => {
    const build = await run('build', '--help');
    const importHelp = await run('import', '--help');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Usage: briefdeck build \[options\] \[deck\]/);
    expect(build.stdout).toContain('--no-pdf');
    expect(build.stdout).toContain('--watch');
    expect(build.stdout).not.toContain('--meta');
    expect(importHelp.stdout).toMatch(/^Usage: briefdeck import \[options\] <file>/);
    expect(importHelp.stdout).toContain('--meta <yaml>');
    expect(importHelp.stdout).not.toContain('--no-pdf');
    for (const args of [['build', '--json'], ['pdf', '--force'], ['import', 'x.txt', '--no-pdf'], ['check', '--port', '80']]) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/error: unknown option/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('init starts a deck in the current folder that builds and passes check; it never overwrites without --force', async () => {
    const folder = tempDir();
    const inFolder = spawnCli({}, folder);
    const init = await inFolder('init', 'my-brief');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('briefdeck dev slides/my-brief');
    const memo = readFileSync(path.join(folder, 'slides/my-brief/memo.md'), 'utf8');
    for (const marker of ['{.assessment}', '{.challenges}', '{#approach-1 .approach}', '{.initiatives}', '{.initiative serves=approach-1}', '[^1]:']) expect(memo).toContain(marker);
    expect(existsSync(path.join(folder, 'slides/my-brief/deck.yaml'))).toBe(true);
    expect((await inFolder('init', 'my-brief')).code).toBe(1);
    const built = await inFolder('build', 'my-brief', '--no-pdf');
    expect(built.stderr).toContain('built dist/my-brief/index.html');
    expect(built.code).toBe(0);
    expect(existsSync(path.join(folder, 'dist/my-brief/index.html'))).toBe(true);
    const checked = await inFolder('check', 'my-brief');
    expect(checked.stdout).toMatch(/0 errors/);
    expect(checked.code).toBe(0);
  });

  it('runs compiled sources, and compiles them again when one of them changed', async () => {
    await run('--version');
    const cacheDir = path.join(ROOT, 'node_modules/.cache/briefdeck/cli', createHash('sha256').update(realpathSync(path.join(ROOT, 'src'))).digest('hex').slice(0, 12));
    const manifestFile = path.join(cacheDir, 'manifest.json');
    const before = JSON.parse(readFileSync(manifestFile, 'utf8')) as { dir: string; inputs: Record<string, { size: number; mtimeMs: number }> };
    const cli = path.join(ROOT, 'src/cli/cli.ts');
    expect(Object.keys(before.inputs)).toContain(cli);
    expect(Object.keys(before.inputs)).toContain(path.join(ROOT, 'src/pdf/export.ts'));
    // As if src/cli/cli.ts had been edited since that compile.
    before.inputs[cli]!.mtimeMs -= 1000;
    writeFileSync(manifestFile, JSON.stringify(before));
    const { code, stdout } = await run('--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^briefdeck \d+\.\d+\.\d+/);
    const after = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof before;
    expect(after.dir).not.toBe(before.dir);
    expect(after.inputs[cli]!.mtimeMs).toBe(before.inputs[cli]!.mtimeMs + 1000);
    expect(existsSync(path.join(cacheDir, after.dir, 'cli.js'))).toBe(true);
  });

  it('says which cache folder it cannot use, and how to choose another', async () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const out = tempDir();
    const { code, stderr } = await spawnCli({ BRIEFDECK_CACHE_DIR: path.join(file, 'cache') })('build', '--no-pdf', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot keep fonts, diagrams and bundles in ${path.join(file, 'cache')}`);
    expect(stderr).toContain('BRIEFDECK_CACHE_DIR');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(out, 'asi-policy-memo-4'))).toBe(false);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await run('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 1 with a readable message for a deck that does not exist', async () => {
    const { code, stderr } = await run('build', 'no-such-deck');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-deck.*no memo source/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the memo file and line, without a stack trace, and writes nothing', async () => {
    const deck = path.join(tempDir(), 'broken');
    mkdirSync(deck);
    copyFileSync(path.join(FIXTURES, 'bad/unknown-marker.md'), path.join(deck, 'memo.md'));
    const out = tempDir();
    const { code, stderr } = await run('build', deck, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain('memo.md:6: error: unknown structure marker "{.assesment}"');
    expect(stderr).toContain('hint:');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(out, 'broken'))).toBe(false);
  });

  it('builds a deck given by path into --out', async () => {
    const out = tempDir();
    const { code, stderr } = await run('build', path.join(FIXTURES, 'decks/city-water-memo'), '--out', out);
    expect(stderr).toContain('built');
    expect(code).toBe(0);
    expect(existsSync(path.join(out, 'city-water-memo/index.html'))).toBe(true);
  });

  it('builds a deck whose text is fitted and diagrams drawn before without loading a browser or a server', async () => {
    const deck = path.join(FIXTURES, 'decks/city-water-memo');
    expect((await run('build', deck, '--no-pdf', '--out', tempDir())).code).toBe(0);
    // Node's own modules the second build loaded, written as it exits.
    const dir = tempDir();
    const hook = path.join(dir, 'loaded.cjs');
    const list = path.join(dir, 'loaded.txt');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
    const { code, stderr } = await spawnCli({ NODE_OPTIONS: `--require ${hook}` })('build', deck, '--no-pdf', '--out', tempDir());
    expect(code, stderr).toBe(0);
    const loaded = readFileSync(list, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /^NativeModule (http|_http_server|zlib)$/.test(m))).toEqual([]);
  });
});
