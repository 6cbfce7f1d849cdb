// The order test files start in: the longest first, so that no long file starts last while the
// other workers sit idle (the run's end waits for it). Vitest orders by the durations of the last
// run on this machine; a clean clone has none, and took files in no useful order (signals.test.ts,
// 136 s, started at 131 s; corpus-decks.test.ts, 58 s, at 408 s of 466), and a last run of a few
// tests (-t) makes a long file look short (signals.test.ts then started at 342 s of 398). The
// durations below stand in: seconds per file, every cache cold, 3 workers, Chromium's headless
// shell (the clean-clone CI of 2026-12-05, 340 s); a file's last duration counts when it is longer.
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const CLEAN_CLONE_SECONDS: Record<string, number> = {
  'signals.test.ts': 83, 'layout.test.ts': 52, 'install.test.ts': 51, 'assets.test.ts': 35, 'pptx-template.test.ts': 32, 'bundle-cache.test.ts': 30,
  'pptx.test.ts': 30, 'cli.test.ts': 25, 'corpus-decks.test.ts': 25, 'hardening.test.ts': 25, 'import-pdf-spaces.test.ts': 25, 'corpus.test.ts': 24,
  'confinement.test.ts': 23, 'studio.test.ts': 22, 'diagrams.test.ts': 21, 'studio-outputs.test.ts': 20, 'studio-preview.test.ts': 19,
  'brand.test.ts': 18, 'cleanup.test.ts': 18, 'cli-edges.test.ts': 17, 'pdf.test.ts': 17, 'deep-input.test.ts': 15, 'picture-cache.test.ts': 15,
  'studio-outputs-page.test.ts': 15,
};

/** A file with no duration known (new, or quick): a few seconds. */
const UNKNOWN_SECONDS = 5;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) => {
      const last = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path.relative(this.ctx.config.root, spec.moduleId)}`);
      if (last?.failed) return Infinity;
      // The longer of the two: a last run of a few of its tests (-t) would make a long file look short.
      return Math.max(CLEAN_CLONE_SECONDS[path.basename(spec.moduleId)] ?? 0, (last?.duration ?? 0) / 1000) || UNKNOWN_SECONDS;
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
