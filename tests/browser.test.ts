// The gateway starts Chromium itself (before Puppeteer has loaded) with Puppeteer's own switches,
// connects over a pipe, and leaves nothing behind when it closes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import puppeteer from 'puppeteer-core';
import { BROWSER_ARGS, BrowserGateway, PUPPETEER_DEFAULT_ARGS } from '../src/browser/gateway.ts';

const profiles = () => new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith(`briefdeck-chromium-${process.pid}-`)));

describe('the browser gateway', () => {
  it("passes Puppeteer's defaults (tagged PDFs, the outline) as Puppeteer's launch would", () => {
    const theirs = puppeteer.defaultArgs({ headless: true }).filter((a) => a !== 'about:blank' && !a.startsWith('--user-data-dir'));
    expect(PUPPETEER_DEFAULT_ARGS).toEqual(theirs);
    for (const arg of theirs.filter((a) => !a.startsWith('--disable-features='))) expect(BROWSER_ARGS).toContain(arg);
    // Chromium reads one --disable-features: Puppeteer's and briefdeck's in it.
    const disabled = BROWSER_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toContain('Translate');
    expect(disabled[0]).toContain('WebUIOmniboxPopup');
  });

  it('prints from a page, and closes Chromium and its profile folder', async () => {
    const before = profiles();
    const gateway = new BrowserGateway();
    gateway.prepare(1);
    const browser = await gateway.get();
    expect(await browser.version()).toMatch(/Chrom/);
    const pid = Number(execFileSync('pgrep', ['-f', `briefdeck-chromium-${process.pid}-`, '-o'], { encoding: 'utf8' }).trim());
    expect(pid).toBeGreaterThan(0);
    const created = [...profiles()].filter((p) => !before.has(p));
    expect(created).toHaveLength(1);
    const pdf = await gateway.withPage(async (page) => {
      await page.setContent('<p>briefdeck</p>');
      return page.pdf();
    });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await gateway.close();
    expect(existsSync(`${os.tmpdir()}/${created[0]}`)).toBe(false);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    expect(alive).toBe(false);
  });
});
