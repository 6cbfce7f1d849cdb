// The PNGs drawn for the PowerPoint file (a memo's Mermaid diagram, an SVG logo, a memo's SVG
// image), kept on disk by what they were drawn from: a PowerPoint file made again after a text
// edit draws nothing again, and `briefdeck pptx` starts no browser when nothing new is to be drawn.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';

/** Raised when what a drawing depends on changes in a way its inputs do not show (how pages are drawn). */
const DRAWING_VERSION = 1;

/** The eight bytes a PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whole enough to use: its signature, its header, and its end chunk. */
function wholePng(bytes: Buffer): boolean {
  return bytes.length > 44 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR' && bytes.toString('latin1', bytes.length - 8, bytes.length - 4) === 'IEND';
}

export class PictureCache {
  /** `dir`: where the drawings are kept; none keeps nothing. */
  constructor(private readonly dir?: string) {}

  /** The key of a drawing: everything it was drawn from (the picture, its size, the font). */
  key(...inputs: unknown[]): string {
    return createHash('sha256').update(JSON.stringify([DRAWING_VERSION, ...inputs])).digest('hex').slice(0, 32);
  }

  /** The PNG drawn before for `key`, if the cache holds a whole one. */
  get(key: string): Buffer | undefined {
    if (!this.dir) return undefined;
    try {
      const bytes = readFileSync(path.join(this.dir, `${key}.png`));
      return wholePng(bytes) ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps a drawing; one that cannot be kept (a full disk) is drawn again next time. */
  set(key: string, png: Buffer): void {
    if (!this.dir || !wholePng(png)) return;
    try {
      writeFileAtomic(path.join(this.dir, `${key}.png`), png);
    } catch (error) {
      log.debug(`picture cache: could not keep ${key}.png (${(error as Error).message})`);
    }
  }
}
