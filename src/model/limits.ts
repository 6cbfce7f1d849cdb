// The limits a deck is held to: the planner lays slides out within them, `briefdeck check`
// measures the built deck against them. One place, so the two cannot disagree.
import type { Theme } from './theme.ts';

export interface Limits {
  /** Smallest font size of slide text (notes excluded), in px on the 1280×720 slide. */
  minFontPx: number;
  /** Smallest rendered size of a diagram label, in px. */
  minDiagramFontPx: number;
  /** WCAG AA contrast of text against its background (large text: `minContrastLarge`). */
  minContrast: number;
  minContrastLarge: number;
  /** Body text of one slide beyond which it is too dense to read aloud from. */
  maxBodyLines: number;
  maxBodyChars: number;
  /** Share of a slide's body height the planner fills before it continues on the next slide. */
  fill: number;
  /** Largest share of a slide's height (less its bottom 12%) that may hold nothing. */
  maxEmptyBand: number;
}

/** Reveal's furniture, held to fixed bars: the slide number's size as drawn (px), and the contrast of
 *  a control (an arrow: a graphical object, WCAG 1.4.11) against the slide. */
export const FURNITURE_LIMITS = { slideNumberPx: 18, controlsContrast: 3 } as const;

export const LIMIT_KEYS = ['minFontPx', 'minDiagramFontPx', 'minContrast', 'minContrastLarge', 'maxBodyLines', 'maxBodyChars', 'fill', 'maxEmptyBand'] as const;

export function defaultLimits(theme: Theme): Limits {
  const s = theme.slide;
  const bodyHeight = s.height - s.paddingTop - s.paddingBottom - theme.font.title * theme.font.titleLineHeight * 1.6;
  return {
    minFontPx: 24,
    minDiagramFontPx: 18,
    minContrast: 4.5,
    minContrastLarge: 3,
    maxBodyLines: Math.floor(bodyHeight / (theme.font.body * theme.font.lineHeight)),
    maxBodyChars: 400,
    fill: 1,
    maxEmptyBand: 0.4,
  };
}

/** Limits from the deck's configuration (`limits:` in deck.yaml) over the defaults. */
export function resolveLimits(theme: Theme, overrides: Partial<Limits> = {}): Limits {
  return { ...defaultLimits(theme), ...overrides };
}
