// The shapes of the studio's JSON answers, written once: the page reads them, and the server
// (src/studio/) takes the types from here when it makes them — and the one limit both enforce.

/** The largest document the studio takes to import (the page says so before it uploads; the server refuses more: 413). */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;

/** What the page shows of an import: plain lists, each line with where it was and why. */
export interface StudioImport {
  deck?: string;
  written: boolean;
  /** The count (read, placed, dropped) and the second reading's, as `import` prints them. */
  summary: string[];
  titleBlock: Array<{ field: string; text: string; where: string }>;
  dropped: Array<{ where: string; why: string; text: string }>;
  markers: Array<{ marker: string; heading: string; where: string; why: string }>;
  /** Errors and warnings, each a sentence (file and line where there is one). */
  problems: Array<{ severity: 'error' | 'warning'; message: string }>;
}
