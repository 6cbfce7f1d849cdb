// Type declarations for modules that ship none (markdown-it plugins, pdf.js's worker).
declare module 'markdown-it-attrs' {
  import type { MarkdownIt } from 'markdown-it';
  const attrs: (md: MarkdownIt, options?: { allowedAttributes?: Array<string | RegExp> }) => void;
  export default attrs;
}
declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it';
  const footnote: (md: MarkdownIt) => void;
  export default footnote;
}
declare module 'markdown-it-front-matter' {
  import type { MarkdownIt } from 'markdown-it';
  const frontMatter: (md: MarkdownIt, callback: (frontMatter: string) => void) => void;
  export default frontMatter;
}
declare module 'subset-font' {
  function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; preserveNameIds?: number[]; variationAxes?: Record<string, number> },
  ): Promise<Uint8Array>;
  export default subsetFont;
}

declare module 'puppeteer-core/internal/node/PipeTransport.js' {
  import type { ConnectionTransport } from 'puppeteer-core';
  /** Puppeteer's transport over Chromium's --remote-debugging-pipe (fd 3 written, fd 4 read). */
  export class PipeTransport implements ConnectionTransport {
    constructor(pipeWrite: NodeJS.WritableStream, pipeRead: NodeJS.ReadableStream);
    send(message: string): void;
    close(): void;
    onmessage?: (message: string) => void;
    onclose?: () => void;
  }
}
// pdf.js's worker, loaded for what it leaves on globalThis (src/import/pdf.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
