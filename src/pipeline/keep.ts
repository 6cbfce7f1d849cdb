// The files of a writer a build does not run (the PDFs and the PowerPoint file of a build without
// PDFs): kept from dist/<deck>/ while the digest stamped beside them says they show the same slides.
import { copyFileSync, existsSync, linkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import type { CompiledDeck } from '../model/deck.ts';
import { stampFile, type Writer } from './writers.ts';

/** Beside a writer's files: a digest of what they show. */
export function stamp(w: Writer, dir: string, deck: CompiledDeck, template?: string): void {
  if (w.keep) writeFileAtomic(stampFile(dir, deck.name, w), w.keep.digest(deck, template));
}

/** The digest stamped in `file`, if there is one. */
export function readStamp(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A build without PDFs keeps those printed before from the same slides (and the PowerPoint file
 * written from them), carried into the new folder; files of an earlier memo or look are not carried
 * over, and the build says so.
 */
export function keepPrevious(tmp: string, final: string, deck: CompiledDeck, w: Writer, template?: string): void {
  const files = w.files(deck.name).map((file) => path.join(final, file));
  const stampAt = stampFile(final, deck.name, w);
  const { digest, made, of, again } = w.keep!;
  keepFiles(tmp, files, stampAt, digest(deck, template), made, of, again(deck.name));
}

/** Carries `files` of dist/<deck>/ into the new folder `tmp` while `stampFile` says they show these slides. */
function keepFiles(tmp: string, files: string[], stampFile: string, digest: string, made: string, of: string, again: string): void {
  const previous = files.filter((f) => existsSync(f));
  if (previous.length === 0) return;
  // No stamp: made by an older briefdeck, or not by briefdeck at all.
  const stamp = readStamp(stampFile) ?? '';
  const names = previous.map((f) => path.basename(f)).join(' and ');
  if (stamp === digest && previous.length === files.length) {
    for (const file of [...previous, stampFile]) linkOrCopy(file, path.join(tmp, path.basename(file)));
    log.info(`kept ${names}: ${made} from these same slides`);
    return;
  }
  log.warn(`removed ${names}: ${made} from an earlier version of ${of} (${again})`);
}

/**
 * A file carried into the new folder: a hard link where the file system allows (the old folder
 * goes, and briefdeck replaces files by renaming, never by writing into them), else a copy.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
