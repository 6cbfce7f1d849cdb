// Makes tests/fixtures/templates/pptxgenjs-master.pptx: a template an organisation might script
// with pptxgenjs (defineSlideMaster): four layouts with placeholders, a coloured band, a footer
// line and a slide number, and one slide on each layout (the template reader takes them out).
// Usage: npx tsx scripts/make-template-pptxgenjs.ts [out.pptx]
import path from 'node:path';
import PptxGenJS from 'pptxgenjs';
import { PACKAGE_ROOT } from '../src/core/paths.ts';

const out = process.argv[2] ?? path.join(PACKAGE_ROOT, 'tests/fixtures/templates/pptxgenjs-master.pptx');
const pptx = new PptxGenJS();
pptx.layout = 'LAYOUT_16x9';
pptx.author = 'briefdeck tests';
pptx.title = 'pptxgenjs master';
pptx.theme = { headFontFace: 'Georgia', bodyFontFace: 'Verdana' };

const band = { rect: { x: 0, y: 5.2, w: 10, h: 0.425, fill: { color: '2E5E4E' } } };
const footer = { text: { text: 'Green Policy Office', options: { x: 0.4, y: 5.25, w: 6, h: 0.32, fontSize: 11, color: 'FFFFFF' } } };
const slideNumber = { x: 9.0, y: 5.25, w: 0.6, h: 0.32, fontSize: 11, color: 'FFFFFF' };

pptx.defineSlideMaster({
  title: 'Cover',
  background: { color: '2E5E4E' },
  objects: [
    { placeholder: { options: { name: 'title', type: 'title', x: 0.6, y: 1.4, w: 8.8, h: 1.4, fontSize: 40, color: 'FFFFFF' }, text: 'Title' } },
    { placeholder: { options: { name: 'subtitle', type: 'body', x: 0.6, y: 3.0, w: 8.8, h: 1.0, fontSize: 20, color: 'DDEEDD' }, text: 'Subtitle' } },
  ],
});
pptx.defineSlideMaster({
  title: 'Content',
  background: { color: 'FFFFFF' },
  objects: [band, footer, { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 28, color: '2E5E4E' }, text: 'Title' } }, { placeholder: { options: { name: 'body', type: 'body', x: 0.5, y: 1.25, w: 9, h: 3.8, fontSize: 18 }, text: 'Text' } }],
  slideNumber,
});
pptx.defineSlideMaster({
  title: 'Two Columns',
  background: { color: 'FFFFFF' },
  objects: [
    band,
    footer,
    { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 28, color: '2E5E4E' }, text: 'Title' } },
    { placeholder: { options: { name: 'left', type: 'body', x: 0.5, y: 1.25, w: 4.4, h: 3.8, fontSize: 18 }, text: 'Left' } },
    { placeholder: { options: { name: 'right', type: 'body', x: 5.1, y: 1.25, w: 4.4, h: 3.8, fontSize: 18 }, text: 'Right' } },
  ],
  slideNumber,
});
pptx.defineSlideMaster({
  title: 'Heading Only',
  background: { color: 'FFFFFF' },
  objects: [band, footer, { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 28, color: '2E5E4E' }, text: 'Title' } }],
  slideNumber,
});

for (const master of ['Cover', 'Content', 'Two Columns', 'Heading Only']) {
  const slide = pptx.addSlide({ masterName: master });
  slide.addText(`A ${master} slide`, { placeholder: 'title' });
  slide.addNotes(`Notes of the ${master} slide`);
}
await pptx.writeFile({ fileName: out, compression: true });
console.log(out);
