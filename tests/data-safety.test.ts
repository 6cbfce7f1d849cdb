// No command removes or writes through what is the person's (found by an adversarial review,
// 2026-12-05): an output folder reached by a link that leads into the deck, a folder of someone's
// own (or another deck) where dist/<deck>/ goes, hidden files named like a stopped run's, a folder
// where a PDF goes, a memo.md that is a link, a private memo, init and import aimed at the folder of
// decks or above it. Run in process (main(argv)), as the CLI.
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initTarget } from '../src/cli/init.ts';
import { writeFileAtomic } from '../src/core/files.ts';
import { cliIn, FIXTURES, snapshot, tempDir } from './helpers.ts';

const DECK = 'city-water-memo';

function workspace() {
  const work = tempDir();
  const deck = path.join(work, 'slides', DECK);
  cpSync(path.join(FIXTURES, 'decks', DECK), deck, { recursive: true });
  writeFileSync(path.join(deck, 'notes-of-mine.txt'), 'mine');
  return { work, deck, cli: cliIn(work) };
}

describe('build never replaces what it did not make', () => {
  it('refuses an output folder that a link leads into the deck folder, the deck untouched', async () => {
    const { work, deck, cli } = workspace();
    symlinkSync('slides', path.join(work, 'out'));
    const before = snapshot(deck);
    for (const command of ['build', 'pptx']) {
      const run = await cli(command, DECK, ...(command === 'build' ? ['--no-pdf'] : []), '--out', 'out');
      expect(run.code, command).toBe(1);
      expect(run.stderr, command).toContain(`the output folder out/${DECK} would be the deck's own folder slides/${DECK}`);
      expect(snapshot(deck), command).toEqual(before);
    }
  });

  it('refuses to replace another deck, or a folder of someone’s own, where dist/<deck>/ goes; naming what is there', async () => {
    const { work, deck, cli } = workspace();
    // The same deck under archive/, built into slides/: slides/<deck> is a deck, not an output.
    cpSync(deck, path.join(work, 'archive', DECK), { recursive: true });
    const before = snapshot(deck);
    const overDeck = await cli('build', DECK, '--no-pdf', '--slides', 'archive', '--out', 'slides');
    expect(overDeck.code).toBe(1);
    expect(overDeck.stderr).toContain(`slides/${DECK} holds a deck (its memo.md), which briefdeck did not make`);
    expect(snapshot(deck)).toEqual(before);
    // A folder of someone's own named as the deck, in the output folder.
    const mine = path.join(work, 'dist', DECK);
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'thesis.docx'), 'years of work');
    const overMine = await cli('build', DECK, '--no-pdf');
    expect(overMine.code).toBe(1);
    expect(overMine.stderr).toContain(`dist/${DECK} holds thesis.docx, which briefdeck did not make`);
    expect(readFileSync(path.join(mine, 'thesis.docx'), 'utf8')).toBe('years of work');
    // A file where the deck's folder goes.
    const file = path.join(work, 'files', DECK);
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'a file');
    const overFile = await cli('build', DECK, '--no-pdf', '--out', 'files');
    expect(overFile.code).toBe(1);
    expect(overFile.stderr).toContain(`files/${DECK} is a file, where the build puts the deck's folder`);
    expect(readFileSync(file, 'utf8')).toBe('a file');
  });

  it('leaves hidden files named like a stopped run’s leftovers that are not its own', async () => {
    const { work, cli } = workspace();
    mkdirSync(path.join(work, '.thesis.old-2020'));
    writeFileSync(path.join(work, '.thesis.old-2020', 'chapter.md'), 'draft');
    writeFileSync(path.join(work, '.vimrc.old-1999'), 'set nu');
    const run = await cli('build', DECK, '--no-pdf', '--out', '.');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/removed \.(thesis|vimrc)/);
    expect(readFileSync(path.join(work, '.thesis.old-2020', 'chapter.md'), 'utf8')).toBe('draft');
    expect(existsSync(path.join(work, '.vimrc.old-1999'))).toBe(true);
  });

  it('pdf: a folder where the notes PDF goes stops it before anything is replaced', async () => {
    const { work, cli } = workspace();
    const first = await cli('pdf', DECK);
    expect(first.code, first.stderr).toBe(0);
    const dist = path.join(work, 'dist', DECK);
    const slidesBefore = readFileSync(path.join(dist, `${DECK}.pdf`));
    const notes = path.join(dist, `${DECK}-notes.pdf`);
    cpSync(notes, `${notes}.aside`);
    const { rmSync } = await import('node:fs');
    rmSync(notes);
    mkdirSync(notes);
    writeFileSync(path.join(deckOf(work), 'memo.md'), readFileSync(path.join(deckOf(work), 'memo.md'), 'utf8').replace('ageing', 'aging'));
    const stopped = await cli('pdf', DECK);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`dist/${DECK}/${DECK}-notes.pdf is a folder, where ${DECK}'s ${DECK}-notes.pdf goes`);
    expect(readFileSync(path.join(dist, `${DECK}.pdf`))).toEqual(slidesBefore);
  });
});

const deckOf = (work: string) => path.join(work, 'slides', DECK);

describe('init and import write a deck folder of its own, and only its files', () => {
  it('init --force replaces a memo.md that is a link, never the file it leads to; a broken link counts as there', async () => {
    const { work, cli } = workspace();
    const shared = path.join(work, 'shared-memo.md');
    writeFileSync(shared, 'the shared text');
    const deck = path.join(work, 'slides', 'linked');
    mkdirSync(deck, { recursive: true });
    symlinkSync(shared, path.join(deck, 'memo.md'));
    expect((await cli('init', 'linked')).code).toBe(1);
    const forced = await cli('init', 'linked', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(shared, 'utf8')).toBe('the shared text');
    expect(lstatSync(path.join(deck, 'memo.md')).isSymbolicLink()).toBe(false);
    // A link that leads nowhere: there, so not replaced without --force, and nothing written where it leads.
    const other = path.join(work, 'slides', 'dangling');
    mkdirSync(other);
    symlinkSync(path.join(work, 'nowhere', 'memo.md'), path.join(other, 'memo.md'));
    expect((await cli('init', 'dangling')).code).toBe(1);
    expect(existsSync(path.join(work, 'nowhere'))).toBe(false);
  });

  it('refuses the file system’s root, the folder of decks, and a folder holding decks', async () => {
    const { work, cli } = workspace();
    const slides = path.join(work, 'slides');
    expect(() => initTarget('/', slides)).toThrow("the file system's root");
    expect(() => initTarget(`${slides}/`, slides)).toThrow('the folder of decks itself');
    const here = await cli('init', './');
    expect(here.code).toBe(1);
    expect(here.stderr).toContain('holds decks');
    expect(existsSync(path.join(work, 'memo.md'))).toBe(false);
    writeFileSync(path.join(work, 'brief.txt'), 'A brief.\n');
    const intoSlides = await cli('import', 'brief.txt', '--out', 'slides');
    expect(intoSlides.code).toBe(2);
    expect(intoSlides.stderr).toContain('the folder of decks itself');
    expect(existsSync(path.join(slides, 'memo.md'))).toBe(false);
  });

  it('a file replaced keeps its permissions (a private memo stays private)', () => {
    const file = path.join(tempDir(), 'memo.md');
    writeFileSync(file, 'private');
    chmodSync(file, 0o600);
    writeFileAtomic(file, 'private, edited');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('private, edited');
  });
});
