// Assets stored once: the logo (on every slide after the title) and a picture shown more than once
// are one file in the HTML deck's folder, one data: URL in the one-file deck and one part of the
// PowerPoint file's media — and each is still drawn on every slide that shows it, in Chromium
// (presented, printed, in the speaker view) and in LibreOffice. A picture too large to use is an
// error at the line that names it, and the profiles of browsers that runs which were killed left
// behind are swept by the next run.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { PROFILE_STALE_MS } from '../src/browser/profiles.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { PICTURE_MAX_BYTES } from '../src/pipeline/compile.ts';
import { FIXTURES, ROOT, runCli, snapshot, tempDir } from './helpers.ts';
import { pageCount, pageText } from './poppler.ts';
import { officePdf } from './office.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
const made: string[] = [];
const temp = () => {
  const dir = tempDir();
  made.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A PNG of noise (which no compression makes smaller), `width`×`height`, RGB. */
function noisePng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) randomBytes(width * 3).copy(rows, y * (width * 3 + 1) + 1);
  return png(width, height, rows);
}

/** A PNG `width`×`height` (RGB) of these filtered rows. */
function png(width: number, height: number, rows: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(4 + body.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 4 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The dark brand deck in `root/slides/deck`, its logo `logo.png` (line 3 of deck.yaml) or none. */
function brandDeck(root: string, logo?: Buffer): string {
  const dir = path.join(root, 'slides', 'deck');
  cpSync(path.join(FIXTURES, 'brand/dark-brand'), dir, { recursive: true });
  rmSync(path.join(dir, 'logo.svg'));
  writeFileSync(path.join(dir, 'deck.yaml'), `theme: dark\nbrand:\n${logo ? '  logo: logo.png\n' : ''}  footer: "Footer of the brief"\n`);
  if (logo) writeFileSync(path.join(dir, 'logo.png'), logo);
  return dir;
}

/** Per page of a PDF, how many pictures it shows of about this width:height (pdfimages -list). */
function picturesByPage(pdf: string, ratio: number): Map<number, number> {
  const pages = new Map<number, number>();
  for (const line of execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2)) {
    const [page, , type, width, height] = line.trim().split(/\s+/);
    if (type !== 'image' || !Number(width) || !Number(height)) continue;
    if (Math.abs(Number(width) / Number(height) - ratio) / ratio < 0.05) pages.set(Number(page), (pages.get(Number(page)) ?? 0) + 1);
  }
  return pages;
}


describe('a 2 MB logo', () => {
  // 1500×480 of noise: 2.16 MB that stays 2.16 MB, a shape (25:8) no other picture of the deck has.
  const logo = noisePng(1500, 480);
  const RATIO = 1500 / 480;
  let out: string;
  let bare: string;
  let slides: number;
  let stderr: string;
  const file = (dir: string, name: string) => path.join(dir, 'deck', name);

  beforeAll(async () => {
    const root = temp();
    out = path.join(root, 'dist');
    const built = await runCli('build', brandDeck(root, logo), '--out', out);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(built.code).toBe(0);
    stderr = built.stderr;
    // The same deck without a logo: what the logo adds is measured against it.
    const other = temp();
    bare = path.join(other, 'dist');
    expect((await runCli('build', brandDeck(other), '--out', bare, '-q')).code).toBe(0);
    slides = pageCount(file(out, 'deck.pdf'));
  }, 240_000);

  it('is warned about (over 1 MB) at its line of deck.yaml', () => {
    expect(stderr).toMatch(/deck\.yaml:3: warning: the logo logo\.png is 2\.1 MB, over 1\.0 MB/);
  });

  it('is one file in the HTML deck’s folder, linked from every slide after the title', () => {
    expect(readFileSync(file(out, 'brand/logo.png'))).toEqual(logo);
    const html = readFileSync(file(out, 'index.html'), 'utf8');
    expect(html.match(/<img class="bd-logo" src="brand\/logo\.png"/g)).toHaveLength(slides - 1);
    expect(html).not.toContain('data:image/png');
    expect(statSync(file(out, 'index.html')).size).toBeLessThan(statSync(file(bare, 'index.html')).size + 10_000);
  });

  it('makes the one-file deck and the PowerPoint file each less than 1.5 × its size larger than without it', () => {
    for (const name of ['deck.html', 'deck.pptx']) {
      const size = statSync(file(out, name)).size;
      expect(size, name).toBeLessThan(logo.length * 1.5 + statSync(file(bare, name)).size);
      expect(size, name).toBeGreaterThan(logo.length);
    }
    // Its base64 once in the one-file deck.
    const html = readFileSync(file(out, 'deck.html'), 'utf8');
    expect(html.split(logo.subarray(0, 3000).toString('base64')).length - 1).toBe(1);
  });

  it('is one part of the PowerPoint file’s media, which every slide after the title shows', async () => {
    const listing = execFileSync('unzip', ['-l', file(out, 'deck.pptx')], { encoding: 'utf8' });
    const sized = listing.split('\n').filter((l) => l.trim().startsWith(`${logo.length} `));
    expect(sized).toHaveLength(1);
    const part = sized[0]!.trim().split(/\s+/).at(-1)!;
    expect(part).toMatch(/^ppt\/media\//);
    const zip = await JSZip.loadAsync(readFileSync(file(out, 'deck.pptx')));
    expect(Buffer.from(await zip.file(part)!.async('uint8array'))).toEqual(logo);
    const showing: number[] = [];
    for (let n = 1; n <= slides; n++) {
      const rels = await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)!.async('string');
      if (rels.includes(`Target="../media/${path.basename(part)}"`)) showing.push(n);
      // Every picture a slide names is there.
      for (const [, target] of rels.matchAll(/Target="\.\.\/media\/([^"]+)"/g)) expect(zip.file(`ppt/media/${target}`), `slide ${n}: ${target}`).not.toBeNull();
    }
    expect(showing).toEqual(Array.from({ length: slides - 1 }, (_, i) => i + 2));
  });

  it('is printed by LibreOffice from the PowerPoint file on every slide after the title', () => {
    const lo = temp();
    officePdf([file(out, 'deck.pptx')], lo);
    const pdf = path.join(lo, 'deck.pdf');
    expect(pageCount(pdf)).toBe(slides);
    const pages = picturesByPage(pdf, RATIO);
    expect([...pages.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: slides - 1 }, (_, i) => i + 2));
  });

  it('is printed in the slides PDF on every slide after the title', () => {
    const pages = picturesByPage(file(out, 'deck.pdf'), RATIO);
    expect([...pages.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: slides - 1 }, (_, i) => i + 2));
  });

  describe('the one-file deck opened from file://', () => {
    let page: Page;
    beforeAll(async () => {
      page = await (await browser.get()).newPage();
      await page.setViewport({ width: 1280, height: 720 });
    });
    afterAll(() => page?.close());

    /** The logo of the slide shown (or of every page when printing): its box and the picture it shows. */
    const logos = (target: Page, selector: string) =>
      target.evaluate((sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((el) => {
        const box = el.getBoundingClientRect();
        return { width: box.width, height: box.height, picture: getComputedStyle(el).content.slice(0, 27) };
      }), selector);

    it('shows the logo on every slide after the title, 40 px high (as Reveal scales the slide) in its shape', async () => {
      await openDeckPage(page, pathToFileURL(file(out, 'deck.html')).href, { timeout: 60_000 });
      expect(await page.evaluate(() => document.querySelectorAll('.slides > section').length)).toBe(slides);
      const scale = await page.evaluate(() => window.Reveal!.getScale());
      for (let n = 1; n < slides; n++) {
        await page.evaluate((h: number) => window.Reveal!.slide(h), n);
        const [shown] = await logos(page, '.slides > section.present .bd-logo');
        expect(shown!.picture, `slide ${n + 1}`).toBe('url("data:image/png;base64,');
        expect(Math.abs(shown!.height - 40 * scale), `slide ${n + 1}`).toBeLessThanOrEqual(1);
        expect(Math.abs(shown!.width - 40 * scale * RATIO), `slide ${n + 1}`).toBeLessThanOrEqual(2);
      }
    });

    it('shows it in the speaker view’s slide', async () => {
      await page.evaluate(() => window.Reveal!.slide(2));
      const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
      await page.keyboard.press('s');
      const speaker = await popup;
      try {
        await speaker.waitForSelector('#current-slide iframe', { timeout: 20_000 });
        const frame = await (await speaker.$('#current-slide iframe'))!.contentFrame();
        await frame.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true' && !!document.querySelector('.slides > section.present .bd-logo'), { timeout: 30_000 });
        const shown = await frame.evaluate(() => {
          const el = document.querySelector<HTMLElement>('.slides > section.present .bd-logo')!;
          return { width: el.getBoundingClientRect().width, picture: getComputedStyle(el).content.slice(0, 26) };
        });
        expect(shown.width).toBeGreaterThan(0);
        expect(shown.picture).toBe('url("data:image/png;base64');
      } finally {
        await speaker.close().catch(() => {});
      }
    });

    it('prints the logo on every page that shows a slide after the title (Chromium’s print to PDF, backgrounds off)', async () => {
      // (Print media, as a person's Ctrl-P: no `screen`.)
      await openDeckPage(page, pathToFileURL(file(out, 'deck.html')).href, { print: 'slides', timeout: 60_000 });
      const pdf = path.join(temp(), 'one-file.pdf');
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: false }));
      // (A page may hold the rest of a slide that runs past its own: the logo is where the footer is.)
      const pages = picturesByPage(pdf, RATIO);
      const footed = Array.from({ length: pageCount(pdf) }, (_, i) => i + 1).filter((n) => pageText(pdf, n).includes('Footer of the brief'));
      expect(footed.length).toBeGreaterThanOrEqual(slides - 1);
      expect([...pages.keys()].sort((a, b) => a - b)).toEqual(footed);
    });
  });
});

/** The brand deck with a chart on a slide of its own before its findings, and `edit` made to its memo: built without PDFs. */
async function chartDeck(edit: (memo: string) => string): Promise<{ picture: Buffer; out: string; oneFile: string }> {
  const root = temp();
  const dir = brandDeck(root);
  const picture = noisePng(300, 200);
  writeFileSync(path.join(dir, 'chart.png'), picture);
  const memo = path.join(dir, 'memo.md');
  writeFileSync(memo, edit(readFileSync(memo, 'utf8').replace('## Findings', '![The chart](chart.png)\n\n## Findings')));
  const out = path.join(root, 'dist');
  const built = await runCli('build', dir, '--out', out, '--no-pdf');
  expect(built.code, built.stderr).toBe(0);
  return { picture, out, oneFile: readFileSync(path.join(out, 'deck', 'deck.html'), 'utf8') };
}

describe('a picture shown on more than one slide', () => {
  it('is in the one-file deck once, and shown on both slides', async () => {
    const { picture, out, oneFile } = await chartDeck((text) => text.replace('## Options', '![The chart again](chart.png)\n\n## Options'));
    expect(oneFile.split(picture.subarray(0, 3000).toString('base64')).length - 1).toBe(1);
    const page = await (await browser.get()).newPage();
    try {
      await openDeckPage(page, pathToFileURL(path.join(out, 'deck', 'deck.html')).href, { timeout: 60_000 });
      const slidesWith = await page.evaluate(() => [...document.querySelectorAll('.slides > section')].flatMap((s, i) => (s.querySelector('.bd-image img') ? [i] : [])));
      expect(slidesWith).toHaveLength(2);
      for (const h of slidesWith) {
        await page.evaluate((n: number) => window.Reveal!.slide(n), h);
        const box = await page.evaluate(() => {
          const img = document.querySelector<HTMLElement>('.slides > section.present .bd-image img')!;
          const r = img.getBoundingClientRect();
          return { ratio: r.width / r.height, content: getComputedStyle(img).content.slice(0, 21) };
        });
        expect(box.ratio).toBeCloseTo(1.5, 1);
        expect(box.content).toBe('url("data:image/png;b');
      }
    } finally {
      await page.close();
    }
  });
});

describe('a shared picture in the speaker notes', () => {
  it('is shown there from its own data (the speaker view copies the notes without the deck’s style)', async () => {
    // Once on a slide of its own, once in a sentence the plan says in the notes (a list item's second).
    const { oneFile } = await chartDeck((text) => text.replace('and many have passed it.', 'and many have passed it. The chart shows it ![The chart in the notes](chart.png).'));
    const inNotes = [...oneFile.matchAll(/<aside class="notes">[\s\S]*?<\/aside>/g)].flatMap((m) => m[0].match(/<img[^>]*>/g) ?? []);
    expect(inNotes).toHaveLength(1);
    expect(inNotes[0]).toMatch(/ src="data:image\/png;base64,/);
  });
});

/** A file as the CLI names it: relative to the folder it runs in (runCli's, the project's). */
const shown = (file: string) => path.relative(ROOT, file);

describe('a picture too large to use', () => {
  /** A PNG's signature, and zeros up to one byte over the limit. */
  const tooLarge = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(PICTURE_MAX_BYTES + 1 - 8)]);

  it('a logo: an error naming it and its size at its line of deck.yaml, exit 1, dist/ as it was', async () => {
    const root = temp();
    const dir = brandDeck(root, noisePng(90, 30));
    const out = path.join(root, 'dist');
    expect((await runCli('build', dir, '--out', out, '--no-pdf', '-q')).code).toBe(0);
    const before = snapshot(out);
    writeFileSync(path.join(dir, 'logo.png'), tooLarge());
    for (const command of ['build', 'pptx']) {
      const { code, stderr } = await runCli(command, dir, '--out', out);
      expect(code, command).toBe(1);
      expect(stderr).toContain(`${shown(path.join(dir, 'deck.yaml'))}:3: error: the logo logo.png is 10.0 MB (${PICTURE_MAX_BYTES + 1} bytes): too large to use, over the limit of 10.0 MB`);
      expect(stderr).not.toMatch(/\n\s+at |bug in briefdeck/);
      expect(snapshot(out)).toEqual(before);
    }
  });

  it('a logo of 20000 × 20000 pixels in a small file: an error naming its size at its line, exit 1, nothing built', async () => {
    const root = temp();
    // Its first rows only (a browser would draw all 400 million pixels, 1.6 GB): the header says it all.
    const dir = brandDeck(root, png(20_000, 20_000, Buffer.alloc((20_000 * 3 + 1) * 4)));
    const { code, stderr } = await runCli('build', dir, '--out', path.join(root, 'dist'));
    expect(code).toBe(1);
    expect(stderr).toContain(`${shown(path.join(dir, 'deck.yaml'))}:3: error: the logo logo.png is 20000 × 20000 pixels (400 million): too large to draw`);
    expect(stderr).not.toMatch(/\n\s+at |bug in briefdeck/);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('a memo image: an error at the line that shows it', async () => {
    const root = temp();
    const dir = brandDeck(root);
    writeFileSync(path.join(dir, 'huge.png'), tooLarge());
    const memo = path.join(dir, 'memo.md');
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('## Findings', '![A huge picture](huge.png)\n\n## Findings'));
    const line = readFileSync(memo, 'utf8').split('\n').indexOf('![A huge picture](huge.png)') + 1;
    const { code, stderr } = await runCli('build', dir, '--out', path.join(root, 'dist'));
    expect(code).toBe(1);
    expect(stderr).toContain(`${shown(memo)}:${line}: error: the image "huge.png" is 10.0 MB (${PICTURE_MAX_BYTES + 1} bytes): too large to use`);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});

describe('the profile folders of browsers', () => {
  /** A process id surely not running: a child that has exited. */
  async function deadPid(): Promise<number> {
    const child = spawn('true');
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid!;
  }
  const profile = (pid: number, madeMs: number, tag: string) => path.join(os.tmpdir(), `briefdeck-chromium-${pid}-${madeMs.toString(36)}-${tag}`);
  /** A profile as Chromium leaves it, last written `ageMs` ago. */
  function leave(folder: string, ageMs: number): void {
    mkdirSync(path.join(folder, 'Default'), { recursive: true });
    writeFileSync(path.join(folder, 'Local State'), '{}');
    const then = new Date(Date.now() - ageMs);
    for (const f of [path.join(folder, 'Default'), path.join(folder, 'Local State'), folder]) utimesSync(f, then, then);
  }

  it('of a run that was killed are swept by the next run that starts a browser; a live run’s never', async () => {
    const hour = 60 * 60_000;
    const dead = await deadPid();
    const stale = profile(dead, Date.now() - hour, 'aaaaaa');
    // Its process gone, but written a moment ago: a run that cannot be seen from here may be using it.
    const recent = profile(dead, Date.now() - 1000, 'bbbbbb');
    // A live process that started before it was made: a run still going (a long `dev`), however old.
    const sleeper = spawn('sleep', ['600']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const live = profile(sleeper.pid!, Date.now(), 'cccccc');
    // A live process that started after it was made: its number was reused, the run that made it is gone.
    const reused = profile(sleeper.pid!, Date.now() - hour, 'dddddd');
    try {
      leave(stale, hour);
      leave(recent, 1000);
      leave(live, PROFILE_STALE_MS * 2);
      leave(reused, hour);
      const gateway = new BrowserGateway();
      await gateway.get();
      await gateway.close();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(reused)).toBe(false);
      expect(existsSync(recent)).toBe(true);
      expect(existsSync(live)).toBe(true);
    } finally {
      sleeper.kill();
      for (const f of [stale, recent, live, reused]) rmSync(f, { recursive: true, force: true });
    }
  });

  it('of a run that dies of an error no one caught go with it, and its browser too', async () => {
    const script = path.join(temp(), 'crash.mts');
    writeFileSync(
      script,
      `import { BrowserGateway } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/browser/gateway.ts')).href)};\n` +
        `const gateway = new BrowserGateway();\nawait gateway.get();\nconsole.log(process.pid);\nsetTimeout(() => { throw new Error('crash'); }, 100);\n`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect(readdirSync(os.tmpdir()).filter((n) => n.startsWith(`briefdeck-chromium-${pid}-`))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', `briefdeck-chromium-${pid}-`], { encoding: 'utf8' }).trim();
    } catch {
      // pgrep exits 1 when nothing matches
    }
    expect(left).toBe('');
  });
});
