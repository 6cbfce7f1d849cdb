// Screenshots of a built deck, one PNG per slide: npx tsx scripts/screenshots.ts [deck] [outDir]
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';

const deck = process.argv[2] ?? 'asi-policy-memo-4';
const out = path.resolve(process.argv[3] ?? path.join(PROJECT_ROOT, 'dist', `${deck}-screenshots`));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const server = await preview({
  configFile: false,
  root: PROJECT_ROOT,
  logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0 },
  build: { outDir: path.join(PROJECT_ROOT, 'dist', deck) },
});
const browser = new BrowserGateway();
try {
  await browser.withPage(async (page) => {
    await openDeckPage(page, server.resolvedUrls!.local[0]!);
    const ids = await page.evaluate(() => [...document.querySelectorAll('.slides > section')].map((s) => s.id));
    for (const [i, id] of ids.entries()) {
      await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 450))));
      await page.screenshot({ path: path.join(out, `${String(i + 1).padStart(2, '0')}-${id}.png`) as `${string}.png` });
    }
    process.stdout.write(`${ids.length} screenshots in ${out}\n`);
  });
} finally {
  await browser.close();
  await server.close();
}
