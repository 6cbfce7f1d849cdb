// The README's picture of the studio: the bundled memo beside its slides.
// npx tsx scripts/studio-screenshot.ts [out.png] (default docs/studio.png)
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { PACKAGE_ROOT } from '../src/core/paths.ts';
import { startStudio } from '../src/studio/server.ts';
import { goToLine } from '../tests/studio-run.ts';

const out = path.resolve(process.argv[2] ?? path.join(PACKAGE_ROOT, 'docs/studio.png'));
const folder = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-studio-shot-'));
mkdirSync(path.join(folder, 'slides'));
cpSync(path.join(PACKAGE_ROOT, 'slides/asi-policy-memo-4'), path.join(folder, 'slides/asi-policy-memo-4'), { recursive: true });
const browser = new BrowserGateway();
const studio = await startStudio(folder, { browser });
const shots = new BrowserGateway();
try {
  const page = await (await shots.get()).newPage();
  await page.setViewport({ width: 1440, height: 860 });
  await page.goto(studio.url, { waitUntil: 'load' });
  await page.goto(`${studio.url.replace(/\/\?token=.*$/, '')}/deck/asi-policy-memo-4`, { waitUntil: 'load' });
  const frame = (await (await page.waitForSelector('#preview'))!.contentFrame())!;
  await frame.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true', { timeout: 60_000 });
  // The cursor on an initiative's heading: its slide shows, its role is named above the memo.
  await goToLine(page, 70);
  await new Promise((r) => setTimeout(r, 1500));
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out as `${string}.png` });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await shots.close();
  await studio.close();
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
}
