// Runs in the browser: Reveal.js with notes and search, the bundled font, live updates in dev.
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import 'reveal.js/reveal.css';
import 'virtual:briefdeck/fonts.css';
import 'virtual:briefdeck/theme.css';
import '../../templates/theme.css';
import '../../templates/print.css';
import theme from '../../templates/theme.json';
import { fontsReady } from './fonts.ts';
import { prepareNotes, preparePrint } from './print.ts';
import { localizeReveal, localizeSpeakerView, uiStrings } from './ui-strings.ts';

declare global {
  interface Window {
    /** Resolves once Reveal is ready and the deck's fonts have loaded: tests and export wait on it. */
    briefdeckReady?: Promise<void>;
    /** The deck's Reveal instance, as reveal.js decks conventionally expose it. */
    Reveal?: InstanceType<typeof Reveal>;
    /** In the slides' print view: makes it the handout's, in place (the PDF export). */
    briefdeckPrintNotes?: () => Promise<void>;
  }
}

/** The deck's language (the memo's): Reveal's own texts follow it. */
const language = document.documentElement.lang || 'en';
const ui = uiStrings(language);
const printVariant = new URLSearchParams(location.search).get('print');
/** The talk's length (deck.yaml `duration:`), in seconds: the speaker view's pacing. */
const totalTime = Number(document.querySelector<HTMLMetaElement>('meta[name="briefdeck:duration"]')?.content ?? 0);

const deck = new Reveal({
  width: theme.slide.width,
  height: theme.slide.height,
  margin: 0.04,
  minScale: 0.2,
  maxScale: 2.5,
  center: false,
  hash: true,
  respondToHashChanges: true,
  history: false,
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  progress: true,
  controls: true,
  overview: true,
  transition: 'fade',
  transitionSpeed: 'fast',
  pdfSeparateFragments: false,
  pdfMaxPagesPerSlide: 1,
  ...(totalTime > 0 ? { totalTime } : {}),
  plugins: [Notes, Search],
});

if (printVariant !== null) {
  window.briefdeckReady = preparePrint(printVariant === 'notes' ? 'notes' : 'slides');
  window.briefdeckPrintNotes = prepareNotes;
} else {
  window.Reveal = deck;
  // The fonts first (a layout before they arrive is done again); a font that fails to load must
  // not keep the deck from showing.
  window.briefdeckReady = fontsReady()
    .catch((error: unknown) => console.warn('briefdeck: the deck font did not load', error))
    .then(() => deck.initialize())
    .then(() => {
      localizeReveal(deck, ui);
      document.documentElement.dataset.briefdeckReady = 'true';
    });
}

/** Replaces the slides in place (and the style holding the pictures they show by class) and returns to the slide that was showing. */
function replaceSlides(html: string, title: string, assets = ''): void {
  const current = deck.getCurrentSlide()?.id;
  const { h, v } = deck.getIndices();
  const container = document.querySelector('.reveal .slides');
  if (!container) return;
  const style = document.getElementById('bd-assets');
  if (style) style.textContent = assets;
  container.innerHTML = html;
  document.title = title;
  deck.sync();
  const same = current ? document.getElementById(current) : null;
  if (same) {
    const indices = deck.getIndices(same);
    deck.slide(indices.h, indices.v);
  } else deck.slide(h, v);
  void fontsReady();
}

/**
 * url(…) references made absolute: the speaker window's document is not the stylesheet, so a
 * font path relative to the stylesheet (assets/…) would resolve against the wrong address.
 */
function absoluteUrls(css: string, base: string): string {
  return css.replace(/url\((['"]?)([^'")]+)\1\)/g, (whole, _quote: string, url: string) => {
    if (/^(?:data|blob):/i.test(url)) return whole;
    try {
      return `url("${new URL(url, base).href}")`;
    } catch {
      return whole;
    }
  });
}

/**
 * The speaker view is a window the notes plugin writes itself: give it the deck's font too, so
 * notes never fall back to a system font (or to tofu where there is no Japanese one).
 */
function shareFontsWith(popup: Window): void {
  const rules = [...document.styleSheets]
    .flatMap((sheet) => {
      try {
        return [...sheet.cssRules];
      } catch {
        return [];
      }
    })
    .filter((rule) => rule instanceof CSSFontFaceRule)
    .map((rule) => absoluteUrls(rule.cssText, rule.parentStyleSheet?.href ?? location.href))
    .join('\n');
  const css = `${rules}\nbody, .speaker-controls, .speaker-controls-notes { font-family: ${theme.font.family} }`;
  let tries = 0;
  const apply = () => {
    const doc = popup.document;
    if (popup.closed || tries++ > 100) return;
    if (!doc?.querySelector('.speaker-controls-notes') || doc.getElementById('bd-fonts')) {
      if (!doc?.getElementById('bd-fonts')) setTimeout(apply, 50);
      return;
    }
    const style = doc.createElement('style');
    style.id = 'bd-fonts';
    style.textContent = css;
    doc.head.append(style);
    localizeSpeakerView(doc, ui, language);
  };
  setTimeout(apply, 0);
}

const openWindow = window.open.bind(window);
window.open = (...args: Parameters<typeof window.open>) => {
  const popup = openWindow(...args);
  if (popup) shareFontsWith(popup);
  return popup;
};

if (import.meta.hot) {
  import.meta.hot.on('briefdeck:update', (data: { html: string; assets?: string; title: string; look?: string }) => {
    // A fixed error: the overlay that showed it goes away.
    for (const overlay of document.querySelectorAll('vite-error-overlay')) overlay.remove();
    // An update that arrives while Reveal is still starting waits for it (in the order they came).
    void window.briefdeckReady?.then(() => {
      const look = document.getElementById('bd-look');
      if (look && data.look !== undefined) look.textContent = data.look;
      replaceSlides(data.html, data.title, data.assets);
      document.documentElement.dataset.briefdeckVersion = String(Number(document.documentElement.dataset.briefdeckVersion ?? 0) + 1);
    });
  });
}
