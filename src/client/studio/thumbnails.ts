// Thumbnails of the slides for the strip: each slide of the deck's frame copied into a shadow
// root that holds the deck's own styles (read from the frame, which is of the same origin), drawn
// at 1280×720 and scaled down. What the slide draws is what the thumbnail shows: its text, its
// diagram, its background. Inert and hidden from assistive technology: the strip's button says
// which slide it is.

const WIDTH = 1280;
const HEIGHT = 720;

/** The deck's styles for thumbnails (its :root variables on the shadow host), and its fonts put into this page once. */
export function deckStyles(frameDoc: Document, thumbWidth: number): CSSStyleSheet {
  const rules: string[] = [];
  const fonts: string[] = [];
  for (const sheet of [...frameDoc.styleSheets]) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of [...list]) {
      // @font-face does not work inside a shadow root: the page itself gets those.
      if (rule.constructor.name === 'CSSFontFaceRule') fonts.push(rule.cssText);
      else rules.push(rule.cssText.replace(/:root(?::root)?/g, ':host'));
    }
  }
  if (!document.getElementById('bd-thumb-fonts') && fonts.length) {
    const style = document.createElement('style');
    style.id = 'bd-thumb-fonts';
    style.textContent = fonts.join('\n');
    document.head.append(style);
  }
  const scale = thumbWidth / WIDTH;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${rules.join('\n')}
:host { display: block; width: ${thumbWidth}px; height: ${Math.round(HEIGHT * scale)}px; overflow: hidden; position: relative; pointer-events: none; }
.bd-thumb.reveal { position: absolute; top: 0; left: 0; width: ${WIDTH}px; height: ${HEIGHT}px; transform: scale(${scale}); transform-origin: 0 0; background: var(--bd-color-background); overflow: hidden; }
.bd-thumb.reveal .slides { position: absolute; inset: 0; width: ${WIDTH}px; height: ${HEIGHT}px; margin: 0; transform: none; }
.bd-thumb.reveal .slides > section { display: block !important; position: absolute !important; inset: 0 !important; width: ${WIDTH}px !important; height: ${HEIGHT}px !important; transform: none !important; opacity: 1 !important; visibility: visible !important; }
.bd-thumb.reveal aside.notes { display: none !important; }`);
  return sheet;
}

/** A thumbnail of `slide`, drawn with `styles`. */
export function thumbnail(slide: HTMLElement, styles: CSSStyleSheet): HTMLElement {
  const host = document.createElement('div');
  host.className = 'thumb';
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [styles];
  const reveal = document.createElement('div');
  reveal.className = 'bd-thumb reveal';
  const slides = document.createElement('div');
  slides.className = 'slides';
  const copy = document.importNode(slide, true);
  copy.removeAttribute('id');
  copy.classList.add('present');
  // Reveal draws a slide's background behind it, not in it: the copy gets it itself.
  const background = slide.dataset.backgroundColor;
  if (background) copy.style.background = background;
  slides.append(copy);
  reveal.append(slides);
  root.append(reveal);
  return host;
}
