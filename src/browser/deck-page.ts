// The one way a built deck is opened in Chromium: the PDF export, check, the contact sheets and the
// tests all load it here — at the deck's own size, in its print view when asked, and ready only when
// the page says so (its fonts loaded, Reveal laid out, every slide fitted).
import type { Page } from './puppeteer.ts';

export interface DeckPageOptions {
  /** The print view (`?print=`): every slide on a page of its own, or each slide with its notes. */
  print?: 'slides' | 'notes';
  /** Lay the page out for the screen (the slides print as they look, not as reveal.js's print styles would). */
  screen?: boolean;
  /** How long loading and readiness may take, in ms (30 s). */
  timeout?: number;
}

/** The deck's size in CSS pixels: a 16:9 slide as the theme lays it out. */
export const DECK_VIEWPORT = { width: 1280, height: 720 } as const;

/** Opens the deck at `url` in `page` and waits until it is ready to be measured, shown or printed. */
export async function openDeckPage(page: Page, url: string, options: DeckPageOptions = {}): Promise<void> {
  const timeout = options.timeout ?? 30_000;
  if (options.screen) await page.emulateMediaType('screen');
  await page.setViewport(DECK_VIEWPORT);
  const [base, hash = ''] = url.split(/(?=#)/);
  const target = options.print ? `${base}${base!.includes('?') ? '&' : '?'}print=${options.print}${hash}` : url;
  await page.goto(target, { waitUntil: 'load', timeout });
  // Polled on the page's changes, not its animation frames: a page opened beside another (the
  // slides and the notes print side by side) is hidden in headless Chromium, and gets no frames.
  await page.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true', { timeout, polling: 'mutation' });
}
