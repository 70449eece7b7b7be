// PNG in and out for the app package, through pngjs: write the icons we draw (8-bit RGBA), and read
// any PNG a council puts in their place (palette, RGB, grey, 16-bit, interlaced) as RGBA pixels to
// check its size and, for the outline icon, its colours.
import { PNG } from 'pngjs';

export interface Rgba {
  width: number;
  height: number;
  /** width * height * 4 bytes, row by row, red-green-blue-alpha. */
  pixels: Uint8Array;
}

export function encodePng({ width, height, pixels }: Rgba): Buffer {
  const png = new PNG({ width, height, colorType: 6, bitDepth: 8 });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9 });
}

/** Any PNG as 8-bit RGBA (an image without alpha reads as opaque); throws when the bytes are not a PNG. */
export function decodePng(png: Uint8Array): Rgba {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (err) {
    throw new Error(`not a readable PNG file (${err instanceof Error ? err.message : String(err)})`);
  }
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}
