// The writers table (src/pipeline/writers.ts): every output is one row, and the commands, the
// build and check read the rows — a new row is a new output everywhere. And the order writers run
// in: each lane's writers one after another, lanes side by side, a failure stopping its lane.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { EXIT } from '../src/core/errors.ts';
import { runWriters, WRITERS, type WriteJob, type Writer } from '../src/pipeline/writers.ts';
import { collector } from './helpers.ts';

async function help(...argv: string[]): Promise<string> {
  const stdout = collector();
  const code = await main([...argv, '--help'], { stdout, stderr: stdout });
  expect(code).toBe(EXIT.OK);
  return stdout.text().replace(/\s+/g, ' ');
}

describe('the writers table', () => {
  it('has one row per output, the HTML deck first (the others that print it run after it), no file written by two rows', () => {
    expect(WRITERS.map((w) => w.name)).toEqual(['html', 'pdf', 'one-file', 'pptx']);
    const files = WRITERS.flatMap((w) => w.files('memo'));
    expect(new Set(files).size).toBe(files.length);
    const stamps = WRITERS.flatMap((w) => (w.keep ? [w.keep.stamp] : []));
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it("gives each row with a command its own command, and build's help names every row's files", async () => {
    const top = await help();
    for (const w of WRITERS.filter((w) => w.command)) {
      expect(top).toContain(`${w.name} [options] [deck]`);
      const own = await help(w.name);
      expect(own).toContain(w.command!.description.replace(/\s+/g, ' '));
      expect(own.includes('--template')).toBe(!!w.command!.template);
    }
    const build = await help('build');
    for (const file of WRITERS.flatMap((w) => w.files('<deck>'))) expect(build).toContain(file);
  });
});

describe('runWriters', () => {
  /** A writer of `lane` that records when it starts and ends, and fails when told. */
  function row(name: string, lane: Writer['lane'], log: string[], ms: number, fail = false): Writer {
    return {
      name: name as Writer['name'],
      describe: () => name,
      files: () => [],
      reads: 'deck',
      lane,
      async write() {
        log.push(`${name}+`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name}-`);
        if (fail) throw new Error(`${name} failed`);
        return name === 'b' ? { pptx: 'b.pptx', warnings: ['b: a slide too full'] } : name === 'x' ? { warnings: ['x: a picture left out'] } : undefined;
      },
    };
  }
  const job = {} as WriteJob;

  it("runs a lane's writers one after another and the lanes side by side, and gathers what they wrote", async () => {
    const log: string[] = [];
    const written = await runWriters([row('a', 'browser', log, 40), row('x', 'bundler', log, 10), row('b', 'browser', log, 10)], job);
    // x starts while a runs (another lane); b waits for a (the same lane).
    expect(log.indexOf('x+')).toBeLessThan(log.indexOf('a-'));
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'));
    // Every writer's warnings, none lost to the next's.
    expect(written).toEqual({ pptx: 'b.pptx', warnings: ['x: a picture left out', 'b: a slide too full'] });
  });

  it('stops a lane at its failure, lets the other lanes finish, and throws the failure', async () => {
    const log: string[] = [];
    await expect(runWriters([row('a', 'browser', log, 10, true), row('x', 'bundler', log, 30), row('b', 'browser', log, 10)], job)).rejects.toThrow('a failed');
    expect(log).not.toContain('b+');
    expect(log).toContain('x-');
  });

  it('starts no writer once the run is aborted', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    controller.abort();
    await expect(runWriters([row('a', 'browser', log, 10)], { signal: controller.signal } as WriteJob)).rejects.toThrow();
    expect(log).toEqual([]);
  });
});
