// The schemas of briefdeck's configuration: the memo's front matter and deck.yaml. One place,
// so that the reader, the error messages and the README cannot disagree.
// zod/mini: the same checks as zod's, as functions a bundler keeps only when used (zod whole
// cost every command a tenth of a second to load).
import * as z from 'zod/mini';
import { LIMIT_KEYS } from '../model/limits.ts';
import { THEME_NAMES } from '../model/theme.ts';
import { LAYOUT_ROLES } from '../model/deck.ts';

export { LAYOUT_ROLES };

/** A piece of text; a number written as a value (`series: 4`) is taken as its text. */
const text = z.pipe(z.union([z.string(), z.number()], { error: 'must be text' }), z.transform((v) => String(v).trim()));
const nonBlank = text.check(z.refine((v) => v.length > 0, { error: 'must not be blank' }));

/** A language tag such as ja, en, en-GB, zh-Hant (BCP 47's common shape). */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const language = z.string({ error: 'must be a language tag such as ja or en' }).check(z.trim(), z.regex(LANGUAGE_TAG, { error: 'must be a language tag such as ja, en or en-GB' }));

const authors = z.union([z.pipe(nonBlank, z.transform((a) => [a])), z.array(nonBlank, { error: 'must be a name or a list of names' })], { error: 'must be a name or a list of names' });

/** The memo's own facts: its front matter, and the corrections deck.yaml may make to them. */
export const metaFields = {
  title: nonBlank,
  subtitle: text,
  series: text,
  authors,
  publisher: text,
  program: text,
  language,
  date: text,
  source: text,
};

/** The importer's --meta file: the title page facts the published text lacks. */
export const metaFileSchema = z.partial(z.strictObject(metaFields, { error: 'must be keys and values (title: …, authors: […], series: …)' }));

export const frontMatterSchema = z.partial(z.strictObject({ ...metaFields, title: nonBlank }), { subtitle: true, series: true, authors: true, publisher: true, program: true, language: true, date: true, source: true });
export type FrontMatter = z.output<typeof frontMatterSchema>;

const positive = z.number({ error: 'must be a finite number' }).check(z.positive({ error: 'must be greater than 0' }));
const count = z.number({ error: 'must be a whole number' }).check(z.int({ error: 'must be a whole number' }), z.positive({ error: 'must be greater than 0' }));
const ratio = z.number({ error: 'must be a contrast ratio' }).check(z.gte(1, { error: 'must be a contrast ratio from 1 to 21' }), z.lte(21, { error: 'must be a contrast ratio from 1 to 21' }));

const limitsSchema = z.partial(z.strictObject({
  minFontPx: positive,
  minDiagramFontPx: positive,
  minContrast: ratio,
  minContrastLarge: ratio,
  maxBodyLines: count,
  maxBodyChars: count,
  // Above 1 the planner overfills slides on purpose (check then reports the overflow).
  fill: positive.check(z.lte(2, { error: 'must be a share of the slide body, greater than 0 and at most 2' })),
  maxEmptyBand: positive.check(z.lte(1, { error: 'must be a share of the slide height, greater than 0 and at most 1' })),
} satisfies Record<(typeof LIMIT_KEYS)[number], z.ZodMiniType>));

/** The kinds of slide a PowerPoint template's layouts are chosen for (src/pptx/template-types.ts LayoutRole). */

/** The look of a deck: its theme and the organisation's brand (deck.yaml, or slides/brand.yaml for all decks). */
export const lookFields = {
  theme: z.enum(THEME_NAMES, { error: `must be one of ${THEME_NAMES.join(', ')}` }),
  brand: z.partial(z.strictObject({
    /** A file (SVG or PNG) beside the configuration that names it. */
    logo: nonBlank.check(z.refine((v) => /\.(svg|png)$/i.test(v), { error: 'must be an .svg or .png file' })),
    footer: nonBlank,
    accent: z.pipe(z.string({ error: 'must be a colour such as "#d9822b"' }).check(z.regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour written "#rrggbb", in quotes' })), z.transform((v) => v.toLowerCase())),
  })),
  /** The talk's length in minutes: the speaker view's pacing. */
  duration: positive.check(z.lte(600, { error: 'must be minutes, at most 600' })),
  /** The PowerPoint file: the organisation's template (beside the configuration that names it), and which of its layouts takes which slide. */
  pptx: z.partial(z.strictObject({
    template: nonBlank.check(z.refine((v) => /\.(pptx|potx)$/i.test(v), { error: 'must be a .pptx or .potx file' })),
    layouts: z.partial(z.strictObject(Object.fromEntries(LAYOUT_ROLES.map((role) => [role, nonBlank])) as Record<(typeof LAYOUT_ROLES)[number], typeof nonBlank>, { error: `must name layouts of the template by slide: ${LAYOUT_ROLES.join(', ')}` })),
  }, { error: 'must be keys and values (template: …, layouts: …)' })),
};

/** `slides/brand.yaml`: the organisation's look, for every deck (a deck's own deck.yaml overrides it). */
export const brandConfigSchema = z.partial(z.strictObject(lookFields));

/** `slides/<deck>/deck.yaml`: editorial additions the memo does not contain. */
export const deckConfigSchema = z.partial(z.strictObject({
  /** Short diagram labels, by the opening words of the heading or item they label. */
  labels: z.nullish(z.record(z.string(), nonBlank, { error: 'must be a mapping of opening words to labels' })),
  /** Corrections of the memo's front matter. */
  meta: z.nullish(z.partial(z.strictObject(metaFields))),
  /** The deck's own limits, over the defaults. */
  limits: z.nullish(limitsSchema),
  ...lookFields,
}), { theme: true, brand: true, duration: true, pptx: true });
export type DeckConfigData = z.output<typeof deckConfigSchema>;
