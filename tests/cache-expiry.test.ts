// The caches forget what no run has written for 30 days, looked through once a day
// (src/core/cache-expiry.ts); a build does it (tests/bundle-cache.test.ts).
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_MS, expireCaches } from '../src/core/cache-expiry.ts';
import { tempDir } from './temp.ts';

const DAY = 24 * 3600 * 1000;

/** A cache entry (a file, or a folder as a bundle is) last written `days` ago. */
function entry(file: string, days: number, folder = false): string {
  if (folder) {
    mkdirSync(file, { recursive: true });
    writeFileSync(path.join(file, 'index.html'), '');
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
  }
  const at = (Date.now() - days * DAY) / 1000;
  utimesSync(file, at, at);
  return file;
}

describe('the caches', () => {
  it('lose the entries not written for 30 days, files and folders alike, and keep the rest and hidden names', () => {
    const cache = tempDir();
    const [fit, bundles] = [path.join(cache, 'fit'), path.join(cache, 'bundles')];
    const old = [entry(path.join(fit, 'a.json'), 31), entry(path.join(bundles, 'b'), 45, true)];
    const kept = [entry(path.join(fit, 'c.json'), 29), entry(path.join(bundles, 'd'), 1, true), entry(path.join(fit, '.e.123.tmp'), 60)];
    expect(expireCaches(cache, [fit, bundles]).sort()).toEqual(old.sort());
    for (const file of old) expect(existsSync(file), file).toBe(false);
    for (const file of kept) expect(existsSync(file), file).toBe(true);
    expect(CACHE_MAX_AGE_MS).toBe(30 * DAY);
  });

  it('are looked through once a day: the next build of the day removes nothing, the first of the next day does', () => {
    const cache = tempDir();
    const fit = path.join(cache, 'fit');
    entry(path.join(fit, 'a.json'), 40);
    expect(expireCaches(cache, [fit])).toHaveLength(1);
    const late = entry(path.join(fit, 'b.json'), 40);
    expect(expireCaches(cache, [fit])).toEqual([]);
    expect(existsSync(late)).toBe(true);
    expect(expireCaches(cache, [fit], Date.now() + DAY + 1000)).toEqual([late]);
  });
});
