// Colour in the page, for check's measurements: a computed CSS colour read as numbers, and WCAG
// contrast. Installed into a page once (installColour), then used by measureSlides and
// measureFurniture, which run in the page and cannot import.

export interface PageColour {
  /** `rgb(…)`/`rgba(…)` as [r, g, b, alpha]; anything else as transparent black. */
  parse(color: string): [number, number, number, number];
  /** WCAG 2 contrast ratio of two opaque colours. */
  contrast(a: number[], b: number[]): number;
}

declare global {
  interface Window {
    briefdeckColour?: PageColour;
  }
}

/** Runs in the page: defines window.briefdeckColour. Self-contained. */
export function installColour(): void {
  const parse = (color: string): [number, number, number, number] => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const luminance = ([r, g, b]: number[]) => {
    const lin = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const contrast = (a: number[], b: number[]) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  window.briefdeckColour = { parse, contrast };
}
