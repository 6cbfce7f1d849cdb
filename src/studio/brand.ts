// The studio's brand panel: the deck's look (theme, logo, footer, accent, duration, labels, the
// PowerPoint template) read from deck.yaml as a plain object for a form, and a change written back
// into deck.yaml with its comments and key order kept — validated as every command validates it
// (the same schema, the same messages), and written atomically, or not at all. A logo uploaded
// from the page is written into the deck's folder (a sanitised name; a PNG or SVG by its bytes,
// within the build's picture limits), then named in deck.yaml.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeckSource } from '../core/deck-folder.ts';
import { confinedFile } from '../core/confine.ts';
import { BriefdeckError, diagnostic, throwIfErrors } from '../core/errors.ts';
import { readTextFile, writeFileAtomic } from '../core/files.ts';
import { pictureProblem, pictureType, pixelSize } from '../core/pictures.ts';
import { MAX_SVG_SHAPES, svgShapes } from '../core/svg-cost.ts';
import { BRAND_CONFIG_FILE, DECK_CONFIG_FILE } from '../config/deck-config.ts';
import { editYaml, keyLine, readDeckConfigText, type YamlEdit } from '../config/edit.ts';
import { brandConfigSchema } from '../config/schema.ts';
import { readYaml } from '../config/yaml.ts';
import { loadTheme, luminance, THEME_NAMES, type ThemeName } from '../model/theme.ts';
import type { Diagnostic } from '../model/types.ts';
import { PICTURE_MAX_BYTES, PICTURE_MAX_PIXELS } from '../pipeline/compile.ts';

/** The look a deck's deck.yaml sets, as a form shows it (absent: not set there). */
export interface BrandSettings {
  theme?: ThemeName;
  /** The logo's file name, beside deck.yaml. */
  logo?: string;
  footer?: string;
  /** "#rrggbb" */
  accent?: string;
  /** Minutes. */
  duration?: number;
  /** Short diagram labels, by the opening words of the heading or item they label. */
  labels: Record<string, string>;
  /** The organisation's PowerPoint template (.pptx or .potx), beside deck.yaml. */
  pptxTemplate?: string;
  /** What slides/brand.yaml (the organisation's look for every deck) sets: what the deck shows where deck.yaml is silent. */
  organisation: Partial<Pick<BrandSettings, 'theme' | 'logo' | 'footer' | 'accent' | 'duration'>>;
}

/** A change from the form: a value sets its key, null removes it, a key left out stays as it is. */
export interface BrandChange {
  theme?: ThemeName | null;
  logo?: string | null;
  footer?: string | null;
  accent?: string | null;
  duration?: number | null;
  /** Each label set, or removed (null); the labels not named stay. */
  labels?: Record<string, string | null>;
  pptxTemplate?: string | null;
}

/** Where each setting of the form lives in deck.yaml. */
const KEYS: Record<Exclude<keyof BrandChange, 'labels'>, string[]> = {
  theme: ['theme'],
  logo: ['brand', 'logo'],
  footer: ['brand', 'footer'],
  accent: ['brand', 'accent'],
  duration: ['duration'],
  pptxTemplate: ['pptx', 'template'],
};

/** An uploaded logo: its bytes and the name it had on the user's machine (nothing of which is trusted). */
export interface LogoUpload {
  name: string;
  bytes: Uint8Array;
}

/** A theme the form offers: its name, whether it is dark, and its colours for a swatch. */
export interface ThemeChoice {
  name: ThemeName;
  dark: boolean;
  background: string;
  text: string;
  accent: string;
}

/** The themes briefdeck has (templates/theme.json), each marked dark or light by its background. */
export function themeChoices(): ThemeChoice[] {
  const theme = loadTheme();
  return THEME_NAMES.map((name) => {
    const color = { ...theme.color, ...(name === 'light' ? {} : theme.themes[name]) };
    return { name, dark: luminance(color.background) < 0.5, background: color.background, text: color.text, accent: color.accent };
  });
}

const configFile = (deck: DeckSource) => path.join(deck.dir, DECK_CONFIG_FILE);

/** deck.yaml's text ('' when the deck has none); a deck.yaml that is a link out of the folder, or not UTF-8, is refused as the build refuses it. */
function readConfigText(deck: DeckSource): string {
  const file = configFile(deck);
  if (!existsSync(file)) return '';
  const real = confinedFile(file, deck.dir);
  if ('problem' in real) {
    const why = real.problem === 'outside' ? `${DECK_CONFIG_FILE} is a link to a file outside its folder (${real.real})` : `${DECK_CONFIG_FILE} is not a file`;
    throwIfErrors([diagnostic({ file, line: 1 }, real.problem === 'outside' ? 'deck-config-outside' : 'deck-config-file', why, `keep ${DECK_CONFIG_FILE} itself in ${deck.dir}`)]);
  }
  const diagnostics: Diagnostic[] = [];
  const text = readTextFile(file, diagnostics, 'deck-config');
  throwIfErrors(diagnostics);
  return text ?? '';
}

/** The organisation's look (slides/brand.yaml beside the deck folders), as far as it reads. */
function organisationLook(deck: DeckSource): BrandSettings['organisation'] {
  const file = path.join(path.dirname(deck.dir), BRAND_CONFIG_FILE);
  if (!existsSync(file) || !statSync(file).isFile() || 'problem' in confinedFile(file, path.dirname(file))) return {};
  const diagnostics: Diagnostic[] = [];
  const text = readTextFile(file, diagnostics, 'brand-config');
  const data = text === undefined ? undefined : readYaml(text, brandConfigSchema, { file, code: 'brand-config', what: BRAND_CONFIG_FILE }, diagnostics);
  if (!data) return {};
  return { ...(data.theme ? { theme: data.theme } : {}), ...(data.brand?.logo ? { logo: data.brand.logo } : {}), ...(data.brand?.footer ? { footer: data.brand.footer } : {}), ...(data.brand?.accent ? { accent: data.brand.accent } : {}), ...(data.duration ? { duration: data.duration } : {}) };
}

/** The deck's brand settings from its deck.yaml. A deck.yaml the build would refuse throws a BriefdeckError with its diagnostics (file and line). */
export function readBrand(deck: DeckSource): BrandSettings {
  const file = configFile(deck);
  const diagnostics: Diagnostic[] = [];
  const data = readDeckConfigText(readConfigText(deck), file, diagnostics);
  throwIfErrors(diagnostics);
  return {
    ...(data?.theme ? { theme: data.theme } : {}),
    ...(data?.brand?.logo ? { logo: data.brand.logo } : {}),
    ...(data?.brand?.footer ? { footer: data.brand.footer } : {}),
    ...(data?.brand?.accent ? { accent: data.brand.accent } : {}),
    ...(data?.duration ? { duration: data.duration } : {}),
    labels: Object.fromEntries(Object.entries(data?.labels ?? {})),
    ...(data?.pptx?.template ? { pptxTemplate: data.pptx.template } : {}),
    organisation: organisationLook(deck),
  };
}

/** The change as edits of deck.yaml: only the keys the form has (anything else in `change` is ignored). */
function editsOf(change: BrandChange): YamlEdit[] {
  const edits: YamlEdit[] = [];
  for (const [key, keys] of Object.entries(KEYS) as Array<[keyof typeof KEYS, string[]]>) {
    if (Object.hasOwn(change, key) && change[key] !== undefined) edits.push({ path: keys, value: change[key] });
  }
  if (change.labels && typeof change.labels === 'object') {
    for (const [opening, label] of Object.entries(change.labels)) if (label !== undefined) edits.push({ path: ['labels', opening], value: label });
  }
  return edits;
}

/**
 * A file deck.yaml names (the logo, the PowerPoint template) must be in the deck's folder: the
 * build refuses one that is not there or lies outside (its symlinks followed), and so does the form.
 */
function fileProblems(deck: DeckSource, text: string, data: { brand?: { logo?: string } | null; pptx?: { template?: string } | null }): Diagnostic[] {
  const file = configFile(deck);
  const problems: Diagnostic[] = [];
  const named: Array<{ name: string | undefined; what: string; code: string; keys: string[] }> = [
    { name: data.brand?.logo, what: 'the logo', code: 'logo', keys: ['brand', 'logo'] },
    { name: data.pptx?.template, what: 'the PowerPoint template', code: 'pptx-template', keys: ['pptx', 'template'] },
  ];
  for (const { name, what, code, keys } of named) {
    if (!name) continue;
    const at = { file, line: keyLine(text, keys) };
    const target = path.resolve(deck.dir, name);
    const real = confinedFile(target, deck.dir);
    if ('problem' in real && real.problem === 'outside') problems.push(diagnostic(at, `${code}-outside`, `${what} ${path.basename(target)} is outside the folder of ${DECK_CONFIG_FILE}`, `put the file itself beside ${DECK_CONFIG_FILE} and name it there`));
    else if ('problem' in real) problems.push(diagnostic(at, `${code}-missing`, `${what} ${path.basename(target)} is not there (looked for ${target})`, `put the file beside ${DECK_CONFIG_FILE}`));
    else if (code === 'logo') {
      const broken = pictureProblem(readFileSync(real.file));
      if (broken) problems.push(diagnostic(at, 'logo-broken', `the logo ${path.basename(target)} cannot be shown: ${broken}`, 'save the logo again as PNG or SVG, and name that file'));
    }
  }
  return problems;
}

/** deck.yaml's text with `change` applied, validated: the text, or a BriefdeckError naming each problem at its line. */
function changedConfig(deck: DeckSource, change: BrandChange): string {
  const file = configFile(deck);
  const before = readConfigText(deck);
  const diagnostics: Diagnostic[] = [];
  // A deck.yaml that does not read now cannot be edited by key: its own errors come first.
  readDeckConfigText(before, file, diagnostics);
  throwIfErrors(diagnostics);
  const after = editYaml(before, editsOf(change));
  const data = readDeckConfigText(after, file, diagnostics);
  throwIfErrors(diagnostics);
  throwIfErrors(fileProblems(deck, after, data ?? {}));
  return after;
}

/**
 * Applies a change from the form to deck.yaml: validated as the build validates deck.yaml (a bad
 * accent gets the message `briefdeck build` gives), then written atomically. An invalid change
 * throws a BriefdeckError with its diagnostics and writes nothing. Returns the settings as now written.
 */
export function applyBrand(deck: DeckSource, change: BrandChange): BrandSettings {
  const after = changedConfig(deck, change);
  const before = existsSync(configFile(deck)) ? readFileSync(configFile(deck), 'utf8') : undefined;
  if (after !== before && !(before === undefined && after === '')) writeFileAtomic(configFile(deck), after);
  return readBrand(deck);
}

/** The most characters of an uploaded file's name that are kept. */
const MAX_NAME = 80;

/** A file name of the deck's folder made from an uploaded name: its base name only, no path, no leading dot, letters, digits, '.', '-' and '_' (any script). */
export function logoFileName(uploaded: string, extension: '.png' | '.svg'): string {
  const base = uploaded.split(/[\\/]/).pop() ?? '';
  const stem = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, MAX_NAME);
  return `${stem || 'logo'}${extension}`;
}

/**
 * Writes an uploaded logo into the deck's folder and names it in deck.yaml (brand.logo). Only a
 * PNG or an SVG (by its bytes: deck.yaml's logo is one of those), whole, within the build's limits
 * (10 MB, 64 million pixels, an SVG's shapes). A file of the same name holding another picture is
 * kept: the new one gets a name of its own. Nothing is written when anything is refused.
 */
export function uploadLogo(deck: DeckSource, upload: LogoUpload): BrandSettings {
  const bytes = Buffer.from(upload.bytes);
  const shown = (upload.name.split(/[\\/]/).pop() ?? '').slice(0, MAX_NAME) || 'the upload';
  const at = { file: shown, line: 1 };
  const refuse = (code: string, message: string, hint?: string): never => {
    throw new BriefdeckError(message, [diagnostic(at, code, message, hint)]);
  };
  if (bytes.length > PICTURE_MAX_BYTES) refuse('picture-too-large', `the logo ${shown} is ${(bytes.length / 2 ** 20).toFixed(1)} MB (${bytes.length} bytes): too large to use, over the limit of ${(PICTURE_MAX_BYTES / 2 ** 20).toFixed(1)} MB`, 'save it smaller: as a PNG at the size it is shown (a logo 200 px high is plenty), or as an SVG');
  const type = pictureType(bytes);
  if (type !== 'image/png' && type !== 'image/svg+xml') refuse('logo-type', `the logo ${shown} is ${type ? `a ${type.replace('image/', '').toUpperCase()} picture` : 'not a picture'}: a logo is a PNG or an SVG file`, 'save the logo as PNG or SVG');
  const size = pixelSize(bytes);
  if (size && size.width * size.height > PICTURE_MAX_PIXELS) refuse('picture-too-large', `the logo ${shown} is ${size.width} × ${size.height} pixels: too large to draw, over the limit of ${PICTURE_MAX_PIXELS / 1e6} million`, 'save it at the size it is shown: a logo is drawn 40 px high');
  const broken = pictureProblem(bytes);
  if (broken) refuse('logo-broken', `the logo ${shown} cannot be shown: ${broken}`, 'save the logo again as PNG or SVG');
  if (type === 'image/svg+xml' && svgShapes(bytes.toString('utf8')) > MAX_SVG_SHAPES) refuse('svg-too-complex', `the logo ${shown} draws more than the ${MAX_SVG_SHAPES.toLocaleString('en')} shapes a browser draws in good time`, 'use a simpler SVG, or save the picture as PNG');
  const name = freeName(deck, logoFileName(upload.name, type === 'image/png' ? '.png' : '.svg'), bytes);
  const file = path.join(deck.dir, name);
  // Only ever a file directly in the deck's folder.
  if (path.dirname(file) !== deck.dir) refuse('logo-name', `the logo's name ${shown} cannot be used`);
  // deck.yaml's change is validated before the picture is written (the picture itself is checked above).
  const before = readConfigText(deck);
  const diagnostics: Diagnostic[] = [];
  readDeckConfigText(before, configFile(deck), diagnostics);
  throwIfErrors(diagnostics);
  const after = editYaml(before, [{ path: KEYS.logo, value: name }]);
  readDeckConfigText(after, configFile(deck), diagnostics);
  throwIfErrors(diagnostics);
  const existed = existsSync(file);
  writeFileAtomic(file, bytes);
  try {
    writeFileAtomic(configFile(deck), after);
  } catch (error) {
    if (!existed) rmSync(file, { force: true });
    throw error;
  }
  return readBrand(deck);
}

/** `name`, or name-2, name-3 … when a file of that name holds something else (same bytes: the same name). */
function freeName(deck: DeckSource, name: string, bytes: Buffer): string {
  const ext = path.extname(name);
  const stem = name.slice(0, -ext.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    const file = path.join(deck.dir, candidate);
    if (!existsSync(file)) return candidate;
    try {
      const stat = statSync(file);
      if (stat.isFile() && !('problem' in confinedFile(file, deck.dir)) && stat.size === bytes.length && readFileSync(file).equals(bytes)) return candidate;
    } catch {
      // not readable: another name
    }
  }
  throw new BriefdeckError(`no free name for the logo ${name} in ${deck.dir}`);
}
