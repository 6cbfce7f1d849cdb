// The gateway starts Chromium itself (before Puppeteer has loaded) with Puppeteer's own switches,
// connects over a pipe, and leaves nothing behind when it closes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import puppeteer from 'puppeteer-core';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { isHeadlessShell } from '../src/browser/find.ts';
import { BROWSER_ARGS, PUPPETEER_DEFAULT_ARGS, resolveBrowserPath } from '../src/browser/launch.ts';

/** Chromium's main process: the oldest process whose command line names the profile. */
const browserPid = (profile: string) => Number(execFileSync('pgrep', ['-o', '-f', '--', `--user-data-dir=${os.tmpdir()}/${profile}`], { encoding: 'utf8' }).trim());
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
    const created = [...profiles()].filter((p) => !before.has(p));
    expect(created).toHaveLength(1);
    const pid = browserPid(created[0]!);
    expect(pid).toBeGreaterThan(0);
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
    // Work still running after the close (a studio request in flight at Ctrl-C) starts no new
    // browser: one would be no one's to close, and would keep the command's process alive.
    await expect(gateway.withPage(async (page) => page.title())).rejects.toThrow(/the browser was closed/);
    await expect(gateway.get()).rejects.toThrow(/the browser was closed/);
    expect([...profiles()].filter((p) => !before.has(p))).toEqual([]);
  });

  it('runs its pages in its own process when it is the headless shell, and a page given up on (its script never ends) ends that browser: the next page comes from a new one', async () => {
    const shell = isHeadlessShell(await resolveBrowserPath());
    const gateway = new BrowserGateway();
    try {
      const before = profiles();
      const browser = await gateway.get();
      const [first] = [...profiles()].filter((p) => !before.has(p));
      const commandLine = execFileSync('pgrep', ['-a', '-o', '-f', '--', `--user-data-dir=${os.tmpdir()}/${first}`], { encoding: 'utf8' });
      expect(commandLine.includes('--single-process'), commandLine).toBe(shell);
      const stuck = await browser.newPage();
      void stuck.evaluate('for (;;) {}').catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      gateway.abandon(stuck);
      const title = await gateway.withPage(async (page) => {
        await page.setContent('<title>again</title>');
        return page.title();
      });
      expect(title).toBe('again');
      // The headless shell's was ended and its profile removed; Chromium's (a process per page) lives on without the page.
      const now = [...profiles()].filter((p) => !before.has(p));
      expect(now.length).toBe(1);
      expect(now[0] === first).toBe(!shell);
    } finally {
      await gateway.close();
    }
  });

  it('lends a page from a new Chromium after its browser went away by itself (crashed, killed), and removes the dead one\'s profile', async () => {
    const gateway = new BrowserGateway();
    try {
      const before = profiles();
      await gateway.get();
      const [first] = [...profiles()].filter((p) => !before.has(p));
      const disconnected = new Promise((resolve) => void gateway.get().then((b) => b.once('disconnected', resolve)));
      process.kill(browserPid(first!), 'SIGKILL');
      await disconnected;
      const title = await gateway.withPage(async (page) => {
        await page.setContent('<title>again</title>');
        return page.title();
      });
      expect(title).toBe('again');
      const now = [...profiles()].filter((p) => !before.has(p));
      expect(now).toHaveLength(1);
      expect(now[0]).not.toBe(first);
      for (let i = 0; i < 50 && existsSync(`${os.tmpdir()}/${first}`); i++) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(`${os.tmpdir()}/${first}`)).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});
