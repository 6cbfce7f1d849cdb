// One browser for a test worker: started when a file first needs one (runCli in tests/helpers.ts,
// or a file's own pages), and kept for the worker's later files — vitest runs with isolate off,
// so this module and its browser outlive a file. Each file closes the pages it opened; the gateway
// starts a new Chromium if this one went away. The browser ends with the worker: Chromium exits
// when the worker's end of its pipe closes, and the global teardown (tests/global-setup.ts) waits
// for that and removes its profile folder (named by the worker's process, which this file records).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserGateway } from '../src/browser/gateway.ts';

let browser: BrowserGateway | undefined;

/** The worker's shared browser (a gateway: Chromium starts when a page is first asked for). */
export async function sharedBrowser(): Promise<BrowserGateway> {
  if (!browser) {
    const { BrowserGateway } = await import('../src/browser/gateway.ts');
    browser = new BrowserGateway();
    const run = process.env.BRIEFDECK_TEST_RUN;
    if (!run) throw new Error('BRIEFDECK_TEST_RUN is not set: the run folder is made by tests/global-setup.ts');
    mkdirSync(path.join(run, 'workers'), { recursive: true });
    writeFileSync(path.join(run, 'workers', String(process.pid)), '');
  }
  return browser;
}

/** Closes the pages a test file left open in the worker's shared browser (tests/setup.ts, as a file ends). */
export async function closeSharedPages(): Promise<void> {
  await browser?.closePages();
}
