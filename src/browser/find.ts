// Which browser briefdeck drives: the one configured, else a Chrome, Chromium or Edge installed
// on this machine (Linux, macOS, Windows), else one that Puppeteer's tools installed. briefdeck
// never downloads a browser itself; when none is found it says how to get one.
//
// Chromium's headless shell first, where there is one: briefdeck never shows a browser window (it
// lays out, draws and prints), and the shell — Chromium without the browser around it, what
// Puppeteer itself drives when headless — does the same work for less: it prints a blank page
// in 0.6 s where Chromium takes 1.9 s on a 2-core machine, and the bundled deck's two PDFs come
// out identical (text boxes, pages pixel for pixel).
import os from 'node:os';
import path from 'node:path';

/** Where Chrome, Chromium and Edge install themselves, most likely first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      'Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
    return ['/Applications', path.join(home, 'Applications')].flatMap((dir) => apps.map((app) => path.posix.join(dir, app)));
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], 'C:\\Program Files', 'C:\\Program Files (x86)'].filter((r): r is string => !!r);
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'];
    return [...new Set(apps.flatMap((app) => roots.map((root) => path.win32.join(root, app))))];
  }
  return [
    // Debian's chromium-headless-shell: the program itself (its /usr/bin script would stay
    // between briefdeck and the browser, holding its pipes should the browser crash).
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/usr/bin/brave-browser',
  ];
}

/** Whether a browser's program is Chromium's headless shell (Debian's, or Puppeteer's chrome-headless-shell). */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path.basename(executablePath));
}

/** The first Chrome, Chromium or Edge installed that is not the headless shell: what a machine without the shell runs. */
export function installedBrowser(exists: (file: string) => boolean): string | undefined {
  return browserCandidates().find((file) => !isHeadlessShell(file) && exists(file));
}

/** Browsers installed by `npx @puppeteer/browsers install chrome` (Puppeteer's cache folder). */
export async function puppeteerBrowsers(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<string[]> {
  const dir = env.PUPPETEER_CACHE_DIR || path.join(home, '.cache', 'puppeteer');
  try {
    const { Browser, Cache } = await import('@puppeteer/browsers');
    return new Cache(dir)
      .getInstalledBrowsers()
      .filter((b) => b.browser === Browser.CHROME || b.browser === Browser.CHROMIUM || b.browser === Browser.CHROMEHEADLESSSHELL)
      .sort((a, b) => Number(b.browser === Browser.CHROMEHEADLESSSHELL) - Number(a.browser === Browser.CHROMEHEADLESSSHELL))
      .map((b) => b.executablePath);
  } catch {
    return [];
  }
}

/** How to get a browser, for the message when none is found. */
export function installHint(platform: NodeJS.Platform = process.platform): string {
  const system = platform === 'linux' ? '(Debian: "apt-get install chromium-headless-shell", the fastest for briefdeck; Ubuntu: "apt-get install chromium"), ' : '';
  return `install Chrome, Chromium or Edge ${system}or one for briefdeck alone with "npx @puppeteer/browsers install chrome-headless-shell@stable"; or set BRIEFDECK_BROWSER to a browser's path`;
}
