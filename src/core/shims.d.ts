// Type declarations for markdown-it plugins that ship none.
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
