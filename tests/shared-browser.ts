// One browser for a test file's in-process commands (runCli in tests/helpers.ts): started at
// first use, closed when the file ends (tests/setup.ts). Kept apart from helpers.ts so that the
// setup of a file that starts no browser loads nothing of it.
import type { BrowserGateway } from '../src/browser/gateway.ts';

let browser: BrowserGateway | undefined;

/** The test file's shared browser (a gateway: Chromium starts when a page is first asked for). */
export async function sharedBrowser(): Promise<BrowserGateway> {
  if (!browser) {
    const { BrowserGateway } = await import('../src/browser/gateway.ts');
    browser = new BrowserGateway();
  }
  return browser;
}

/** Closes the file's shared browser, if it was made. */
export async function closeSharedBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  await open?.close();
}
