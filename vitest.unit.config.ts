// The fast lane (`npm run test:unit`): the tests that start no browser, no LibreOffice and no CLI
// process — parsing, planning, the model, the readers' text logic, the architecture — for a
// developer's loop in seconds. `npm test` runs these and everything else.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export const UNIT_TESTS = [
  'tests/architecture.test.ts',
  'tests/cache-expiry.test.ts',
  'tests/count.test.ts',
  'tests/import-dom.test.ts',
  'tests/import-pasted.test.ts',
  'tests/import-pdf-engine.test.ts',
  'tests/import-pdf-marks.test.ts',
  'tests/import-pdf-tables.test.ts',
  'tests/import-transcript.test.ts',
  'tests/import-web.test.ts',
  'tests/import-witness.test.ts',
  'tests/import.test.ts',
  'tests/parse.test.ts',
  'tests/plan.test.ts',
  'tests/pptx-zip.test.ts',
  'tests/readers.test.ts',
  'tests/studio-unit.test.ts',
  'tests/text.test.ts',
  'tests/writers.test.ts',
];

// Not mergeConfig: it concatenates `include` arrays, which would run every test file.
export default defineConfig({ test: { ...base.test, include: UNIT_TESTS } });
