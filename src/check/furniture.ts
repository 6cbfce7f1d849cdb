// Reveal's own furniture (slide number, controls) and the brand's (logo, footer), measured as the
// deck is presented: Reveal running in a 1280×720 window, each slide shown in turn. The print
// mode that `measureSlides` reads has neither slide number nor controls.

export interface FurnitureMeasure {
  index: number;
  /** The slide number as drawn: size (px on screen), contrast against what is behind it, and whether it lies under a control or outside the window. */
  slideNumber: { px: number; contrast: number; underControls: boolean; outside: boolean } | null;
  /** Lowest contrast of the controls' arrows (each at its own colour) against the slide's background; null when none shows. */
  controlsContrast: number | null;
  /** The brand's logo and footer: cut off by their band, or under the slide number or a control. */
  brand: { clipped: boolean; underFurniture: boolean } | null;
}

/** Runs in the page, Reveal ready. Self-contained: it measures what the audience sees and returns plain data. */
export function measureFurniture(): FurnitureMeasure[] {
  const deck = window.Reveal!;
  deck.configure({ transition: 'none', backgroundTransition: 'none' });
  // Measured at rest: no fades between the states compared.
  const still = document.createElement('style');
  still.textContent = '.reveal *, .reveal *::before, .reveal *::after { transition: none !important; animation: none !important }';
  document.head.append(still);
  const { parse, contrast } = window.briefdeckColour!;


  /** A colour with its alpha laid over an opaque one. */
  const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[3]! * top[i]! + (1 - top[3]!) * under[i]!);
  const root = deck.getRevealElement()!;
  /** The slide's own background as Reveal draws it, else the page's. */
  const slideBackground = (): number[] => {
    const page = parse(getComputedStyle(document.body).backgroundColor);
    const base = page[3]! > 0 ? page : [255, 255, 255, 1];
    const present = document.querySelector('.backgrounds .slide-background.present');
    const own = present ? parse(getComputedStyle(present).backgroundColor) : [0, 0, 0, 0];
    return own[3]! > 0 ? [...over(own, base), 1] : base;
  };
  /** What is behind an element: the first opaque background up its ancestors, else the slide's. */
  const behind = (el: Element): number[] => {
    for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3]! > 0.5) return [...over(bg, slideBackground()), 1];
    }
    return slideBackground();
  };
  const shown = (el: Element) => {
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0 && r.width > 0 && r.height > 0;
  };
  const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const count = deck.getTotalSlides();
  const out: FurnitureMeasure[] = [];
  for (let index = 0; index < count; index++) {
    deck.slide(index);
    void document.body.offsetHeight;
    const buttons = [...root.querySelectorAll('.controls button')].filter(shown);
    const controls = buttons.map((b) => b.getBoundingClientRect());
    let controlsContrast: number | null = null;
    for (const button of buttons) {
      const ratio = contrast(parse(getComputedStyle(button).color), slideBackground());
      controlsContrast = controlsContrast === null ? ratio : Math.min(controlsContrast, ratio);
    }
    const number = root.querySelector<HTMLElement>('.slide-number');
    let slideNumber: FurnitureMeasure['slideNumber'] = null;
    let numberBox: DOMRect | null = null;
    if (number && shown(number) && number.textContent?.trim()) {
      numberBox = number.getBoundingClientRect();
      const style = getComputedStyle(number);
      // Scaled, if a transform scales it (offsetHeight is whole pixels: a ratio near 1 is none).
      const ratio = number.offsetHeight > 0 ? numberBox.height / number.offsetHeight : 1;
      const drawn = parseFloat(style.fontSize) * (Math.abs(ratio - 1) < 0.05 ? 1 : ratio);
      slideNumber = {
        px: drawn,
        contrast: contrast([...over(parse(style.color), behind(number)), 1], behind(number)),
        underControls: controls.some((c) => meets(c, numberBox!)),
        outside: numberBox.left < 0 || numberBox.top < 0 || numberBox.right > innerWidth || numberBox.bottom > innerHeight,
      };
    }
    const band = deck.getCurrentSlide()?.querySelector<HTMLElement>('.bd-furniture');
    let brand: FurnitureMeasure['brand'] = null;
    if (band) {
      const parts = [...band.children].filter(shown).map((c) => c.getBoundingClientRect());
      const box = band.getBoundingClientRect();
      brand = {
        clipped: band.scrollWidth > band.clientWidth + 1 || band.scrollHeight > band.clientHeight + 1 || parts.some((p) => p.right > box.right + 1 || p.left < box.left - 1),
        underFurniture: parts.some((p) => controls.some((c) => meets(c, p)) || (numberBox !== null && meets(numberBox, p))),
      };
    }
    out.push({ index, slideNumber, controlsContrast, brand });
  }
  deck.slide(0);
  return out;
}
