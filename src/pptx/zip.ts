// The PowerPoint package as a file: a ZIP archive of its parts, compressed by Node's own zlib.
// JSZip builds the package in memory (parts added, read, replaced); its own writer compresses
// with pako, JavaScript that readies a new compressor for each of a deck's hundred-odd parts — a
// third of `briefdeck pptx` went there. This writes the same archive: the parts in JSZip's order,
// each deflated (pictures, compressed already, stored), names in UTF-8, no folder entries (as
// PowerPoint writes a package).
import { crc32, deflateRawSync } from 'node:zlib';
import type JSZip from 'jszip';

const STORE = 0;
const DEFLATE = 8;
/** General purpose flag: the name is UTF-8. */
const UTF8 = 0x0800;

/** A date as MS-DOS keeps it in a ZIP entry: local time, two-second steps, from 1980. */
function dosTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, date.getFullYear()));
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * The package's parts as the bytes of a .pptx file. `stored`: no part compressed — for a package
 * read back at once in this process (briefdeck's own template), which then needs no inflating.
 */
export async function zipBytes(zip: JSZip, { stored = false } = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const data = await file.async('uint8array');
    const name = Buffer.from(file.name, 'utf8');
    const method = stored || file.options.compression === 'STORE' ? STORE : DEFLATE;
    const body = method === STORE ? data : deflateRawSync(data);
    const crc = crc32(data);
    const { time, date } = dosTime(file.date);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method === STORE ? 10 : 20, 4); // version needed to extract
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    local.copy(entry, 6, 4, 28); // version needed … name length: as in the local header
    entry.writeUInt16LE(0, 30); // extra field length
    entry.writeUInt16LE(0, 32); // comment length
    entry.writeUInt16LE(0, 34); // disk number
    entry.writeUInt16LE(0, 36); // internal attributes
    entry.writeUInt32LE(0, 38); // external attributes
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(entry, name);
    offset += local.length + name.length + body.length;
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}
