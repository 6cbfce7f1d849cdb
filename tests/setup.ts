import { afterAll } from 'vitest';
import { setQuiet } from '../src/core/log.ts';
import { closeSharedPages } from './shared-browser.ts';
import { removeTempDirs } from './temp.ts';

// Progress lines would drown the test report; errors and warnings still print.
setQuiet(true);

// Registered first, so it runs after the file's own afterAll hooks (which unmount what they mounted).
// The worker's shared browser (tests/shared-browser.ts) stays open for its next file.
afterAll(async () => {
  await closeSharedPages();
  const left = removeTempDirs();
  if (left.length > 0) throw new Error(`temporary folders the tests made could not be removed: ${left.join(', ')}`);
});
