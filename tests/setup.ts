import { afterAll } from 'vitest';
import { setQuiet } from '../src/core/log.ts';
import { closeSharedBrowser } from './shared-browser.ts';
import { removeTempDirs } from './temp.ts';

// Progress lines would drown the test report; errors and warnings still print.
setQuiet(true);

// Registered first, so it runs after the file's own afterAll hooks (which unmount what they mounted).
afterAll(async () => {
  await closeSharedBrowser();
  const left = removeTempDirs();
  if (left.length > 0) throw new Error(`temporary folders the tests made could not be removed: ${left.join(', ')}`);
});
