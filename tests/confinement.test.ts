// Nothing from outside the deck's folder is published: every file an output takes (a memo's image,
// the brand's logo) is followed through its symlinks, and one that leads outside the folder that
// names it is an error at that line — non-zero exit, no trace, nothing written to dist/. And an
// SVG logo is drawn for the PowerPoint file as a picture, its script never run.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { cliIn, FIXTURES, ROOT, tempDir } from './helpers.ts';
import { pageCount, pagePixels } from './poppler.ts';
import { officePdf } from './office.ts';

const PICTURE = path.join(FIXTURES, 'images/picture');
const LOGO = path.join(FIXTURES, 'brand/dark-brand/logo.svg');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const MARKER = 'PRIVATE-KEY-MARKER-7f3a9c';
/** A file outside any deck: a PNG that carries a marker, and an SVG that draws and says it. */
function secrets(root: string): { png: string; svg: string; dir: string } {
  const dir = path.join(root, 'elsewhere');
  mkdirSync(dir);
  const png = path.join(dir, 'secret.png');
  writeFileSync(png, Buffer.concat([readFileSync(path.join(PICTURE, 'water-level.png')), Buffer.from(MARKER)]));
  const svg = path.join(dir, 'secret.svg');
  writeFileSync(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><desc>${MARKER}</desc><rect width="120" height="40" fill="#2fbf71"/></svg>`);
  return { png, svg, dir };
}

/** A project folder: slides/<deck> a copy of the picture deck (memo line 12 names water-level.png). */
function project(): { root: string; deck: string; secret: ReturnType<typeof secrets> } {
  const root = tempDir('briefdeck-confine-');
  made.push(root);
  const deck = path.join(root, 'slides', 'deck');
  cpSync(PICTURE, deck, { recursive: true });
  return { root, deck, secret: secrets(root) };
}

const setImage = (deck: string, src: string) => {
  const memo = path.join(deck, 'memo.md');
  writeFileSync(memo, readFileSync(memo, 'utf8').replace('(water-level.png)', `(${src})`));
};

/** Every file under dir (none if it is not there). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Runs a command in the project; it must fail at `file:line` with `code`, with no trace and no dist/ written. */
async function refused(root: string, command: string, file: string, line: number, words: RegExp): Promise<void> {
  const result = await cliIn(root)(command, 'deck');
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(`${path.relative(root, file)}:${line}`);
  expect(result.stderr).toMatch(words);
  expect(result.stderr).not.toMatch(/\n\s+at |a bug in briefdeck/);
  expect(result.stdout + result.stderr).not.toMatch(/wrote/);
  expect(filesUnder(path.join(root, 'dist'))).toEqual([]);
}

describe('a memo image that leads outside the deck folder', () => {
  it('a symlink to a file elsewhere: an error at its memo line, nothing built', async () => {
    const { root, deck, secret } = project();
    symlinkSync(secret.png, path.join(deck, 'chart.png'));
    setImage(deck, 'chart.png');
    await refused(root, 'build', path.join(deck, 'memo.md'), 12, /outside the deck's folder/);
  });

  it('a file under a symlinked folder: an error at its memo line, for the PowerPoint file too', async () => {
    const { root, deck, secret } = project();
    symlinkSync(secret.dir, path.join(deck, 'figures'));
    setImage(deck, 'figures/secret.png');
    await refused(root, 'build', path.join(deck, 'memo.md'), 12, /outside the deck's folder/);
    await refused(root, 'pptx', path.join(deck, 'memo.md'), 12, /outside the deck's folder/);
  });
});

describe('a logo that leads outside the folder of the configuration that names it', () => {
  const withLogo = (deck: string, logo: string) => writeFileSync(path.join(deck, 'deck.yaml'), `theme: dark\nbrand:\n  footer: "Footer"\n  logo: ${logo}\n`);

  it('logo.svg a symlink to a file elsewhere: an error at deck.yaml’s line, nothing built', async () => {
    const { root, deck, secret } = project();
    symlinkSync(secret.svg, path.join(deck, 'logo.svg'));
    withLogo(deck, 'logo.svg');
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 4, /logo logo\.svg is outside the folder of deck\.yaml/);
    await refused(root, 'pptx', path.join(deck, 'deck.yaml'), 4, /logo logo\.svg is outside the folder of deck\.yaml/);
  });

  it('brand.logo ../../elsewhere/secret.svg: an error at its line', async () => {
    const { root, deck } = project();
    withLogo(deck, '../../elsewhere/secret.svg');
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 4, /logo secret\.svg is outside the folder of deck\.yaml/);
  });

  it('brand.logo an absolute path: an error at its line', async () => {
    const { root, deck, secret } = project();
    withLogo(deck, secret.svg);
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 4, /logo secret\.svg is outside the folder of deck\.yaml/);
  });

  it('slides/brand.yaml naming a logo outside the slides folder: an error at brand.yaml’s line', async () => {
    const { root, deck } = project();
    writeFileSync(path.join(root, 'slides', 'brand.yaml'), 'brand:\n  logo: ../elsewhere/secret.svg\n');
    await refused(root, 'build', path.join(root, 'slides', 'brand.yaml'), 2, /logo secret\.svg is outside the folder of brand\.yaml/);
    expect(existsSync(deck)).toBe(true);
  });
});

describe('a memo or configuration file that is a link to a file elsewhere', () => {
  it('memo.md: an error at memo.md, nothing built', async () => {
    const { root, deck, secret } = project();
    const elsewhere = path.join(secret.dir, 'memo.md');
    cpSync(path.join(deck, 'memo.md'), elsewhere);
    writeFileSync(elsewhere, readFileSync(elsewhere, 'utf8').replace('観測点は', `${MARKER}観測点は`));
    rmSync(path.join(deck, 'memo.md'));
    symlinkSync(elsewhere, path.join(deck, 'memo.md'));
    await refused(root, 'build', path.join(deck, 'memo.md'), 1, /memo\.md is a link to a file outside the deck's folder/);
  });

  it('deck.yaml and slides/brand.yaml: an error at the file, nothing built', async () => {
    const { root, deck, secret } = project();
    const yaml = path.join(secret.dir, 'look.yaml');
    writeFileSync(yaml, `brand:\n  footer: "${MARKER}"\n`);
    symlinkSync(yaml, path.join(deck, 'deck.yaml'));
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 1, /deck\.yaml is a link to a file outside its folder/);
    rmSync(path.join(deck, 'deck.yaml'));
    symlinkSync(yaml, path.join(root, 'slides', 'brand.yaml'));
    await refused(root, 'build', path.join(root, 'slides', 'brand.yaml'), 1, /brand\.yaml is a link to a file outside its folder/);
  });
});

describe('a symlink that stays inside the deck folder', () => {
  it('is followed: the image is published, the logo drawn — and nothing of the file outside reaches dist/', { timeout: 240_000 }, async () => {
    const { root, deck } = project();
    mkdirSync(path.join(deck, 'art'));
    cpSync(LOGO, path.join(deck, 'art', 'mark.svg'));
    symlinkSync(path.join('art', 'mark.svg'), path.join(deck, 'logo.svg'));
    symlinkSync('water-level.png', path.join(deck, 'chart.png'));
    setImage(deck, 'chart.png');
    writeFileSync(path.join(deck, 'deck.yaml'), 'brand:\n  logo: logo.svg\n');
    const result = await cliIn(root)('build', 'deck');
    expect(result.code, result.stderr).toBe(0);
    const out = path.join(root, 'dist', 'deck');
    expect(readFileSync(path.join(out, 'images', 'chart.png'))).toEqual(readFileSync(path.join(PICTURE, 'water-level.png')));
    const pptx = await cliIn(root)('pptx', 'deck');
    expect(pptx.code, pptx.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'deck.pptx')));
    expect(Object.keys(zip.files).filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThan(0);
    for (const file of filesUnder(out)) expect(readFileSync(file).includes(MARKER), file).toBe(false);
  });
});

describe('an SVG logo with a script', () => {
  it('builds the PowerPoint file within bounded time, its script never run, the logo drawn', { timeout: 240_000 }, async () => {
    const { root, deck } = project();
    // Were it run, it would paint the logo red, then stop the page with an alert and an endless loop.
    writeFileSync(
      path.join(deck, 'logo.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect id="r" width="120" height="40" fill="#2fbf71"/>` +
        `<script>document.getElementById('r').setAttribute('fill', '#ff0000');alert('ran');while(true){}</script></svg>`,
    );
    // And a memo image with the same script: blue were it not run.
    writeFileSync(
      path.join(deck, 'chart.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect id="r" width="600" height="400" fill="#2a6fb0"/>` +
        `<script>document.getElementById('r').setAttribute('fill', '#ff0000');alert('ran');while(true){}</script></svg>`,
    );
    setImage(deck, 'chart.svg');
    writeFileSync(path.join(deck, 'deck.yaml'), 'brand:\n  logo: logo.svg\n  footer: "Footer"\n');
    const started = Date.now();
    const result = await cliIn(root)('pptx', 'deck');
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The logo is in the file, drawn: LibreOffice shows its green at the foot of slide 2.
    const pptxFile = path.join(root, 'dist', 'deck', 'deck.pptx');
    const lo = path.join(root, 'lo');
    mkdirSync(lo);
    officePdf([pptxFile], lo);
    const { width, height, at } = pagePixels(path.join(lo, 'deck.pdf'), 2, 24);
    let green = 0;
    let red = 0;
    for (let y = Math.floor(height * 0.85); y < height; y++) for (let x = 0; x < width * 0.3; x++) {
      const [r, g, b] = at(x, y);
      if (Math.abs(r - 0x2f) < 30 && Math.abs(g - 0xbf) < 30 && Math.abs(b - 0x71) < 30) green++;
      if (r > 200 && g < 60 && b < 60) red++;
    }
    expect(red).toBe(0);
    // The image's slide: its blue, no red, on any page.
    const pages = pageCount(path.join(lo, 'deck.pdf'));
    let blue = 0;
    let redAnywhere = 0;
    for (let n = 1; n <= pages; n++) {
      const page = pagePixels(path.join(lo, 'deck.pdf'), n, 12);
      for (let y = 0; y < page.height; y++) {
        for (let x = 0; x < page.width; x++) {
          const [r, g, b] = page.at(x, y);
          if (Math.abs(r - 0x2a) < 25 && Math.abs(g - 0x6f) < 25 && Math.abs(b - 0xb0) < 25) blue++;
          if (r > 200 && g < 60 && b < 60) redAnywhere++;
        }
      }
    }
    expect(blue).toBeGreaterThan(50);
    expect(redAnywhere).toBe(0);
    expect(green).toBeGreaterThan(0);
  });
});

describe('an SVG logo that is not a picture', () => {
  it('is an error at the line of deck.yaml that names it, and no PowerPoint file is written', { timeout: 120_000 }, async () => {
    const { root, deck } = project();
    // Whole to the eye (it ends with its closing tag), but no XML: only the browser that draws it can tell.
    writeFileSync(path.join(deck, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120"</svg>');
    writeFileSync(path.join(deck, 'deck.yaml'), 'brand:\n  logo: logo.svg\n');
    await refused(root, 'pptx', path.join(deck, 'deck.yaml'), 2, /the logo logo\.svg is not a picture a browser can draw/);
  });
});

describe('a logo.png that is not a picture', () => {
  it('is an error at the line of deck.yaml that names it, for the deck and the PowerPoint file alike; nothing built', async () => {
    const { root, deck } = project();
    writeFileSync(path.join(deck, 'logo.png'), 'Our logo goes here\n');
    writeFileSync(path.join(deck, 'deck.yaml'), 'theme: dark\nbrand:\n  logo: logo.png\n');
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 3, /the logo logo\.png cannot be shown: its bytes are none of PNG, JPEG, GIF, WebP or SVG/);
    await refused(root, 'pptx', path.join(deck, 'deck.yaml'), 3, /the logo logo\.png cannot be shown: its bytes are none of PNG/);
  });

  it('a JPEG named logo.png is drawn as the JPEG it is', async () => {
    const { root, deck } = project();
    // A JPEG (Chromium's): its bytes say what it is, whatever its name.
    const jpeg = readFileSync(path.join(FIXTURES, 'images/formats/chart.jpg'));
    writeFileSync(path.join(deck, 'logo.png'), jpeg);
    writeFileSync(path.join(deck, 'deck.yaml'), 'theme: dark\nbrand:\n  logo: logo.png\n');
    const result = await cliIn(root)('build', 'deck', '--no-pdf');
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'dist/deck/deck.html'), 'utf8')).toContain('data:image/jpeg;base64,');
  });
});

describe('an image anywhere in the memo: a table cell, a heading, a list item, a quote, a note', () => {
  /** The picture deck with text around its image: each line below names `src` somewhere else. */
  const withImagesEverywhere = (deck: string, src: string) => {
    const memo = path.join(deck, 'memo.md');
    const lines = readFileSync(memo, 'utf8').split('\n');
    // Line 8 is "## 観測"; line 12 the image on a line of its own, which stays.
    lines[7] = `## 観測 ![見出し](${src})`;
    lines.push('', '| 地点 | 図 |', '| --- | --- |', `| 上流 ![表](${src}) | 文 |`, '', `- 項目 ![項目](${src})`, '', `> 引用 ![引用](${src})`, '', `注記がある。[^1]`, '', `[^1]: 注 ![注](${src})`, '');
    writeFileSync(memo, lines.join('\n'));
    return lines;
  };
  const lineOf = (lines: string[], words: string) => lines.findIndex((l) => l.includes(words)) + 1;

  it('one outside the deck folder, wherever it stands: an error at each line that names it, nothing built', async () => {
    const { root, deck, secret } = project();
    const lines = withImagesEverywhere(deck, secret.png);
    const memo = path.join(deck, 'memo.md');
    await refused(root, 'build', memo, 8, /the image ".*secret\.png" is outside the deck's folder/);
    const { stderr } = await cliIn(root)('check', 'deck');
    for (const words of ['![見出し]', '![表]', '![項目]', '![引用]', '![注]']) {
      expect(stderr, words).toMatch(new RegExp(`memo\\.md:${lineOf(lines, words)}: error: the image ".*secret\\.png" is outside the deck's folder`));
    }
    withImagesEverywhere(deck, '../../elsewhere/secret.png');
    await refused(root, 'build', memo, 8, /the image "\.\.\/\.\.\/elsewhere\/secret\.png" is outside the deck's folder/);
    await refused(root, 'pptx', memo, 8, /outside the deck's folder/);
  });

  it('one that is missing, in a table cell: an error at its row', async () => {
    const { root, deck } = project();
    const lines = withImagesEverywhere(deck, 'nowhere.png');
    await refused(root, 'build', path.join(deck, 'memo.md'), lineOf(lines, '![表]'), /the image "nowhere\.png" is not there/);
  });

  it('one inside the deck folder, in a table cell: copied beside the deck and drawn from there', async () => {
    const { root, deck } = project();
    cpSync(path.join(deck, 'water-level.png'), path.join(deck, 'cell.png'));
    const memo = path.join(deck, 'memo.md');
    writeFileSync(memo, `${readFileSync(memo, 'utf8')}\n| 地点 | 図 |\n| --- | --- |\n| 上流 ![表](cell.png) | 文 |\n`);
    const result = await cliIn(root)('build', 'deck', '--no-pdf');
    expect(result.code, result.stderr).toBe(0);
    const out = path.join(root, 'dist', 'deck');
    expect(readFileSync(path.join(out, 'images', 'cell.png'))).toEqual(readFileSync(path.join(deck, 'cell.png')));
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const sources = [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]!);
    expect(sources).toContain('images/cell.png');
    // Every picture the page draws is a file beside it (or inline): none points elsewhere.
    for (const src of sources) if (!src.startsWith('data:')) expect(existsSync(path.join(out, decodeURI(src))), src).toBe(true);
  });
});

describe('a picture judged by more than its first bytes', () => {
  const png = () => readFileSync(path.join(PICTURE, 'water-level.png'));
  const withLogo = (deck: string) => writeFileSync(path.join(deck, 'deck.yaml'), 'theme: dark\nbrand:\n  logo: logo.png\n');

  it('a logo.png of the PNG signature alone, or a header and no image data: logo-broken at its line, nothing built, no trace', async () => {
    const { root, deck } = project();
    withLogo(deck);
    writeFileSync(path.join(deck, 'logo.png'), png().subarray(0, 8));
    await refused(root, 'pptx', path.join(deck, 'deck.yaml'), 3, /the logo logo\.png cannot be shown: the PNG is cut short.*\[logo-broken\]/);
    // The signature and the 25 bytes of its header chunk: a picture of 0 rows.
    writeFileSync(path.join(deck, 'logo.png'), png().subarray(0, 33));
    await refused(root, 'build', path.join(deck, 'deck.yaml'), 3, /the logo logo\.png cannot be shown: .*no image data.*\[logo-broken\]/);
    await refused(root, 'pptx', path.join(deck, 'deck.yaml'), 3, /\[logo-broken\]/);
  });

  it('a memo image whose bytes only look like a PNG, or a PNG cut short in its data: picture-broken at its line', async () => {
    const { root, deck } = project();
    const memo = path.join(deck, 'memo.md');
    writeFileSync(path.join(deck, 'chart.png'), 'xPNG garbage');
    setImage(deck, 'chart.png');
    await refused(root, 'pptx', memo, 12, /the image "chart\.png" cannot be shown: its bytes are none of PNG.*\[picture-broken\]/);
    const whole = png();
    writeFileSync(path.join(deck, 'chart.png'), whole.subarray(0, Math.floor(whole.length / 2)));
    await refused(root, 'build', memo, 12, /the image "chart\.png" cannot be shown: the PNG is cut short.*\[picture-broken\]/);
  });

  it('a JPEG, GIF or WebP cut short: picture-broken at its line; whole, each builds', async () => {
    const formats = path.join(FIXTURES, 'images/formats');
    for (const name of ['chart.jpg', 'dot.gif', 'chart.webp']) {
      const { root, deck } = project();
      const memo = path.join(deck, 'memo.md');
      const whole = readFileSync(path.join(formats, name));
      setImage(deck, name);
      writeFileSync(path.join(deck, name), whole.subarray(0, Math.floor(whole.length * 0.7)));
      await refused(root, 'build', memo, 12, new RegExp(`the image "${name.replace('.', '\\.')}" cannot be shown: the (JPEG|GIF|WebP) is cut short.*\\[picture-broken\\]`));
      writeFileSync(path.join(deck, name), whole);
      const result = await cliIn(root)('build', 'deck', '--no-pdf');
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect(readFileSync(path.join(root, 'dist/deck/images', name)).equals(whole), name).toBe(true);
    }
  }, 240_000);

  it('an SVG cut short, a PNG whose large header hides corrupt data, a chunk name of escape codes: picture-broken at its line, printed safely', async () => {
    const { root, deck } = project();
    const memo = path.join(deck, 'memo.md');
    const original = readFileSync(memo, 'utf8');
    const show = (src: string) => writeFileSync(memo, original.replace('(water-level.png)', `(${src})`));
    show('cut.svg');
    writeFileSync(path.join(deck, 'cut.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120"');
    await refused(root, 'build', memo, 12, /the image "cut\.svg" cannot be shown: the SVG is cut short.*\[picture-broken\]/);
    // 8000 × 8000, 16-bit RGBA (512 MB of pixels, under the pixel limit) and 200 bytes that inflate to nothing.
    const chunk = (name: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length, 0);
      head.write(name, 4, 'latin1');
      return Buffer.concat([head, body, Buffer.alloc(4)]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(8000, 0);
    ihdr.writeUInt32BE(8000, 4);
    ihdr.set([16, 6, 0, 0, 0], 8);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    show('lie.png');
    writeFileSync(path.join(deck, 'lie.png'), Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(200, 0x5a)), chunk('IEND', Buffer.alloc(0))]));
    await refused(root, 'build', memo, 12, /the image "lie\.png" cannot be shown: the PNG's image data cannot be read.*\[picture-broken\]/);
    show('esc.png');
    writeFileSync(path.join(deck, 'esc.png'), Buffer.concat([signature, chunk('IHDR', ihdr).subarray(0, 25), Buffer.from([0, 0, 1, 0]), Buffer.from('\x1b[2J', 'latin1'), Buffer.alloc(4)]));
    const result = await cliIn(root)('build', 'deck', '--no-pdf');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('its \\x1b[2J chunk runs past the end of the file');
    expect(result.stderr).not.toContain('\x1b');
  });

  it('a whole PNG is drawn as ever', async () => {
    const { root, deck } = project();
    withLogo(deck);
    writeFileSync(path.join(deck, 'logo.png'), png());
    const result = await cliIn(root)('build', 'deck', '--no-pdf');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('a memo image swapped for a link after it was checked', () => {
  it('is published as the bytes that were checked: the file it now leads to outside the deck reaches no output', async () => {
    const { root, deck, secret } = project();
    const image = path.join(deck, 'water-level.png');
    const checked = readFileSync(image);
    // (A sentence no run has fitted before, so that the text is fitted in this one.)
    const memo = path.join(deck, 'memo.md');
    writeFileSync(memo, `${readFileSync(memo, 'utf8')}\nA sentence of run ${Date.now()}-${process.pid}.\n`);
    // Swapped while the text is fitted: after the compile read and checked it, before the outputs take it.
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'build', 'deck'], { cwd: root, env: { ...process.env } });
    let stderr = '';
    let swapped = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!swapped && /fitting/.test(stderr)) {
        swapped = true;
        rmSync(image);
        symlinkSync(secret.png, image);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(swapped, stderr).toBe(true);
    expect(code, stderr).toBe(0);
    const out = path.join(root, 'dist', 'deck');
    expect(readFileSync(path.join(out, 'images', 'water-level.png')).equals(checked)).toBe(true);
    for (const file of filesUnder(out)) {
      const bytes = readFileSync(file);
      const text = file.endsWith('.pptx') ? (await Promise.all(Object.values((await JSZip.loadAsync(bytes)).files).map((f) => f.async('nodebuffer')))).map((b) => b.toString('latin1')).join('') : bytes.toString('latin1');
      expect(text.includes(MARKER) || text.includes(Buffer.from(MARKER).toString('base64')), path.relative(root, file)).toBe(false);
    }
  }, 240_000);
});
