// The studio's brand panel (src/studio/brand.ts): deck.yaml read for a form and written back with
// its comments and key order, validated with the CLI's own messages, a logo upload confined to the
// deck's folder, and a deck compiled after the change shows the new look.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { BriefdeckError } from '../src/core/errors.ts';
import { loadTheme, themeCssVariables } from '../src/model/theme.ts';
import { DeckCompiler } from '../src/pipeline/compiler.ts';
import { applyBrand, readBrand, themeChoices, uploadLogo } from '../src/studio/brand.ts';
import { collector, copyDeck, FIXTURES, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const DECK = path.join(FIXTURES, 'brand/dark-brand');
const PNG = readFileSync(path.join(FIXTURES, 'images/picture/water-level.png'));
const JPEG = readFileSync(path.join(FIXTURES, 'images/formats/chart.jpg'));

const browser = await sharedBrowser();

/** A copy of the branded fixture deck, with this deck.yaml (or none). */
function deckWith(yaml: string | undefined): ReturnType<typeof deckAt> {
  const dir = copyDeck(DECK, 'brief');
  const file = path.join(dir, 'deck.yaml');
  if (yaml === undefined) writeFileSync(file, '');
  else writeFileSync(file, yaml);
  return deckAt(dir);
}

/** The error a call throws, as a BriefdeckError. */
function refusal(fn: () => unknown): BriefdeckError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BriefdeckError);
    return error as BriefdeckError;
  }
  throw new Error('expected a refusal');
}

const COMMENTED = `# The deck's own settings: the brand office owns this file.
labels:
  外資規制についても同様に協力し: 外資規制の協力 # keep it short

# Look
theme: light # changed for the ministry's projector
brand:
  footer: "笹川平和財団 · 2026年12月" # every slide after the title
  accent: "#0b4f8a"
duration: 20 # minutes
`;

describe('reading and writing deck.yaml for the form', () => {
  it('reads the settings as a plain object', () => {
    const deck = deckWith(COMMENTED);
    expect(readBrand(deck)).toEqual({ theme: 'light', footer: '笹川平和財団 · 2026年12月', accent: '#0b4f8a', duration: 20, labels: { 外資規制についても同様に協力し: '外資規制の協力' }, organisation: {} });
  });

  it('keeps every comment, the key order and the quoting; a new key goes at the end of its mapping; null removes a key', () => {
    const deck = deckWith(COMMENTED);
    const settings = applyBrand(deck, { theme: 'dark', accent: '#D9822B', logo: null, duration: 30, footer: null, pptxTemplate: undefined });
    const text = readFileSync(path.join(deck.dir, 'deck.yaml'), 'utf8');
    expect(text).toBe(`# The deck's own settings: the brand office owns this file.
labels:
  外資規制についても同様に協力し: 外資規制の協力 # keep it short

# Look
theme: dark # changed for the ministry's projector
brand:
  accent: "#D9822B"
duration: 30 # minutes
`);
    // Read back as the build reads it (the accent in lower case).
    expect(settings).toMatchObject({ theme: 'dark', accent: '#d9822b', duration: 30 });
    expect(settings.footer).toBeUndefined();
    const more = applyBrand(deck, { footer: 'Institute · 2026', labels: { 新しい見出し: '短い' } });
    const again = readFileSync(path.join(deck.dir, 'deck.yaml'), 'utf8');
    expect(again.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('#')).map((l) => l.split(':')[0])).toEqual(['labels', 'theme', 'brand', 'duration']);
    expect(again).toContain('  新しい見出し: 短い\n');
    expect(again).toContain('  footer: Institute · 2026\n');
    expect(more.labels).toEqual({ 外資規制についても同様に協力し: '外資規制の協力', 新しい見出し: '短い' });
  });

  it('keeps the line ends of a deck.yaml written on Windows', () => {
    const deck = deckWith(COMMENTED.replace(/\n/g, '\r\n'));
    applyBrand(deck, { duration: 25 });
    expect(readFileSync(path.join(deck.dir, 'deck.yaml'), 'utf8')).toBe(COMMENTED.replace('duration: 20', 'duration: 25').replace(/\n/g, '\r\n'));
  });

  it('writes a deck.yaml for a deck that has none', () => {
    const dir = copyDeck(DECK, 'bare');
    const file = path.join(dir, 'deck.yaml');
    writeFileSync(file, '');
    const deck = deckAt(dir);
    applyBrand(deck, { theme: 'contrast' });
    expect(readFileSync(file, 'utf8')).toBe('theme: contrast\n');
    applyBrand(deck, { accent: '#112233' });
    expect(readFileSync(file, 'utf8')).toBe('theme: contrast\nbrand:\n  accent: "#112233"\n');
    // The last key of brand: removed, brand: goes too.
    applyBrand(deck, { accent: null });
    expect(readFileSync(file, 'utf8')).toBe('theme: contrast\n');
  });

  it('refuses an invalid accent with the message the CLI gives, and leaves deck.yaml as it was', async () => {
    const deck = deckWith(COMMENTED);
    const file = path.join(deck.dir, 'deck.yaml');
    const error = refusal(() => applyBrand(deck, { accent: 'orange' }));
    expect(readFileSync(file, 'utf8')).toBe(COMMENTED);
    // The CLI on a deck.yaml that says the same.
    const cli = deckWith(COMMENTED.replace('accent: "#0b4f8a"', 'accent: orange'));
    const stdout = collector();
    const code = await main(['check', cli.dir, '--json', '-q'], { stdout, stderr: collector() });
    expect(code).not.toBe(0);
    const report = JSON.parse(stdout.text()) as { compiled: boolean; diagnostics: Array<{ code: string; line: number; message: string; hint?: string }> };
    expect(report.compiled).toBe(false);
    const pick = (d: { code: string; line: number; message: string }) => ({ code: d.code, line: d.line, message: d.message });
    expect(error.diagnostics.map(pick)).toEqual(report.diagnostics.map(pick));
    expect(error.diagnostics[0]!.message).toBe('"brand.accent": must be a colour written "#rrggbb", in quotes');
  });

  it('refuses a theme briefdeck does not have, a duration that is not minutes, a logo outside the folder or not there', () => {
    const deck = deckWith(COMMENTED);
    const file = path.join(deck.dir, 'deck.yaml');
    expect(refusal(() => applyBrand(deck, { theme: 'neon' as never })).diagnostics[0]!.message).toBe('"theme": must be one of light, dark, contrast');
    expect(refusal(() => applyBrand(deck, { duration: '20' as never })).diagnostics[0]!.message).toBe('"duration": must be a finite number');
    writeFileSync(path.join(path.dirname(deck.dir), 'outside.png'), PNG);
    expect(refusal(() => applyBrand(deck, { logo: '../outside.png' })).diagnostics[0]!.code).toBe('logo-outside');
    expect(refusal(() => applyBrand(deck, { logo: 'nowhere.png' })).diagnostics[0]).toMatchObject({ code: 'logo-missing', file, line: 10 });
    expect(refusal(() => applyBrand(deck, { pptxTemplate: 'corporate.potx' })).diagnostics[0]).toMatchObject({ code: 'pptx-template-missing', file, line: 12 });
    expect(readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('lists the themes, the dark ones marked', () => {
    const theme = loadTheme();
    expect(themeChoices()).toEqual([
      { name: 'light', dark: false, background: theme.color.background, text: theme.color.text, accent: theme.color.accent },
      { name: 'dark', dark: true, background: theme.themes.dark.background, text: theme.themes.dark.text, accent: theme.themes.dark.accent },
      { name: 'contrast', dark: true, background: theme.themes.contrast.background, text: theme.themes.contrast.text, accent: theme.themes.contrast.accent },
    ]);
  });
});

describe('a logo uploaded from the page', () => {
  it('lands in the deck folder under a clean name and is named in deck.yaml', () => {
    const deck = deckWith(COMMENTED);
    const settings = uploadLogo(deck, { name: 'C:\\Users\\me\\Pictures\\財団 ロゴ (final).png', bytes: PNG });
    expect(settings.logo).toBe('財団-ロゴ-final.png');
    expect(readFileSync(path.join(deck.dir, '財団-ロゴ-final.png')).equals(PNG)).toBe(true);
    expect(readFileSync(path.join(deck.dir, 'deck.yaml'), 'utf8')).toContain('  logo: 財団-ロゴ-final.png\n');
  });

  it('cannot leave the folder, whatever its name says', () => {
    const deck = deckWith(COMMENTED);
    const outside = path.dirname(deck.dir);
    const before = readdirSync(outside).sort();
    for (const name of ['../../escape.png', '..\\..\\escape.png', '/tmp/escape.png', '..', '.hidden.png', '%2e%2e%2fescape.png', 'a/../../escape.png']) {
      const { logo } = uploadLogo(deck, { name, bytes: PNG });
      expect(logo).toMatch(/^[^./\\][^/\\]*\.png$/);
      expect(existsSync(path.join(deck.dir, logo!))).toBe(true);
    }
    expect(readdirSync(outside).sort()).toEqual(before);
    expect(existsSync('/tmp/escape.png')).toBe(false);
  });

  it('takes only a whole PNG or SVG, by its bytes; a refused upload writes nothing', () => {
    const deck = deckWith(COMMENTED);
    const files = readdirSync(deck.dir).sort();
    expect(refusal(() => uploadLogo(deck, { name: 'logo.png', bytes: Buffer.from('not a picture') })).diagnostics[0]).toMatchObject({ code: 'logo-type', file: 'logo.png' });
    expect(refusal(() => uploadLogo(deck, { name: 'logo.png', bytes: JPEG })).message).toBe('the logo logo.png is a JPEG picture: a logo is a PNG or an SVG file');
    expect(refusal(() => uploadLogo(deck, { name: 'cut.png', bytes: PNG.subarray(0, PNG.length - 40) })).diagnostics[0]!.code).toBe('logo-broken');
    expect(refusal(() => uploadLogo(deck, { name: 'huge.png', bytes: Buffer.concat([PNG, Buffer.alloc(11 * 2 ** 20)]) })).diagnostics[0]!.code).toBe('picture-too-large');
    expect(readdirSync(deck.dir).sort()).toEqual(files);
    expect(readFileSync(path.join(deck.dir, 'deck.yaml'), 'utf8')).toBe(COMMENTED);
  });

  it('keeps another picture of the same name: the upload gets a name of its own', () => {
    const deck = deckWith(COMMENTED);
    writeFileSync(path.join(deck.dir, 'chart.png'), PNG.subarray(0, 100));
    expect(uploadLogo(deck, { name: 'chart.png', bytes: PNG }).logo).toBe('chart-2.png');
    // The same picture again: the same file.
    expect(uploadLogo(deck, { name: 'chart.png', bytes: PNG }).logo).toBe('chart-2.png');
  });
});

describe('the deck after the change', () => {
  it('compiles in the dark theme with the accent and the uploaded logo', async () => {
    const deck = deckWith('# our look\ntheme: light\n');
    applyBrand(deck, { theme: 'dark', accent: '#ffb347', footer: 'Institute for Urban Resilience' });
    uploadLogo(deck, { name: 'institute.png', bytes: PNG });
    const compiler = new DeckCompiler(browser);
    try {
      const compiled = await compiler.compile(deck);
      const dark = loadTheme().themes.dark;
      expect(compiled.theme.color.background).toBe(dark.background);
      expect(compiled.theme.color.accent).toBe('#ffb347');
      expect(themeCssVariables(compiled.theme)).toContain(`--bd-color-background:${dark.background};`);
      expect(themeCssVariables(compiled.theme)).toContain('--bd-color-accent:#ffb347;');
      expect(compiled.furniture.footer).toBe('Institute for Urban Resilience');
      expect(compiled.furniture.logo?.src).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
      // On the slides after the title: the logo (by its class) and the footer.
      expect(compiled.html.match(/class="[^"]*bd-logo/g)?.length).toBe(compiled.slides.length - 1);
      expect(compiled.html).toContain('Institute for Urban Resilience');
    } finally {
      await compiler.close();
    }
  });
});

// The temp folders are made by copyDeck (tests/temp.ts): removed after the file.
void tempDir;
