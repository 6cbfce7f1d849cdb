// Sets the title, authors and language of a .docx (its docProps/core.xml): how the import
// fixtures get the document properties a Word user fills in. Usage: file title "a, b" lang
import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';

const [file, title, authors, lang] = process.argv.slice(2);
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const zip = await JSZip.loadAsync(readFileSync(file));
let core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
const set = (name, value) => {
  core = core.replace(new RegExp(`<${name}[^>]*?(/>|>[^<]*</${name}>)`), '');
  core = core.replace('</cp:coreProperties>', `<${name}>${escape(value)}</${name}></cp:coreProperties>`);
};
set('dc:title', title);
set('dc:creator', authors.split(/\s*,\s*/).join('; '));
set('dc:language', lang);
zip.file('docProps/core.xml', core);
writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
