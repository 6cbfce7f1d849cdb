// For running Vite directly (`npx vite`, `npx vite build`): the deck named by BRIEFDECK_DECK,
// else the first one in slides/. `briefdeck dev` and `briefdeck build` use the same settings.
import path from 'node:path';
import { BrowserGateway } from './src/browser.ts';
import { DIAGRAM_CACHE_DIR } from './src/build.ts';
import { deckAt, findDecks } from './src/deck.ts';
import { DiagramRenderer } from './src/diagrams/render.ts';
import { loadTheme } from './src/theme.ts';
import { PROJECT_ROOT, viteConfig } from './src/vite/config.ts';

const name = process.env.BRIEFDECK_DECK;
const deck = name ? deckAt(path.join(PROJECT_ROOT, 'slides', name)) : findDecks(path.join(PROJECT_ROOT, 'slides'))[0]!;
const renderer = new DiagramRenderer(new BrowserGateway(), loadTheme(), DIAGRAM_CACHE_DIR);

export default viteConfig({ deck, renderer });
