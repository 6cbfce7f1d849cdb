// What a PDF is finished with (src/pdf/finish.ts, finish-pdf-lib.ts): its document information and its outline.

export interface PdfInfo {
  title: string;
  authors: string[];
  subject?: string;
  language: string;
}

/** A bookmark: its title, the 0-based page it opens, and bookmarks under it. */
export interface OutlineNode {
  title: string;
  page: number;
  children: OutlineNode[];
}
