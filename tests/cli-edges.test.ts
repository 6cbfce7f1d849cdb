// The command line at its edges (issue 19's smaller items): a closed pipe, odd deck names for
// init, a Host header that is not this machine, check --json on a memo that does not compile,
// Mermaid's "%%" in a heading or a label, a cache disk that is full.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, cliIn, runCli, spawnCli, tempDir } from './helpers.ts';

const made: string[] = [];
const temp = () => {
  const dir = tempDir();
  made.push(dir);
  return dir;
};
/** File systems a test mounted: unmounted at the file's end, run or filtered out (they are mounted as the file loads). */
const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts) execFileSync('umount', [dir]);
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const STACK = /\n\s+at /;

describe('briefdeck --help | head', () => {
  it('ends quietly when the reader closes the pipe, with no EPIPE stack trace', async () => {
    for (const args of [['--help'], ['build', '--help']]) {
      const child = spawn('node', [path.join(ROOT, 'src/bin.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      // The reader is gone before the help is written, as `head -0` would be.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(0);
    }
  });
});

describe('init', () => {
  it("refuses '' and '.' (the slides folder itself), naming why, and writes nothing", async () => {
    const folder = temp();
    const inFolder = cliIn(folder);
    for (const name of ['', '.', '..', 'slides/']) {
      const { code, stderr } = await inFolder('init', name);
      expect(code, `init "${name}"`).toBe(1);
      expect(stderr, `init "${name}"`).toMatch(/error: .*(needs a name for the deck|is not a deck name|is the folder of decks itself)/);
      expect(stderr).not.toMatch(STACK);
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('prints next-step commands a shell reads as one path, for a name with a space or a quote', async () => {
    const folder = temp();
    const inFolder = cliIn(folder);
    for (const name of ['a b', "it's"]) {
      const { code, stdout } = await inFolder('init', name);
      expect(code).toBe(0);
      expect(existsSync(path.join(folder, 'slides', name, 'memo.md'))).toBe(true);
      const commands = [...stdout.matchAll(/"(briefdeck (?:dev|build) [^"]*)"/g)].map((m) => m[1]!);
      expect(commands).toHaveLength(2);
      for (const command of commands) {
        // What the shell makes of the command as printed: the words briefdeck would be given.
        const words = execFileSync('sh', ['-c', `for w in ${command}; do printf '%s\\n' "$w"; done`], { encoding: 'utf8' }).trimEnd().split('\n');
        expect(words.slice(2)).toEqual([`slides/${name}`]);
      }
    }
  });
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function get(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('preview', () => {
  it('answers only names of this machine in the Host header, as dev does', async () => {
    const deckDir = path.join(temp(), 'built');
    mkdirSync(deckDir);
    copyFileSync(path.join(FIXTURES, 'decks/city-water-memo/memo.md'), path.join(deckDir, 'memo.md'));
    const out = temp();
    mkdirSync(path.join(out, 'built'));
    writeFileSync(path.join(out, 'built/index.html'), '<!doctype html><title>built</title><p>the built deck</p>');
    const port = await freePort();
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'preview', deckDir, '--out', out, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('serving')) resolve();
        });
        child.on('exit', () => reject(new Error(`preview ended: ${stderr}`)));
      });
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
        const { status, body } = await get(port, host);
        expect(status, host).toBe(200);
        expect(body).toContain('the built deck');
      }
      for (const host of [`evil.example:${port}`, 'evil.example', `localhost.evil.example:${port}`]) {
        const { status, body } = await get(port, host);
        expect(status, host).toBe(403);
        expect(body).not.toContain('the built deck');
        expect(body).toContain(`open http://127.0.0.1:${port}/`);
      }
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

describe('check --json', () => {
  it('prints the errors of a memo that does not compile as JSON, and exits 1', async () => {
    const deck = path.join(temp(), 'broken');
    mkdirSync(deck);
    copyFileSync(path.join(FIXTURES, 'bad/unknown-marker.md'), path.join(deck, 'memo.md'));
    const { code, stdout, stderr } = await runCli('check', deck, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { deck: string; compiled: boolean; diagnostics: Array<{ severity: string; code: string; file: string; line: number; message: string }> };
    expect(report.deck).toBe('broken');
    expect(report.compiled).toBe(false);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-marker', file: path.join(deck, 'memo.md'), line: 6 });
    expect(stderr).toContain('memo.md:6: error: unknown structure marker');
    expect(stderr).not.toMatch(STACK);
  });

  it('prints its report as JSON when memo.md is missing or is a folder, and exits 1', async () => {
    const root = temp();
    mkdirSync(path.join(root, 'slides', 'empty'), { recursive: true });
    mkdirSync(path.join(root, 'slides', 'folder', 'memo.md'), { recursive: true });
    for (const [deck, words] of [['empty', /no memo source/], ['folder', /the memo source is not a file/]] as const) {
      const { code, stdout, stderr } = await cliIn(root)('check', deck, '--json');
      expect(code, stderr).toBe(1);
      const report = JSON.parse(stdout) as { deck: string; compiled: boolean; diagnostics: Array<{ severity: string; file: string; line: number; message: string }> };
      expect(report).toMatchObject({ deck, compiled: false });
      expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: path.join(root, 'slides', deck, 'memo.md'), line: 1, message: expect.stringMatching(words) })]);
      expect(stderr).toMatch(words);
      expect(stderr).not.toMatch(STACK);
    }
  });
});

describe("Mermaid's %% in the memo's words", () => {
  it('a heading or a deck.yaml label with "%%{" is drawn as written in its diagram', async () => {
    const deckDir = path.join(temp(), 'percent');
    cpSync(path.join(FIXTURES, 'decks/city-water-memo'), deckDir, { recursive: true });
    const memo = path.join(deckDir, 'memo.md');
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('### Renewal {#renewal .approach}', '### Renewal 100%%{init} {#renewal .approach}'));
    writeFileSync(path.join(deckDir, 'deck.yaml'), 'labels:\n  Reduce the water: "Demand %%{wrap}%% less"\n  Demand: "Demand %%{wrap}%% less"\n');
    const out = temp();
    const { code, stderr } = await runCli('build', deckDir, '--no-pdf', '--out', out);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const html = readFileSync(path.join(out, 'percent/index.html'), 'utf8');
    // The text of the diagrams' SVGs, as a reader sees it.
    const svgText = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0].replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).join('\n');
    expect(svgText).toContain('Renewal 100%%{init}');
    expect(svgText).toContain('Demand %%{wrap}%% less');
  });
});

/** Root may mount a small file system of its own: a disk that is full, for real. */
function mountTiny(dir: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full cache disk', () => {
  const cache = path.join(temp(), 'cache');
  mkdirSync(cache);
  const mounted = mountTiny(cache);
  if (mounted) mounts.push(cache);

  it.skipIf(!mounted)('names the cache file it could not write, and dist/ is not touched', async () => {
    const out = temp();
    const { code, stderr } = await spawnCli({ BRIEFDECK_CACHE_DIR: cache })('build', path.join(FIXTURES, 'decks/city-water-memo'), '--no-pdf', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`error: cannot write \\S*${path.basename(path.dirname(cache))}/cache/\\S+: no space left on the device \\(ENOSPC\\)`));
    expect(stderr).not.toMatch(STACK);
    expect(existsSync(path.join(out, 'city-water-memo'))).toBe(false);
  });
});
