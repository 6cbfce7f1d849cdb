// A PDF's pages as poppler reads them (and how many there are), each file read once: all its pages in one run of pdftotext
// or pdftoppm, not a run a page (a process each, a hundred for one file's checks of every page).
// Forgotten as each test file ends (tests/setup.ts).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

export interface PagePixels {
  width: number;
  height: number;
  /** The colour at (x, y), as red, green and blue. */
  at(x: number, y: number): [number, number, number];
}

const texts = new Map<string, string[]>();
const pictures = new Map<string, PagePixels[]>();

/** A file as it is now: read again once written again. */
const version = (file: string, ...more: unknown[]) => {
  const { size, mtimeMs } = statSync(file);
  return JSON.stringify([file, size, mtimeMs, ...more]);
};

/** How many pages the PDF has, as pdfinfo says. */
export function pageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

/** The text pdftotext reads on page `n` (from 1). */
export function pageText(file: string, n: number): string {
  const key = version(file);
  let pages = texts.get(key);
  if (!pages) {
    // A form feed ends each page.
    pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\f');
    texts.set(key, pages);
  }
  return pages[n - 1] ?? '';
}

/** Page `n` (from 1) as pdftoppm draws it at `dpi`, in colour. */
export function pagePixels(file: string, n: number, dpi: number): PagePixels {
  const key = version(file, dpi);
  let pages = pictures.get(key);
  if (!pages) {
    // Every page, one PPM after another on stdout.
    const ppm = execFileSync('pdftoppm', ['-r', String(dpi), file], { maxBuffer: 1 << 30 });
    pages = [];
    for (let offset = 0; offset < ppm.length; ) {
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', offset, offset + 40));
      if (!header) throw new Error(`${file}: pdftoppm wrote no picture at byte ${offset}`);
      const [width, height] = [Number(header[1]), Number(header[2])];
      const pixels = ppm.subarray(offset + header[0].length, offset + header[0].length + width * height * 3);
      pages.push({ width, height, at: (x, y) => [...pixels.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)] as [number, number, number] });
      offset += header[0].length + width * height * 3;
    }
    pictures.set(key, pages);
  }
  const page = pages[n - 1];
  if (!page) throw new Error(`${file} has no page ${n} (${pages.length} pages)`);
  return page;
}

/** Lets go of the pages read (as a test file ends). */
export function forgetPages(): void {
  texts.clear();
  pictures.clear();
}
