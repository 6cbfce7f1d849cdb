// Which browser briefdeck drives: the one configured, else a Chrome, Chromium or Edge installed
// on this machine (Linux, macOS, Windows), else one that Puppeteer's tools installed. briefdeck
// never downloads a browser itself; when none is found it says how to get one.
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

/** Browsers installed by `npx @puppeteer/browsers install chrome` (Puppeteer's cache folder). */
export async function puppeteerBrowsers(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<string[]> {
  const dir = env.PUPPETEER_CACHE_DIR || path.join(home, '.cache', 'puppeteer');
  try {
    const { Browser, Cache } = await import('@puppeteer/browsers');
    return new Cache(dir)
      .getInstalledBrowsers()
      .filter((b) => b.browser === Browser.CHROME || b.browser === Browser.CHROMIUM || b.browser === Browser.CHROMEHEADLESSSHELL)
      .map((b) => b.executablePath);
  } catch {
    return [];
  }
}

/** How to get a browser, for the message when none is found. */
export function installHint(platform: NodeJS.Platform = process.platform): string {
  const system = platform === 'linux' ? '(Debian/Ubuntu: "apt-get install chromium"), ' : '';
  return `install Chrome, Chromium or Edge ${system}or one for briefdeck alone with "npx @puppeteer/browsers install chrome@stable"; or set BRIEFDECK_BROWSER to a browser's path`;
}
