// `briefdeck build` when nothing changed: dist/<deck>/ is left as it is, as make and `tsc -b` leave
// what is up to date. After each build a record in the cache (builds/, by the output folder's
// path: never in dist/, which is published, and the record names files of this machine) holds
// what the build was made from — every file and link of the deck's folder, the brand's file, the
// logo and PowerPoint template they name (present or not), briefdeck's own code and templates —
// by size, modification time and a link's target; the outputs asked for; the files it left in
// dist/<deck>/; the warnings it gave. The next build is skipped only while all of that is as
// recorded: a file added to, changed in or removed from the deck's folder, an output touched or
// removed, other outputs asked for, a new briefdeck — it builds. `build --force` always builds.
// Light on purpose: the CLI reads it before the parser, the planner or a browser is loaded.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { within } from '../core/confine.ts';
import { BRAND_CONFIG_FILE, type DeckSource } from '../core/deck-folder.ts';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { BUILD_RECORD_DIR, CACHE_DIR } from '../core/paths.ts';
import { stamps, toolFiles } from '../core/stamps.ts';
import type { CompiledDeck } from '../model/deck.ts';
import type { Diagnostic } from '../model/types.ts';
import { readStamp } from './keep.ts';
import { stampFile, WRITERS, type Writer, type WriterName } from './writers.ts';

/**
 * The files a deck's slides are made from: every file, link and folder of its folder (memo.md,
 * deck.yaml, pictures) and the organisation's brand.yaml. Not what lives there and is no input: a
 * package folder (node_modules/, where a one-deck project keeps briefdeck and its caches), a git
 * folder, the caches, and an output folder inside the deck's (`build .` run in it).
 */
export function deckInputs(deck: DeckSource, outDir?: string): string[] {
  const outputs = outDir ? [path.resolve(outDir), path.resolve(outDir, deck.name)] : [];
  const skip = new Set([CACHE_DIR, ...outputs.filter((dir) => within(dir, deck.dir))]);
  return [...entriesUnder(deck.dir, (dir, name) => name === 'node_modules' || name === '.git' || skip.has(path.join(dir, name))), path.join(path.dirname(deck.dir), BRAND_CONFIG_FILE)];
}

/** Every file, link and folder under `root` (links not followed), but the folders `pass` says to pass by. */
function entriesUnder(root: string, pass: (dir: string, name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (pass(dir, entry.name)) continue;
        out.push(file);
        walk(file);
      } else out.push(file);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** What a file is now: its size and modification time (those of a link's target, and the target it names), or `-` when there is none. */
type Signatures = Record<string, string>;

function signatures(files: Iterable<string>): Signatures {
  const out: Signatures = {};
  for (const file of files) {
    let link = '';
    try {
      if (lstatSync(file).isSymbolicLink()) link = ` -> ${readlinkSync(file)}`;
    } catch {
      out[file] = '-';
      continue;
    }
    try {
      const stat = statSync(file);
      // A folder by its being one (its time changes with every file written in it, its files are stamped each).
      out[file] = stat.isDirectory() ? `folder${link}` : `${stat.size} ${stat.mtimeMs}${link}`;
    } catch {
      out[file] = `dangling${link}`;
    }
  }
  return out;
}

interface BuildRecord {
  version: 2;
  /** The output folder (for the sweep of records of folders that are gone). */
  final: string;
  /**
   * False when the build read a file not stamped before it began (a logo or template named for the
   * first time, outside the deck's folder): the next build builds, stamping it first, and records.
   */
  complete: boolean;
  writers: WriterName[];
  template: string | null;
  /** A digest of the stamps of briefdeck's own files. */
  tool: string;
  inputs: Signatures;
  /** dist/<deck>/'s files, by their path inside it. */
  outputs: Signatures;
  /** For each writer the build did not run (pdf, pptx): the digest its stamp holds when its files show these slides. */
  kept: Partial<Record<WriterName, string>>;
  slides: number;
  /** The compile's warnings, and the writers' (a slide past its page, text a template cannot hold). */
  warnings: Diagnostic[];
  said: string[];
}

const recordFile = (final: string) => path.join(BUILD_RECORD_DIR, `${createHash('sha256').update(path.resolve(final)).digest('hex').slice(0, 24)}.json`);

/** What a build asks for: its writers, and the PowerPoint template named on the command line. */
export interface Asked {
  writers: readonly Writer[];
  template?: string;
}

/** What was stamped before a build read anything: the files it may read (those of the last record too), and briefdeck's own files. */
export interface Before {
  inputs: Signatures;
  tool: string;
}

/** Before a build reads anything: the signatures of the files it may read (those of the last record, and a `--template`, too). */
export function inputsBefore(deck: DeckSource, final: string, template?: string): Before {
  const files = [...deckInputs(deck, path.dirname(final)), ...Object.keys(read(final)?.inputs ?? {}), ...(template ? [path.resolve(template)] : [])];
  return { inputs: signatures(new Set(files)), tool: toolDigest() };
}

/**
 * After a build swapped its files into `final`: the record of what it was made from. None is
 * written (and the last one removed) when a file it may have read changed while it built: the next
 * build then builds. `said`: the writers' warnings, said again when a build finds the deck up to date.
 */
export function recordBuild(source: DeckSource, deck: CompiledDeck, final: string, asked: Asked, before: Before, said: string[]): void {
  try {
    const named = [deck.look.logo?.file, deck.look.pptx?.template?.file, asked.template && path.resolve(asked.template)].filter((f): f is string => !!f);
    const listed = deckInputs(source, path.dirname(final));
    const inputs = signatures(new Set([...listed, ...Object.keys(before.inputs), ...named]));
    const moved = Object.keys(inputs).some((file) => file in before.inputs ? inputs[file] !== before.inputs[file] : listed.includes(file));
    if (moved || toolDigest() !== before.tool) {
      rmSync(recordFile(final), { force: true });
      return;
    }
    const kept: BuildRecord['kept'] = {};
    for (const w of WRITERS) {
      if (!w.keep || asked.writers.includes(w)) continue;
      // What its files would show of these slides: those there now, or printed later (`briefdeck pdf`), are kept while they do.
      kept[w.name] = w.keep.digest(deck, asked.template);
    }
    const value: BuildRecord = {
      version: 2,
      final: path.resolve(final),
      complete: named.every((file) => file in before.inputs),
      writers: asked.writers.map((w) => w.name),
      template: asked.template ? path.resolve(asked.template) : null,
      tool: before.tool,
      inputs,
      outputs: outputs(final, deck.name, asked),
      kept,
      slides: deck.slides.length,
      warnings: deck.warnings,
      said,
    };
    mkdirSync(BUILD_RECORD_DIR, { recursive: true });
    writeFileAtomic(recordFile(final), JSON.stringify(value));
    sweepRecords();
  } catch (error) {
    // The build is done and in place: without a record, the next one builds.
    log.debug(`no record of the build in ${BUILD_RECORD_DIR}: ${(error as Error).message}`);
    try {
      rmSync(recordFile(final), { force: true });
    } catch {
      // Nor can one be removed: none can be read either (builds/ is no folder, say).
    }
  }
}

/** Records of this many output folders are kept before those of folders that are gone are looked for. */
const RECORDS_KEPT = 200;

/** The records of output folders that are no longer there (temporary builds, a dist/ removed), once there are many. */
function sweepRecords(): void {
  const names = readdirSync(BUILD_RECORD_DIR).filter((name) => name.endsWith('.json'));
  if (names.length <= RECORDS_KEPT) return;
  for (const name of names) {
    const file = path.join(BUILD_RECORD_DIR, name);
    try {
      if (!existsSync((JSON.parse(readFileSync(file, 'utf8')) as BuildRecord).final)) rmSync(file, { force: true });
    } catch {
      rmSync(file, { force: true }); // unreadable: no build can use it
    }
  }
}

/** briefdeck's own files as they are now, in one digest. */
function toolDigest(): string {
  return createHash('sha256').update(JSON.stringify(stamps(toolFiles()))).digest('hex');
}

/**
 * The record of `deck`'s last build in `final`, if nothing it names has changed and it asked for
 * the same outputs: dist/<deck>/ is what a new build would make.
 */
export function upToDate(deck: DeckSource, final: string, asked: Asked): Pick<BuildRecord, 'slides' | 'warnings' | 'said'> | undefined {
  try {
    const record = read(final);
    if (!record?.complete) return undefined;
    if (record.writers.join() !== asked.writers.map((w) => w.name).join()) return undefined;
    if (record.template !== (asked.template ? path.resolve(asked.template) : null)) return undefined;
    if (!equal(record.inputs, signatures(new Set([...deckInputs(deck, path.dirname(final)), ...Object.keys(record.inputs)])))) return undefined;
    if (!equal(record.outputs, outputs(final, deck.name, asked))) return undefined;
    // Files of a writer not run (the PDFs of a build without them) are kept only while they show these slides.
    for (const w of WRITERS) {
      if (!w.keep || asked.writers.includes(w)) continue;
      const present = w.files(deck.name).filter((file) => existsSync(path.join(final, file))).length;
      if (present === 0) continue;
      if (present < w.files(deck.name).length || record.kept[w.name] === undefined || readStamp(stampFile(final, deck.name, w)) !== record.kept[w.name]) return undefined;
    }
    if (record.tool !== toolDigest()) return undefined;
    return { slides: record.slides, warnings: record.warnings, said: record.said };
  } catch {
    return undefined; // a record it cannot follow: build
  }
}

function read(final: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile(final), 'utf8')) as Partial<BuildRecord>;
    const shaped =
      record.version === 2 &&
      typeof record.complete === 'boolean' &&
      Array.isArray(record.writers) &&
      typeof record.tool === 'string' &&
      [record.inputs, record.outputs, record.kept].every((v) => !!v && typeof v === 'object') &&
      typeof record.slides === 'number' &&
      Array.isArray(record.warnings) &&
      record.warnings.every((w) => !!w && typeof w === 'object' && typeof w.message === 'string' && typeof w.file === 'string' && typeof w.code === 'string') &&
      Array.isArray(record.said) &&
      record.said.every((w) => typeof w === 'string');
    return shaped ? (record as BuildRecord) : undefined;
  } catch {
    return undefined; // none, or one that is not JSON
  }
}

/**
 * The build's files in dist/<deck>/ (links and folders too), by their path inside it: all but the
 * files of writers it did not run (kept from an earlier build, or written by `briefdeck pdf`
 * since), and the records others keep beside them (dotted names: but the stamps of its own writers).
 */
function outputs(final: string, deck: string, asked: Asked): Signatures {
  const others = new Set(WRITERS.filter((w) => !asked.writers.includes(w)).flatMap((w) => w.files(deck).map((f) => path.join(final, f))));
  const stamps = new Set(asked.writers.filter((w) => w.keep).map((w) => stampFile(final, deck, w)));
  const files = entriesUnder(final).filter((file) => !others.has(file) && (path.dirname(file) !== final || !path.basename(file).startsWith('.') || stamps.has(file)));
  return Object.fromEntries(Object.entries(signatures(files)).map(([file, signature]) => [path.relative(final, file), signature]));
}

function equal(recorded: Signatures, now: Signatures): boolean {
  const keys = Object.keys(recorded);
  return keys.length === Object.keys(now).length && keys.every((key) => now[key] === recorded[key]);
}
