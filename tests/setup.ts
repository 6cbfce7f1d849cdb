import { afterAll, expect } from 'vitest';
import { setQuiet } from '../src/core/log.ts';
import { forgetPages } from './poppler.ts';
import { closeSharedPages } from './shared-browser.ts';
import { removeTempDirs } from './temp.ts';

// Progress lines would drown the test report; errors and warnings still print.
setQuiet(true);

// Bytes compared as bytes: toEqual would walk a Buffer element by element, as it walks an array
// (a 2 MB picture compared so took 7 s of CPU, and as much again collecting the garbage).
const view = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
expect.addEqualityTesters([(a: unknown, b: unknown) => (a instanceof Uint8Array && b instanceof Uint8Array ? view(a).equals(view(b)) : undefined)]);

// Registered first, so it runs after the file's own afterAll hooks (which unmount what they mounted).
// The worker's shared browser (tests/shared-browser.ts) stays open for its next file.
afterAll(async () => {
  await closeSharedPages();
  forgetPages();
  const left = removeTempDirs();
  if (left.length > 0) throw new Error(`temporary folders the tests made could not be removed: ${left.join(', ')}`);
});
