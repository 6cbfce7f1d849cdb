// A picture's bytes, read as a browser would need them: its type (by its bytes, never its name),
// its size in pixels, and whether it is whole. Every reader checks its bounds: a picture is
// untrusted input, and a file cut short is an error at the line that names it, never a trace.

/** A PNG's, GIF's, JPEG's or WebP's size in pixels from its header; undefined for any other (SVG). */
export function pixelSize(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      // JPEG: the first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC) holds the size.
      for (let i = 2; i + 9 < bytes.length; ) {
        if (bytes[i] !== 0xff) return undefined;
        const marker = bytes[i + 1]!;
        if (marker === 0xff) {
          i++;
          continue;
        }
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
        i += marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9) ? 2 : 2 + bytes.readUInt16BE(i + 2);
      }
      return undefined;
    }
    if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
      const chunk = bytes.subarray(12, 16).toString('latin1');
      if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
      if (chunk === 'VP8L') {
        const bits = bytes.readUInt32LE(21);
        return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      }
      if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    }
  } catch {
    // a header cut short: the browser will say what it makes of it
  }
  return undefined;
}

/** How much of a PNG's image data is inflated to judge it: all of it up to this, else its start. */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** A name read from a file, safe to print: anything but printable ASCII as \xNN (no escape sequence reaches a terminal). */
const printable = (text: string) => text.replace(/[^\x20-\x7e]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/**
 * Why a picture's bytes cannot be drawn, or undefined. Its type is read from its bytes; a PNG is
 * read chunk by chunk, every length checked against the file, and its image data inflated: one
 * cut short (a header and no data) or corrupt is caught here, at the line that names it, not as a
 * broken picture in the deck, its PDFs and its PowerPoint file. (Other types: the browser that
 * draws them for the PowerPoint file says when it cannot.)
 */
export function pictureProblem(bytes: Buffer): string | undefined {
  const type = pictureType(bytes);
  if (!type) return 'its bytes are none of PNG, JPEG, GIF, WebP or SVG';
  if (type === 'image/jpeg') return jpegProblem(bytes);
  if (type === 'image/gif') {
    // A GIF ends with its trailer (0x3B); one cut short does not (zero bytes padded after it aside).
    let end = bytes.length - 1;
    while (end > 0 && bytes[end] === 0) end--;
    return bytes.length < 14 || bytes[end] !== 0x3b ? 'the GIF is cut short (it has no trailer)' : undefined;
  }
  if (type === 'image/svg+xml') {
    // An SVG ends with its closing tag (a comment or white space after it aside); one cut short does not.
    const text = bytes.toString('utf8');
    return /<\/svg\s*>(?:\s|<!--[\s\S]*?-->)*$/u.test(text) || /<svg\b[^>]*\/>(?:\s|<!--[\s\S]*?-->)*$/u.test(text) ? undefined : 'the SVG is cut short (it does not end with </svg>)';
  }
  if (type === 'image/webp') return bytes.length < 20 || bytes.readUInt32LE(4) + 8 > bytes.length ? `the WebP is cut short (${bytes.length} of ${bytes.length < 8 ? '?' : bytes.readUInt32LE(4) + 8} bytes)` : undefined;
  if (type !== 'image/png') return undefined;
  let header: { width: number; height: number; depth: number; color: number; interlaced: boolean } | undefined;
  const data: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) return `the PNG is cut short at byte ${bytes.length} (it holds ${header ? (data.length ? 'part of its image data' : 'no image data') : 'no header'})`;
    const length = bytes.readUInt32BE(at);
    const name = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return `the PNG is cut short: its ${printable(name)} chunk runs past the end of the file`;
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (!header && name !== 'IHDR') return 'the PNG has no header (IHDR) where it should start';
    if (name === 'IHDR') {
      if (length !== 13) return 'the PNG header (IHDR) is malformed';
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, color: body[9]!, interlaced: body[12] === 1 };
    } else if (name === 'IDAT') data.push(body);
    else if (name === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!header || header.width === 0 || header.height === 0) return 'the PNG has no size';
  if (!data.length) return 'the PNG holds no image data';
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.color];
  if (!channels) return `the PNG's colour type ${header.color} is not one PNG defines`;
  const rows = header.height * (1 + Math.ceil((header.width * channels * header.depth) / 8));
  try {
    // The image data must inflate whole (no more than the picture needs: no bomb is inflated); a
    // large picture's, as far as the first MAX_INFLATED_BYTES (corrupt data fails at once).
    // node:zlib loaded here, for a PNG whose pixels are read: not by every command.
    const raw = process.getBuiltinModule('node:zlib').inflateSync(Buffer.concat(data), { maxOutputLength: Math.min(rows + 1, MAX_INFLATED_BYTES) });
    if (!header.interlaced && raw.length < rows) return `the PNG's image data is cut short (${raw.length} of ${rows} bytes)`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    return `the PNG's image data cannot be read (${(error as Error).message})`;
  }
  return undefined;
}

/**
 * Why a JPEG cannot be drawn: its segments are read to the start of its image data, each length
 * checked against the file, and the data must reach an end marker (one cut short does not).
 */
function jpegProblem(bytes: Buffer): string | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return `the JPEG is malformed at byte ${at}`;
    const marker = bytes[at + 1]!;
    // Fill bytes, and markers that stand alone (no length).
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return 'the JPEG ends before its image data';
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return 'the JPEG is cut short: a segment runs past the end of the file';
    if (marker === 0xda) {
      // The image data: it must end with an end-of-image marker (FF D9).
      for (let i = bytes.length - 2; i >= at + 2 + length; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return undefined;
      return 'the JPEG is cut short (its image data has no end)';
    }
    at += 2 + length;
  }
  return 'the JPEG is cut short before its image data';
}

/** A picture's type by its bytes, not its name (a logo.png may be anything): undefined if none a browser draws. */
export function pictureType(bytes: Buffer): string | undefined {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (/<svg[\s>]/u.test(bytes.subarray(0, 4096).toString('utf8'))) return 'image/svg+xml';
  return undefined;
}

