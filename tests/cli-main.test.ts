// The command line in process: main(argv, streams) returns its exit code (named in EXIT) and
// never ends the process; what it writes is read from the streams it was given. And a command
// whose reader closes the pipe early ends quietly, with exit 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { EXIT } from '../src/core/errors.ts';
import { PACKAGE_VERSION } from '../src/core/paths.ts';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { BUNDLED_DECK, collector, FIXTURES, ROOT, tempDir } from './helpers.ts';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  const exitBefore = process.exitCode;
  const code = await main(argv, { stdout, stderr });
  // main leaves the process's exit code to its caller (src/bin.js).
  expect(process.exitCode).toBe(exitBefore);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const STACK = /\n\s+at /;

describe('main(argv) in process', () => {
  it('prints the version and returns 0', async () => {
    const { code, stdout, stderr } = await run('--version');
    expect(code).toBe(EXIT.OK);
    expect(stdout).toBe(`briefdeck ${PACKAGE_VERSION}\n`);
    expect(stderr).toBe('');
  });

  it('prints the help of a command and returns 0', async () => {
    const { code, stdout } = await run('check', '--help');
    expect(code).toBe(EXIT.OK);
    expect(stdout).toMatch(/^Usage: briefdeck check \[options\] \[deck\]/);
    expect(stdout).toContain('--json');
  });

  it('returns 2 for a command line that is off, saying what is wrong on its stderr', async () => {
    for (const [argv, said] of [
      [['biuld'], /unknown command 'biuld'/],
      [['build', '--nope'], /unknown option '--nope'/],
      [['dev', '--port', '99999'], /must be a port number from 1 to 65535/],
      [['import'], /missing required argument 'file'/],
    ] as const) {
      const { code, stdout, stderr } = await run(...argv);
      expect(code, argv.join(' ')).toBe(EXIT.USAGE);
      expect(stderr, argv.join(' ')).toMatch(said);
      expect(stdout, argv.join(' ')).toBe('');
      expect(stderr).not.toMatch(STACK);
    }
    // No command at all: the help, and a usage error.
    const bare = await run();
    expect(bare.code).toBe(EXIT.USAGE);
    expect(bare.stdout).toMatch(/^Usage: briefdeck/);
  });

  it('check --json of a deck that is not there: a report on stdout, the error on stderr, exit 1', async () => {
    const missing = path.join(tempDir(), 'no-deck');
    const { code, stdout, stderr } = await run('check', missing, '--json');
    expect(code).toBe(EXIT.FAILED);
    const report = JSON.parse(stdout) as { deck: string; compiled: boolean; diagnostics: Array<{ code: string }> };
    expect(report).toMatchObject({ deck: 'no-deck', compiled: false });
    expect(report.diagnostics[0]!.code).toBe('memo-missing');
    expect(stderr).toMatch(/error: /);
    expect(stderr).not.toMatch(STACK);
  });

  it('check --json of the bundled deck: its report as JSON, and the code the report calls for', async () => {
    const { code, stdout, stderr } = await run('check', BUNDLED_DECK, '--json', '--quiet');
    const report = JSON.parse(stdout) as { deck: string; diagnostics: Array<{ severity: string }> };
    expect(report.deck, stderr).toBe('asi-policy-memo-4');
    expect(code).toBe(report.diagnostics.some((d) => d.severity === 'error') ? EXIT.FAILED : EXIT.OK);
    expect(stderr).not.toMatch(STACK);
  });
});

describe('main(argv) with a browser it is given', () => {
  it('uses it and leaves it open, for pdf (which closes its own browser once the last page is printed) and build alike', async () => {
    const browser = new BrowserGateway();
    try {
      const chromium = await browser.get();
      const out = tempDir();
      for (const command of ['pdf', 'build']) {
        const code = await main([command, path.join(FIXTURES, 'decks/city-water-memo'), '--out', out, '--quiet'], { stdout: collector(), stderr: collector(), browser });
        expect(code, command).toBe(EXIT.OK);
        expect(await browser.get(), command).toBe(chromium);
        expect(chromium.connected, command).toBe(true);
      }
    } finally {
      await browser.close();
    }
  });
});

describe('a reader that closes the pipe early', () => {
  it('check --json | head -0: ends quietly with exit 0, no EPIPE stack trace', async () => {
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'check', BUNDLED_DECK, '--json', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code, stderr).toBe(EXIT.OK);
  });
});
