// Type declarations for markdown-it plugins that ship none.
declare module 'markdown-it-attrs' {
  import type { PluginWithOptions } from 'markdown-it';
  const attrs: PluginWithOptions<{ allowedAttributes?: Array<string | RegExp> }>;
  export default attrs;
}
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const footnote: PluginSimple;
  export default footnote;
}
declare module 'markdown-it-front-matter' {
  import type { PluginWithOptions } from 'markdown-it';
  const frontMatter: PluginWithOptions<(frontMatter: string) => void>;
  export default frontMatter;
}
