// A contact sheet of a PDF's pages, or of a PowerPoint file as LibreOffice prints it:
//   npx tsx scripts/pdf-sheet.ts <file.pdf|file.pptx> [--out sheet.png] [--columns 5]
// (pdftoppm draws each page; Chromium lays them out in a grid and takes the picture.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserGateway } from '../src/browser/gateway.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const out = path.resolve(option('--out') ?? 'sheet.png');
const columns = Number(option('--columns') ?? 5);
const input = path.resolve(args[0] ?? '');
const work = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-sheet-'));
try {
  let pdf = input;
  if (/\.(pptx|potx|odp)$/i.test(input)) {
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, input], { stdio: 'ignore', timeout: 300_000 });
    pdf = path.join(work, `${path.basename(input, path.extname(input))}.pdf`);
  }
  execFileSync('pdftoppm', ['-r', '36', '-png', pdf, path.join(work, 'page')]);
  const pages = readdirSync(work).filter((n) => /^page-\d+\.png$/.test(n)).sort();
  const cells = pages.map((n, i) => `<figure><img src="data:image/png;base64,${readFileSync(path.join(work, n)).toString('base64')}"><figcaption>${i + 1}</figcaption></figure>`).join('');
  const html = `<!doctype html><style>body{margin:0;background:#888;display:grid;grid-template-columns:repeat(${columns},1fr);gap:6px;padding:6px;width:${columns * 330}px}figure{margin:0;position:relative}img{width:100%;display:block;box-shadow:0 0 2px #000}figcaption{position:absolute;top:2px;left:4px;font:bold 12px sans-serif;color:#f0f;}</style>${cells}`;
  const browser = new BrowserGateway();
  try {
    const page = await (await browser.get()).newPage();
    await page.setViewport({ width: columns * 330 + 12, height: 400 });
    await page.setContent(html);
    await page.screenshot({ path: out as `${string}.png`, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`${out}: ${pages.length} pages`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
