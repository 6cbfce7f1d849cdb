// The rules of src/'s shape, as tables the architecture test reads (tests/architecture.ts checks a
// copy of src/ against them). Changing the shape of the code is changing a row here, on purpose.

/**
 * Each folder of src/: its rank, and the folders it may import from (type imports included). A
 * folder imports only from folders of a lower rank — the test holds the table to that — so the
 * stages depend one way: core < model < config, browser < parse, plan < render, diagrams, import
 * < the writers (html, pdf, pptx) < pipeline < check < studio < cli. client/ is the code of the page itself
 * (bundled by Vite): it imports nothing of briefdeck's own.
 */
export const FOLDERS: Record<string, { rank: number; may: string[] }> = {
  core: { rank: 0, may: [] },
  client: { rank: 0, may: [] },
  model: { rank: 1, may: ['core'] },
  config: { rank: 2, may: ['core', 'model'] },
  // The one gateway to Chromium (launch, pages, the print-view server).
  browser: { rank: 2, may: ['core', 'model'] },
  parse: { rank: 3, may: ['core', 'model', 'config'] },
  plan: { rank: 3, may: ['model'] },
  render: { rank: 4, may: ['core', 'model', 'browser'] },
  diagrams: { rank: 4, may: ['core', 'model', 'browser'] },
  import: { rank: 4, may: ['core', 'model', 'config', 'parse'] },
  // The writers: the HTML deck (and its one-file form), the PDFs, the PowerPoint file.
  html: { rank: 5, may: ['core', 'model'] },
  pdf: { rank: 5, may: ['core', 'model', 'browser'] },
  pptx: { rank: 5, may: ['core', 'model', 'config', 'browser'] },
  pipeline: { rank: 6, may: ['core', 'model', 'config', 'browser', 'parse', 'plan', 'render', 'diagrams', 'html', 'pdf', 'pptx'] },
  check: { rank: 7, may: ['core', 'model', 'config', 'browser', 'pipeline'] },
  // The studio: a local server over the same import, compiler and outputs as the command line.
  // (client: the page's JSON shapes, client/studio/wire.ts, taken as types.)
  studio: { rank: 8, may: ['core', 'model', 'config', 'browser', 'import', 'pipeline', 'check', 'client'] },
  cli: { rank: 9, may: ['core', 'model', 'browser', 'import', 'pipeline', 'check', 'studio'] },
};

/**
 * Library gateways: each package src/ imports, and the folders that may import it (type imports
 * included; a `declare module` block describing a package is not an import of it). A package
 * not listed may not be imported at all: a new library gets its row, and its one place.
 */
export const PACKAGES: Record<string, string[]> = {
  // Chromium: only through browser/ (the others get Page and TimeoutError from browser/puppeteer.ts).
  'puppeteer-core': ['browser'],
  puppeteer: ['browser'],
  '@puppeteer/browsers': ['browser'],
  sirv: ['browser'],
  // PowerPoint: the PPTX writer alone (it writes PresentationML itself; pptxgenjs only makes a test template,
  // scripts/make-template-pptxgenjs.ts). jszip opens zips: the PPTX writer's, and the Word reader's .docx.
  jszip: ['pptx', 'import'],
  // An organisation's PowerPoint template, read as XML.
  '@xmldom/xmldom': ['pptx'],
  // The PDF writer's finishing; the PDF reader opens content streams with it (/ActualText, which pdf.js drops).
  'pdf-lib': ['pdf', 'import'],
  // The readers' libraries.
  'pdfjs-dist': ['import'],
  mammoth: ['import'],
  linkedom: ['import'],
  '@mozilla/readability': ['import'],
  // Markdown: the memo's parser, and the Markdown reader of import.
  'markdown-it': ['parse', 'import'],
  'markdown-it-attrs': ['parse', 'import'],
  'markdown-it-footnote': ['parse', 'import'],
  'markdown-it-front-matter': ['parse'],
  // Configuration and front matter.
  yaml: ['config', 'diagrams', 'import'],
  zod: ['config'],
  budoux: ['model'],
  'subset-font': ['core'],
  picocolors: ['core'],
  commander: ['cli'],
  // The HTML writer bundles the page; the dev server (pipeline/dev.ts) serves it.
  vite: ['html', 'pipeline'],
  'vite-plugin-singlefile': ['html'],
  // The page: Reveal.js and the deck's own module, which the Vite plugin serves.
  'reveal.js': ['client'],
  'virtual:briefdeck': ['client'],
  // The studio page's editor (src/client/studio/), and esbuild, which bundles it (a checkout's studio, when it first serves it).
  codemirror: ['client'],
  '@codemirror/lang-markdown': ['client'],
  '@codemirror/lang-yaml': ['client'],
  '@codemirror/state': ['client'],
  '@codemirror/view': ['client'],
  '@codemirror/lint': ['client'],
  esbuild: ['studio'],
};

/** Files that may import each other in a circle: none (any cycle among src/'s files fails the test; add a row only with the issue that will take it apart). */
export const CYCLES_ALLOWED: RegExp[] = [];
