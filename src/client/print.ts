// Print mode (`?print` for the slides, `?print=notes` for the handout): no Reveal, every slide
// laid out as a page of its own, so nothing is scaled, dropped or split by a print view.
import theme from '../../templates/theme.json';

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

export async function preparePrint(variant: PrintVariant): Promise<void> {
  document.documentElement.classList.add('bd-print', `bd-print-${variant}`);
  const style = document.createElement('style');
  style.textContent =
    variant === 'slides' ? `@page { size: ${theme.slide.width}px ${theme.slide.height}px; margin: 0 }` : '@page { size: A4 portrait; margin: 14mm 14mm 16mm }';
  document.head.append(style);
  if (variant === 'notes') handout();
  internalLinks(document);
  const text = document.body.textContent ?? '';
  await Promise.all(theme.font.weights.map((w) => document.fonts.load(`${w} 16px ${theme.font.family}`, text)));
  await document.fonts.ready;
  document.documentElement.dataset.briefdeckReady = 'true';
}
