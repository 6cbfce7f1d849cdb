// The PowerPoint package written as a ZIP archive by Node's zlib (src/pptx/zip.ts): every part
// back byte for byte, as a ZIP reader other than JSZip reads it (Info-ZIP's unzip), pictures
// stored, names in UTF-8, no folder entries.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipBytes } from '../src/pptx/zip.ts';
import { tempDir } from './helpers.ts';

describe('the package as a ZIP file', () => {
  it('holds every part unchanged, in order, readable by unzip; pictures stored, text deflated', async () => {
    const zip = new JSZip();
    const xml = `<?xml version="1.0"?><p:sld>${'<a:t>テクノ・ナショナリズム</a:t>'.repeat(400)}</p:sld>`;
    const picture = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('ppt/slides/slide1.xml', xml);
    zip.file('ppt/media/image1.png', picture, { compression: 'STORE' });
    zip.file('ppt/empty.xml', '');
    zip.file('customXml/メモ.xml', '<memo/>');
    const bytes = await zipBytes(zip);

    const back = await JSZip.loadAsync(bytes);
    expect(Object.keys(back.files)).toEqual(['[Content_Types].xml', 'ppt/slides/slide1.xml', 'ppt/media/image1.png', 'ppt/empty.xml', 'customXml/メモ.xml']);
    expect(await back.file('ppt/slides/slide1.xml')!.async('string')).toBe(xml);
    expect(Buffer.from(await back.file('ppt/media/image1.png')!.async('uint8array'))).toEqual(picture);
    expect(await back.file('ppt/empty.xml')!.async('string')).toBe('');
    expect(await back.file('customXml/メモ.xml')!.async('string')).toBe('<memo/>');

    const file = path.join(tempDir(), 'deck.pptx');
    writeFileSync(file, bytes);
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    // zipinfo's lines: permissions, version, system, size, type, method, date, time, name.
    const method = new Map(execFileSync('unzip', ['-Z', file], { encoding: 'utf8' }).split('\n').map((line) => line.split(/\s+/)).filter((f) => f.length >= 9).map((f) => [f.slice(8).join(' '), f[5]]));
    expect(method.get('ppt/slides/slide1.xml')).toBe('defN');
    expect(method.get('ppt/media/image1.png')).toBe('stor');
    // The slide's repeated text compresses: deflated, it is a small part of its size.
    expect(bytes.length).toBeLessThan(Buffer.byteLength(xml) / 10 + picture.length + 1000);
  });
});
