import path from 'node:path';
import { readFileSync } from 'node:fs';

import { TEMPLATES_DIR } from './core/paths.ts';

export { TEMPLATES_DIR };

export interface Theme {
  slide: { width: number; height: number; paddingX: number; paddingTop: number; paddingBottom: number };
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
  };
  color: Record<'background' | 'text' | 'muted' | 'accent' | 'accentSoft' | 'line' | 'highlight', string>;
  diagram: { fontSize: number; labelEm: number; nodeLabelEm: number };
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
    '--bd-font-family': t.font.family,
    '--bd-size-kicker': `${t.font.kicker}px`,
    '--bd-size-title': `${t.font.title}px`,
    '--bd-size-subtitle': `${t.font.subtitle}px`,
    '--bd-size-body': `${t.font.body}px`,
    '--bd-size-subitem': `${t.font.subitem}px`,
    '--bd-size-small': `${t.font.small}px`,
    '--bd-line-height': t.font.lineHeight,
    '--bd-title-line-height': t.font.titleLineHeight,
  };
  for (const [name, value] of Object.entries(t.color)) vars[`--bd-color-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  return `:root{${Object.entries(vars).map(([k, v]) => `${k}:${v}`).join(';')}}`;
}
