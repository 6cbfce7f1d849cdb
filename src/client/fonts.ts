// The deck's own font, loaded before text is laid out: a layout before it arrives is done again.
import theme from '../../templates/theme.json';

/** Loads the faces the slides' text uses (every weight), then waits for any other loads. */
export async function fontsReady(): Promise<void> {
  const text = document.querySelector('.slides')?.textContent ?? '';
  const family = theme.font.family;
  await Promise.all(theme.font.weights.map((w) => document.fonts.load(`${w} 16px ${family}`, text)));
  await document.fonts.ready;
}
