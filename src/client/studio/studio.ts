// The studio page's own code (bundled by esbuild when the studio starts: src/studio/assets.ts).
// Each page says which it is on <body data-page>.
import { startDeckPage } from './deck.ts';
import { startHomePage } from './home.ts';

const page = document.body.dataset.page;
if (page === 'home') startHomePage();
else if (page === 'deck') startDeckPage();
