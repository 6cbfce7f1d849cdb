// `slides/<deck>/deck.yaml`: editorial additions that the memo itself does not contain, kept
// apart so that re-importing the memo never destroys them. Validated by its schema.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BRAND_CONFIG_FILE, type DeckSource } from '../core/deck-folder.ts';
import { confinedFile } from '../core/confine.ts';
import { readTextFile } from '../core/files.ts';
import type { Limits } from '../model/limits.ts';
import type { ThemeName } from '../model/theme.ts';
import type { Diagnostic, MemoMeta, SourceRef } from '../model/types.ts';
import { LineCounter, parseDocument } from 'yaml';
import { brandConfigSchema, deckConfigSchema } from './schema.ts';
import { readYaml } from './yaml.ts';
import type { LayoutRole, Look } from '../model/deck.ts';

export type { Look };

export const DECK_CONFIG_FILE = 'deck.yaml';
export { BRAND_CONFIG_FILE };

export interface DeckConfig {
  /** Editorial short label for a heading or item, looked up by its opening words. */
  labelFor(text: string): string | undefined;
  /** Corrections of the memo's front matter. */
  meta: Partial<MemoMeta>;
  /** The deck's own limits (planner and check), over the defaults. */
  limits: Partial<Limits>;
  look: Look;
}

const NONE: DeckConfig = { labelFor: () => undefined, meta: {}, limits: {}, look: { theme: 'light' } };

/** The line of a key path (`['brand', 'accent']`) in YAML text; 1 when it is not there. */
function lineOfKey(text: string, keys: string[]): number {
  const lines = new LineCounter();
  const node = parseDocument(text, { lineCounter: lines }).getIn(keys, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lines.linePos(node.range[0]).line : 1;
}

type LookData = { theme?: ThemeName | null; brand?: { logo?: string; footer?: string; accent?: string } | null; duration?: number | null; pptx?: { template?: string; layouts?: Partial<Record<LayoutRole, string>> } | null };

/** The look one configuration file sets, over `under`: its paths resolved, its lines kept. */
function lookFrom(data: LookData, file: string, text: string, under: Look): Look {
  const at = (...keys: string[]) => ({ file, line: lineOfKey(text, keys) });
  const look: Look = { ...under };
  if (data.theme) Object.assign(look, { theme: data.theme, themeAt: at('theme') });
  if (data.brand?.logo) look.logo = { file: path.resolve(path.dirname(file), data.brand.logo), at: at('brand', 'logo') };
  if (data.brand?.footer) Object.assign(look, { footer: data.brand.footer, footerAt: at('brand', 'footer') });
  if (data.brand?.accent) look.accent = { value: data.brand.accent, at: at('brand', 'accent') };
  if (data.duration) look.duration = data.duration;
  if (data.pptx) {
    const pptx = { ...look.pptx };
    if (data.pptx.template) pptx.template = { file: path.resolve(path.dirname(file), data.pptx.template), at: at('pptx', 'template') };
    if (data.pptx.layouts) pptx.layouts = { names: { ...pptx.layouts?.names, ...data.pptx.layouts }, at: { ...pptx.layouts?.at, ...Object.fromEntries(Object.keys(data.pptx.layouts).map((role) => [role, at('pptx', 'layouts', role)])) } };
    look.pptx = pptx;
  }
  return look;
}

/** A configuration file that is a symlink to a file outside its folder: an error (its text would be published). */
function outside(file: string, dir: string, diagnostics: Diagnostic[], code: string): boolean {
  const real = confinedFile(file, dir);
  if (!('problem' in real) || real.problem !== 'outside') return false;
  diagnostics.push({ severity: 'error', code, message: `${path.basename(file)} is a link to a file outside its folder (${real.real})`, hint: `keep ${path.basename(file)} itself in ${dir}`, file, line: 1 });
  return true;
}

/** The organisation's look: slides/brand.yaml beside the deck folders, if there is one. */
function readBrandConfig(deck: DeckSource, diagnostics: Diagnostic[]): Look {
  const file = path.join(path.dirname(deck.dir), BRAND_CONFIG_FILE);
  if (!existsSync(file) || !statSync(file).isFile()) return NONE.look;
  if (outside(file, path.dirname(file), diagnostics, 'brand-config-outside')) return NONE.look;
  const text = readTextFile(file, diagnostics, 'brand-config');
  const data = text === undefined ? undefined : readYaml(text, brandConfigSchema, { file, code: 'brand-config', what: BRAND_CONFIG_FILE }, diagnostics);
  return data ? lookFrom(data, file, text!, NONE.look) : NONE.look;
}

/** Reads the deck's deck.yaml, if it has one; problems go to `diagnostics` with their line. */
export function readDeckConfig(deck: DeckSource, diagnostics: Diagnostic[]): DeckConfig {
  const organisation = readBrandConfig(deck, diagnostics);
  const own = readOwnConfig(deck, diagnostics, organisation);
  return own;
}

function readOwnConfig(deck: DeckSource, diagnostics: Diagnostic[], organisation: Look): DeckConfig {
  const NONE_HERE: DeckConfig = { ...NONE, look: organisation };
  const file = path.join(deck.dir, DECK_CONFIG_FILE);
  if (!existsSync(file)) return NONE_HERE;
  if (outside(file, deck.dir, diagnostics, 'deck-config-outside')) return NONE_HERE;
  const read = statSync(file).isFile() ? readTextFile(file, diagnostics, 'deck-config') : undefined;
  if (read === undefined) {
    if (!statSync(file).isFile()) diagnostics.push({ severity: 'error', code: 'deck-config-file', message: `${DECK_CONFIG_FILE} is not a file`, file, line: 1 });
    return NONE_HERE;
  }
  const data = readYaml(read, deckConfigSchema, { file, code: 'deck-config', what: DECK_CONFIG_FILE }, diagnostics);
  if (!data) return NONE_HERE;
  const entries = Object.entries(data.labels ?? {}).map(([k, v]) => [k.trim(), v] as const);
  const { authors, ...rest } = data.meta ?? {};
  return {
    labelFor: (text) => entries.find(([prefix]) => text.startsWith(prefix))?.[1],
    meta: { ...rest, ...(authors ? { authors } : {}) },
    limits: data.limits ?? {},
    look: lookFrom(data, file, read, organisation),
  };
}
