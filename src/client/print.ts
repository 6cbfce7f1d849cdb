// Print mode (`?print` for the slides, `?print=notes` for the handout): no Reveal, every slide
// laid out as a page of its own, so nothing is scaled, dropped or split by a print view.
import theme from '../../templates/theme.json';
import { fontsReady } from './fonts.ts';

export type PrintVariant = 'slides' | 'notes';

/** Reveal-style links (#/id) become plain fragment links, which Chromium keeps in the PDF. */
function internalLinks(root: ParentNode): void {
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) a.setAttribute('href', `#${a.getAttribute('href')!.slice(2)}`);
}

/** The handout: each slide in its own small deck frame, its speaker notes under it. */
function handout(): void {
  const reveal = document.querySelector('.reveal')!;
  const pages = document.createElement('main');
  pages.className = 'bd-handout';
  for (const section of document.querySelectorAll<HTMLElement>('.reveal .slides > section')) {
    const page = document.createElement('article');
    page.className = 'bd-handout-page';
    page.id = section.id;
    section.removeAttribute('id');
    const frame = document.createElement('div');
    frame.className = 'reveal bd-handout-slide';
    const slides = document.createElement('div');
    slides.className = 'slides';
    const notes = section.querySelector('aside.notes');
    notes?.remove();
    slides.append(section);
    frame.append(slides);
    page.append(frame);
    if (notes) {
      const box = document.createElement('div');
      box.className = 'bd-handout-notes';
      box.innerHTML = notes.innerHTML;
      page.append(box);
    }
    pages.append(page);
  }
  reveal.replaceWith(pages);
}

/** The picture an `<img>` shows by its class (`content: url(…)`, the one-file deck). */
const styleUrl = (img: HTMLImageElement) => /^url\("?(.*?)"?\)$/.exec(getComputedStyle(img).content)?.[1] ?? '';

/** A picture loaded and decoded (once for all the elements that show it). */
function decodeUrl(url: string): Promise<void> {
  if (!url) return Promise.resolve();
  const picture = new Image();
  picture.src = url;
  return picture.decode();
}

const PAGE_RULES: Record<PrintVariant, string> = {
  slides: `@page { size: ${theme.slide.width}px ${theme.slide.height}px; margin: 0 }`,
  notes: '@page { size: A4 portrait; margin: 14mm 14mm 16mm }',
};

/** The page's own print rule (its size and margins), one per page. */
let pageRule: HTMLStyleElement | undefined;

/** Lays the deck out for printing and resolves once the fonts its text uses have loaded. */
export async function preparePrint(variant: PrintVariant): Promise<void> {
  const root = document.documentElement;
  root.classList.add('bd-print', `bd-print-${variant}`, 'bd-print-loading');
  pageRule = document.createElement('style');
  pageRule.textContent = PAGE_RULES[variant];
  document.head.append(pageRule);
  // The fonts first: laid out before they arrive, every line would be shaped twice.
  await fontsReady();
  root.classList.remove('bd-print-loading');
  if (variant === 'notes') handout();
  internalLinks(document);
  await laidOut();
}

/**
 * The slides' print view made the handout in place (the PDF export prints both from one page,
 * loading the deck once): the same page as `?print=notes` makes.
 */
export async function prepareNotes(): Promise<void> {
  const root = document.documentElement;
  if (!root.classList.contains('bd-print-slides')) return;
  delete root.dataset.briefdeckReady;
  root.classList.replace('bd-print-slides', 'bd-print-notes');
  pageRule!.textContent = PAGE_RULES.notes;
  handout();
  await laidOut();
}

/** Resolves once the page is laid out with its fonts and pictures, and says so (data-briefdeck-ready). */
async function laidOut(): Promise<void> {
  const root = document.documentElement;
  void document.body.offsetHeight;
  await document.fonts.ready;
  // The memo's images (and the brand's logo) are on the page before it is printed or measured.
  const byStyle = new Set([...document.images].filter((img) => img.getAttribute('src') === null).map(styleUrl));
  await Promise.all([...[...document.images].filter((img) => img.getAttribute('src') !== null).map((img) => img.decode()), ...[...byStyle].map(decodeUrl)].map((p) => p.catch(() => undefined)));
  root.dataset.briefdeckReady = 'true';
}
