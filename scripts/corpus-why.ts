// Why a corpus form fails its sentences check: the source sentences missing from the memo source the
// importer writes, and what the second reading reports lost. `npx tsx scripts/corpus-why.ts <doc> <form> [out.md]`
// (tests/corpus/<doc>/forms/<form>); out.md gets the imported memo source.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { importBytes } from '../src/import/import.ts';
import { memoPlainText, sourceSentences, splitSentences } from '../tests/corpus/sentences.ts';
const [doc, form] = process.argv.slice(2) as [string, string];
const dir = `tests/corpus/${doc}`;
const file = `${dir}/forms/${form}`;
const expected = YAML.parse(readFileSync(`${dir}/expected.yaml`, 'utf8'));
const source = readFileSync(`${dir}/source.md`, 'utf8');
const r = await importBytes(readFileSync(file), { file, allowDrop: true });
const spec = expected.forms[form] ?? {};
const optional = new Set([...expected.may_drop, ...(spec.lacks ?? [])].flatMap((t: string) => splitSentences(t)));
const hay = memoPlainText(r.markdown ?? '');
const missing = sourceSentences(source, { skipTitle: true, skipLines: expected.skip_source_lines }).filter((s) => !optional.has(s) && !hay.includes(s));
console.log(`== ${doc}/${form}: ${missing.length} missing`);
for (const m of missing) console.log('  -', m.slice(0, 160));
for (const d of r.diagnostics.filter((d) => d.code === 'import-lost')) console.log('  LOST', d.message.slice(0, 300));
if (process.argv[4]) { const { writeFileSync } = await import('node:fs'); writeFileSync(process.argv[4], r.markdown ?? ''); }
