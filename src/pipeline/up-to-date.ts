// `briefdeck build` when nothing changed: dist/<deck>/ is left as it is, as make and `tsc -b` leave
// what is up to date. After each build a record in the cache (builds/, by the output folder's
// path: never in dist/, which is published, and the record names files of this machine) holds
// what the build was made from — the deck's folder, the brand's file, the logo and PowerPoint
// template they name, briefdeck's own code and templates (each file's size and modification time),
// the writers it ran — and what it left in dist/<deck>/. The next build is skipped only while all
// of that is as recorded; a file added to the deck's folder, an output touched or removed, a
// different set of outputs asked for, a new briefdeck: it builds. `build --force` always builds.
// Light on purpose: the CLI reads it before the parser, the planner or a browser is loaded.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BRAND_CONFIG_FILE, type DeckSource } from '../core/deck-folder.ts';
import { writeFileAtomic } from '../core/files.ts';
import { BUILD_RECORD_DIR } from '../core/paths.ts';
import { filesUnder, stamps, toolFiles, type Stamps } from '../core/stamps.ts';
import type { CompiledDeck } from '../model/deck.ts';
import type { Diagnostic } from '../model/types.ts';
import { stampFile, WRITERS, type Writer, type WriterName } from './writers.ts';

/** The files a deck's slides are made from: its folder (memo.md, deck.yaml, pictures) and the organisation's brand.yaml. */
export function deckInputs(deck: DeckSource): string[] {
  return [...filesUnder(deck.dir), path.join(path.dirname(deck.dir), BRAND_CONFIG_FILE)];
}

interface BuildRecord {
  version: 1;
  /** The output folder (for the sweep of records of folders that are gone). */
  final: string;
  writers: WriterName[];
  template: string | null;
  /** A digest of the stamps of briefdeck's own files. */
  tool: string;
  inputs: Stamps;
  outputs: Stamps;
  /** For each writer the build did not run (pdf, pptx): the digest its stamp holds when its files show these slides. */
  kept: Partial<Record<WriterName, string>>;
  slides: number;
  warnings: Diagnostic[];
}

const recordFile = (final: string) => path.join(BUILD_RECORD_DIR, `${createHash('sha256').update(path.resolve(final)).digest('hex').slice(0, 24)}.json`);

/** What a build asks for: its writers, and the PowerPoint template named on the command line. */
export interface Asked {
  writers: readonly Writer[];
  template?: string;
}

/** What was stamped before a build read anything: the files it may read (those of the last record too), when, and briefdeck's own files. */
interface Before {
  stamps: Stamps;
  at: number;
  tool: string;
}

/** Before a build reads anything: the stamps of the files it may read (those of the last record too). */
export function inputsBefore(deck: DeckSource, final: string): Before {
  const at = Date.now();
  return { stamps: stamps(new Set([...deckInputs(deck), ...Object.keys(read(final)?.inputs ?? {})])), at, tool: toolDigest() };
}

/**
 * A file first stamped after the build (a logo or template its configuration names, outside the
 * deck's folder) is taken as read only when it was last written this long before the build began:
 * file systems that keep modification times to the second or two could date a write during the
 * build earlier than it was.
 */
const SETTLED_MS = 2000;

/**
 * After a build swapped its files into `final`: the record of what it was made from. None is
 * written when a file it read may have changed while it built (stamped before it began and not the
 * same after, or not stamped before and written just before or since): the next build then builds.
 */
export function recordBuild(source: DeckSource, deck: CompiledDeck, final: string, asked: Asked, before: Before): void {
  const named = [deck.look.logo?.file, deck.look.pptx?.template?.file, asked.template && path.resolve(asked.template)].filter((f): f is string => !!f);
  const candidates = new Set([...deckInputs(source), ...named]);
  const inputs = stamps(candidates);
  const was = before.stamps;
  const changed = (file: string) =>
    file in was ? inputs[file]?.[0] !== was[file]![0] || inputs[file]?.[1] !== was[file]![1] : file in inputs && inputs[file]![1] >= before.at - SETTLED_MS;
  if ([...candidates].some(changed) || toolDigest() !== before.tool) {
    // Without a record, the next build builds.
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
    version: 1,
    final: path.resolve(final),
    writers: asked.writers.map((w) => w.name),
    template: asked.template ? path.resolve(asked.template) : null,
    tool: before.tool,
    inputs,
    outputs: outputs(final, deck.name, asked),
    kept,
    slides: deck.slides.length,
    warnings: deck.warnings,
  };
  mkdirSync(BUILD_RECORD_DIR, { recursive: true });
  writeFileAtomic(recordFile(final), JSON.stringify(value));
  sweepRecords();
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
export function upToDate(deck: DeckSource, final: string, asked: Asked): { slides: number; warnings: Diagnostic[] } | undefined {
  const record = read(final);
  if (!record) return undefined;
  if (record.writers.join() !== asked.writers.map((w) => w.name).join()) return undefined;
  if (record.template !== (asked.template ? path.resolve(asked.template) : null)) return undefined;
  if (!equal(record.inputs, stamps(new Set([...deckInputs(deck), ...Object.keys(record.inputs)])))) return undefined;
  if (!equal(record.outputs, outputs(final, deck.name, asked))) return undefined;
  // Files of a writer not run (the PDFs of a build without them) are kept only while they show these slides.
  for (const w of WRITERS) {
    if (!w.keep || asked.writers.includes(w)) continue;
    const present = w.files(deck.name).filter((file) => existsSync(path.join(final, file))).length;
    if (present === 0) continue;
    if (present < w.files(deck.name).length || record.kept[w.name] === undefined || stampOf(final, deck.name, w) !== record.kept[w.name]) return undefined;
  }
  if (record.tool !== toolDigest()) return undefined;
  return { slides: record.slides, warnings: record.warnings };
}

function read(final: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile(final), 'utf8')) as BuildRecord;
    return record.version === 1 ? record : undefined;
  } catch {
    return undefined; // none, an empty one (see recordBuild), or one of another version
  }
}

/**
 * The build's files in dist/<deck>/: all but the stamps beside them (dotted names at its top)
 * and the files of writers it did not run (kept from an earlier build, or written by `pdf` since).
 */
function outputs(final: string, deck: string, asked: Asked): Stamps {
  const others = new Set(WRITERS.filter((w) => !asked.writers.includes(w)).flatMap((w) => w.files(deck)));
  const files = filesUnder(final).filter((file) => {
    const relative = path.relative(final, file);
    return relative.includes(path.sep) || !(relative.startsWith('.') || others.has(relative));
  });
  // Keyed by the path inside the folder: the record holds no absolute path of dist/.
  return Object.fromEntries(Object.entries(stamps(files)).map(([file, stamp]) => [path.relative(final, file), stamp]));
}

function stampOf(final: string, deck: string, w: Writer): string | undefined {
  try {
    return readFileSync(stampFile(final, deck, w), 'utf8');
  } catch {
    return undefined;
  }
}

function equal(recorded: Stamps, now: Stamps): boolean {
  const keys = Object.keys(recorded);
  return keys.length === Object.keys(now).length && keys.every((key) => now[key]?.[0] === recorded[key]![0] && now[key]?.[1] === recorded[key]![1]);
}
