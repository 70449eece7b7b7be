// PNGs of the kinds the icon writer never makes (palette with tRNS, RGB without alpha), built by hand
// from the PNG specification's chunks so the reader is tested on files it did not write.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

function png(size: number, colorType: number, bytesPerPixel: number, extra: Buffer[], pixel: (x: number, y: number) => number[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, colorType, 0, 0, 0], 8);
  const raw = Buffer.alloc((size * bytesPerPixel + 1) * size); // filter byte 0 (none) on each row
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * bytesPerPixel + 1) + 1 + x * bytesPerPixel);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), ...extra, chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** An 8-bit palette PNG (colour type 3): `palette` as RGBA (alpha goes in tRNS), `index` per pixel. */
export function palettePng(size: number, palette: number[][], index: (x: number, y: number) => number): Buffer {
  const plte = chunk('PLTE', Buffer.from(palette.flatMap(([r, g, b]) => [r, g, b])));
  const trns = chunk('tRNS', Buffer.from(palette.map((c) => c[3])));
  return png(size, 3, 1, [plte, trns], (x, y) => [index(x, y)]);
}

/** An 8-bit RGB PNG (colour type 2, no alpha) of one colour. */
export function rgbPng(size: number, rgb: number[]): Buffer {
  return png(size, 2, 3, [], () => rgb);
}
