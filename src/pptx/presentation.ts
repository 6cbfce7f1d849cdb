// The plan (Slide[]) → the presentation model: each slide in a layout of the template (the
// deck's own, laid out as the deck is; or an organisation's, its text fitted to the layout's
// placeholders), its notes, the file's properties. Pure: the same plan, look and template give
// the same model (after Pandoc's Writers/Powerpoint/Presentation.hs).
import { inlineText } from '../model/content.ts';
import { contrastRatio } from '../model/theme.ts';
import type { Slide } from '../model/types.ts';
import { fittedSlide } from './fitted.ts';
import { inches, officeLanguage, type DeckLook, type Presentation, type SlideContext } from './model.ts';
import { ownSlide } from './own.ts';
import type { LayoutRole, Template, TemplateLayout } from './template-types.ts';

/** The template a presentation is placed in, and which of its layouts takes each kind of slide. */
export interface Frame {
  template: Template;
  /** The deck's own template (built from its theme), laid out as the deck is. */
  own: boolean;
  layout(role: LayoutRole): TemplateLayout;
}

/** What a slide is, for choosing its layout. */
export function roleOf(slide: Slide): LayoutRole {
  if (slide.kind === 'title') return 'title';
  if (slide.kind === 'closing') return 'closing';
  if (slide.layout === 'section') return 'section';
  if (slide.layout === 'cards') return 'two';
  if ((slide.diagram || slide.table || slide.image) && !slide.items.length) return 'titleOnly';
  return 'content';
}

/**
 * The deck's colours as colours of the template's theme, so that a slide follows its theme: the
 * deck's own theme part holds the deck's colours under these names (src/pptx/template-default.ts).
 */
function themeColors(look: DeckLook, own: boolean): SlideContext['colors'] {
  const c = look.theme.color;
  // Text on the accent (title and closing slides, diagram nodes): the background's colour or the text's, whichever reads better.
  const onAccent = !own || contrastRatio(c.accent, c.background) >= contrastRatio(c.accent, c.text) ? 'bg1' : 'tx1';
  return { text: 'tx1', muted: 'tx2', accent: 'accent1', accentSoft: 'bg2', line: 'accent2', background: 'bg1', onAccent };
}

export function presentationOf(slides: Slide[], look: DeckLook, frame: Frame): Presentation {
  const numbers = new Map(slides.map((s, i) => [s.id, i + 1]));
  const colors = themeColors(look, frame.own);
  const warnings: Presentation['warnings'] = [];
  const size = frame.own ? { w: inches(look.theme.slide.width), h: inches(look.theme.slide.height) } : { w: frame.template.size.cx / 914400, h: frame.template.size.cy / 914400 };
  return {
    title: look.title,
    authors: look.authors,
    ...(look.series ? { subject: look.series } : {}),
    lang: officeLanguage(look.language),
    size,
    warnings,
    slides: slides.map((slide, i) => {
      const ctx: SlideContext = { look, slide, slideNumber: (id) => numbers.get(id), colors, layout: frame.layout(roleOf(slide)), own: frame.own, warn: (message) => warnings.push({ message, at: slide.source }), scale: frame.own ? 1 : (size.w * 96) / look.theme.slide.width, page: { w: size.w * 96, h: size.h * 96 } };
      const made = frame.own ? ownSlide(ctx, i + 1) : fittedSlide(ctx, i + 1);
      return { ...made, notes: slide.notes.map((p) => inlineText(p, true).replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean) };
    }),
  };
}
