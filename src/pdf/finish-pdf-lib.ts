// PDF post-processing with pdf-lib, for a PDF the incremental writer (finish.ts) cannot update:
// one whose cross-references are not a classic table. Loaded only then (0.4 s of modules).
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';

import type { OutlineNode, PdfInfo } from './info.ts';

function addOutline(doc: PDFDocument, nodes: OutlineNode[]): void {
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const build = (items: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const page = pages[Math.min(item.page, pages.length - 1)]!;
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]) as PDFArray);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children.length > 0) {
        const sub = build(item.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      context.assign(refs[i]!, dict);
      count += 1;
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  const top = build(nodes, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Sets metadata and, when given, the outline. Fonts, text and links are left as Chromium wrote them. */
export async function finishWithPdfLib(bytes: Uint8Array, info: PdfInfo, outline?: OutlineNode[]): Promise<Uint8Array> {
  // At full speed: pdf-lib otherwise pauses every 100 objects, and a tagged PDF has thousands.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.authors.length) doc.setAuthor(info.authors.join(', '));
  if (info.subject) doc.setSubject(info.subject);
  doc.setLanguage(info.language);
  doc.setCreator('briefdeck');
  doc.setProducer('briefdeck (Chromium, pdf-lib)');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  if (outline && outline.length > 0) addOutline(doc, outline);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
