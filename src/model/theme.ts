import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Layout } from './types.ts';

import { TEMPLATES_DIR } from '../core/paths.ts';


export const THEME_NAMES = ['light', 'dark', 'contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];
type ColorName = 'background' | 'text' | 'muted' | 'accent' | 'accentSoft' | 'line' | 'highlight';

export interface Theme {
  /** coverPaddingBottom: the title and closing slides' room ends higher, so what they hold is balanced over the slide less its bottom band. */
  slide: { width: number; height: number; paddingX: number; paddingTop: number; paddingBottom: number; coverPaddingBottom: number };
  font: {
    family: string;
    weights: number[];
    kicker: number;
    title: number;
    subtitle: number;
    body: number;
    subitem: number;
    small: number;
    lineHeight: number;
    titleLineHeight: number;
    /** Multiples of `title`: the title and closing slides' title before it is fitted, a section opener's title and its number. */
    coverTitleScale: number;
    sectionTitleScale: number;
    sectionNumberScale: number;
  };
  /** The head of a slide with a title: space under the kicker, title and subtitle (em of each), the accent rule (px), the space under it (em of the body text). */
  head: { kickerAfterEm: number; titleAfterEm: number; subtitleAfterEm: number; rule: number; afterEm: number };
  /** Cards: the gap between them (px), their padding (em), the accent rule on top (em), line height, the room above and below them (em). */
  cards: { gap: number; padYEm: number; padXEm: number; ruleEm: number; lineHeight: number; bodyPadEm: number };
  /** A section opener's parts: each a band padded (em of its text) with an accent rule on its left (px), spaced (em) from the next. */
  opener: { padYEm: number; padXEm: number; rule: number; afterEm: number };
  /** A table: line height, cell padding (em), the rule between rows and under the header row (px). */
  table: { lineHeight: number; padYEm: number; padXEm: number; rule: number; headRule: number };
  color: Record<ColorName, string>;
  /** The dark and high-contrast themes' colours, over the light ones. */
  themes: Record<Exclude<ThemeName, 'light'>, Partial<Record<ColorName, string>>>;
  /** Largest body text by layout (px); a layout absent here is not fitted. */
  fit: Partial<Record<Layout | 'titleAlone', number>>;
  diagram: { fontSize: number; labelEm: number; nodeLabelEm: number };
  /** The bottom band (px): the brand's logo and footer, and the slide number where Reveal draws it. */
  furniture: {
    bottom: number;
    height: number;
    /** How far short of the slide's right edge the band ends: the slide number and the controls are there. */
    right: number;
    gap: number;
    logoHeight: number;
    /** Of the footer line and the slide number. */
    lineHeight: number;
    number: { size: number; right: number; bottom: number; paddingY: number; paddingX: number };
  };
}

/** A box on the slide, px from its top left corner. */
export interface PxBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The foot of a slide's head as templates/theme.css lays it out (.bd-head, theme.json "head"): under
 * its last text (the title's or the subtitle's, ending at `textBottom`, set at `px` and followed by
 * `afterEm` of it), the accent rule, then the space before the body. The PowerPoint file's own
 * slides and its master's body placeholder both start the body here.
 */
export function headFoot(t: Theme, textBottom: number, last: { px: number; afterEm: number }): { ruleTop: number; bodyTop: number } {
  const ruleTop = textBottom + last.px * last.afterEm;
  return { ruleTop, bodyTop: ruleTop + t.head.rule + t.font.body * t.head.afterEm };
}

/** How high a head of a kicker (or none) and `titleLines` lines of title is, down to where the body starts (theme.css .bd-kicker, .bd-title, .bd-head). */
export function headBlockHeight(t: Theme, titleLines: number, kicker: boolean): number {
  const kickerHeight = kicker ? t.font.kicker * (t.font.lineHeight + t.head.kickerAfterEm) : 0;
  return headFoot(t, kickerHeight + titleLines * t.font.title * t.font.titleLineHeight, { px: t.font.title, afterEm: t.head.titleAfterEm }).bodyTop;
}

/**
 * The bottom band as templates/theme.css lays it out (.bd-furniture, .slide-number, both from the
 * `furniture` tokens): the band of the logo and footer line, and the slide number's text (inside
 * its padding), which ends where the band's room for it does. The PowerPoint file draws them here.
 */
export function furnitureBoxes(t: Theme): { band: PxBox; number: PxBox } {
  const { slide, furniture: f } = t;
  const n = f.number;
  const band = { x: slide.paddingX, y: slide.height - f.bottom - f.height, width: slide.width - f.right - slide.paddingX, height: f.height };
  const numberHeight = n.size * f.lineHeight;
  const numberRight = slide.width - n.right - n.paddingX;
  const bandRight = band.x + band.width;
  return { band, number: { x: bandRight, y: slide.height - n.bottom - n.paddingY - numberHeight, width: numberRight - bandRight, height: numberHeight } };
}

export interface Strings {
  agenda: string;
  footnotes: string;
  sources: string;
  continued: string;
  diagram: string;
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'));

let theme: Theme | undefined;
export function loadTheme(): Theme {
  return (theme ??= readJson('theme.json') as Theme);
}

/** sRGB relative luminance of a #rrggbb colour (WCAG). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** `a` mixed into `b`: `share` of a, the rest b. */
function mix(a: string, b: string, share: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5].map((i) => Math.round(share * channel(a, i) + (1 - share) * channel(b, i)).toString(16).padStart(2, '0')).join('')}`;
}

/** Text drawn on the accent (title and closing slides, diagram nodes): white or near-black, whichever reads better. */
export function onAccent(accent: string): string {
  return contrastRatio(accent, '#ffffff') >= contrastRatio(accent, '#111111') ? '#ffffff' : '#111111';
}

/** A deck's theme: the named colours, and the brand's accent in place of the theme's. */
export function deckTheme(name: ThemeName = 'light', accent?: string): Theme {
  const base = loadTheme();
  const color = { ...base.color, ...(name === 'light' ? {} : base.themes[name]) };
  if (accent) Object.assign(color, { accent, accentSoft: mix(accent, color.background, 0.16) });
  return { ...base, color };
}

export function loadStrings(language: string): Strings {
  const all = readJson('strings.json') as Record<string, Strings>;
  const base = language.split('-')[0] ?? language;
  // The language is the memo's text: only the file's own entries count, never Object.prototype's.
  const own = (key: string) => (Object.hasOwn(all, key) ? all[key] : undefined);
  return own(language) ?? own(base) ?? all.en!;
}

/** The theme as CSS custom properties, so templates/theme.css never repeats a number. */
export function themeCssVariables(t: Theme): string {
  const vars: Record<string, string | number> = {
    '--bd-slide-padding-x': `${t.slide.paddingX}px`,
    '--bd-slide-padding-top': `${t.slide.paddingTop}px`,
    '--bd-slide-padding-bottom': `${t.slide.paddingBottom}px`,
    '--bd-cover-padding-bottom': `${t.slide.coverPaddingBottom}px`,
    '--bd-font-family': t.font.family,
    '--bd-size-kicker': `${t.font.kicker}px`,
    '--bd-size-title': `${t.font.title}px`,
    '--bd-size-subtitle': `${t.font.subtitle}px`,
    '--bd-size-body': `${t.font.body}px`,
    '--bd-size-subitem': `${t.font.subitem}px`,
    '--bd-size-small': `${t.font.small}px`,
    '--bd-line-height': t.font.lineHeight,
    '--bd-title-line-height': t.font.titleLineHeight,
    '--bd-cover-title-scale': t.font.coverTitleScale,
    '--bd-section-title-scale': t.font.sectionTitleScale,
    '--bd-section-number-scale': t.font.sectionNumberScale,
    '--bd-head-kicker-after': `${t.head.kickerAfterEm}em`,
    '--bd-head-title-after': `${t.head.titleAfterEm}em`,
    '--bd-head-subtitle-after': `${t.head.subtitleAfterEm}em`,
    '--bd-head-rule': `${t.head.rule}px`,
    '--bd-head-after': `${t.head.afterEm}em`,
    '--bd-card-gap': `${t.cards.gap}px`,
    '--bd-card-padding': `${t.cards.padYEm}em ${t.cards.padXEm}em`,
    '--bd-card-rule': `${t.cards.ruleEm}em`,
    '--bd-card-line-height': t.cards.lineHeight,
    '--bd-card-body-padding': `${t.cards.bodyPadEm}em 0`,
    '--bd-opener-padding': `${t.opener.padYEm}em ${t.opener.padXEm}em`,
    '--bd-opener-rule': `${t.opener.rule}px`,
    '--bd-opener-after': `${t.opener.afterEm}em`,
    '--bd-table-line-height': t.table.lineHeight,
    '--bd-table-padding': `${t.table.padYEm}em ${t.table.padXEm}em`,
    '--bd-table-rule': `${t.table.rule}px`,
    '--bd-table-head-rule': `${t.table.headRule}px`,
    '--bd-furniture-bottom': `${t.furniture.bottom}px`,
    '--bd-furniture-height': `${t.furniture.height}px`,
    '--bd-furniture-right': `${t.furniture.right}px`,
    '--bd-furniture-gap': `${t.furniture.gap}px`,
    '--bd-furniture-line-height': t.furniture.lineHeight,
    '--bd-logo-height': `${t.furniture.logoHeight}px`,
    '--bd-number-size': `${t.furniture.number.size}px`,
    '--bd-number-right': `${t.furniture.number.right}px`,
    '--bd-number-bottom': `${t.furniture.number.bottom}px`,
    '--bd-number-padding': `${t.furniture.number.paddingY}px ${t.furniture.number.paddingX}px`,
  };
  for (const [name, value] of Object.entries(t.color)) vars[`--bd-color-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  vars['--bd-color-on-accent'] = onAccent(t.color.accent);
  return `:root{${Object.entries(vars).map(([k, v]) => `${k}:${v}`).join(';')}}`;
}
