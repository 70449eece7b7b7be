// Draws the Teams app icons in code (no borrowed artwork): a house outline with a heart inside,
// the accent colour behind it for color.png (192x192) and white on transparent for outline.png
// (32x32), as Teams asks. Run with `npm run icons`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type Rgba } from './png';

export const ACCENT = '#1F6E5C';
const HEART = '#F4A261';
const WHITE = '#FFFFFF';

type Point = [number, number];

// The motif in a unit square (y grows downwards): the house's outline and the heart's centre and size.
const HOUSE: Point[] = [
  [0.5, 0.13],
  [0.87, 0.45],
  [0.87, 0.87],
  [0.13, 0.87],
  [0.13, 0.45],
];
const STROKE = 0.075;
const HEART_CENTRE: Point = [0.5, 0.625];
const HEART_SIZE = 0.14;

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const [ex, ey] = [px - ax - t * dx, py - ay - t * dy];
  return Math.sqrt(ex * ex + ey * ey);
}

function onHouseOutline(p: Point): boolean {
  return HOUSE.some((a, i) => distanceToSegment(p, a, HOUSE[(i + 1) % HOUSE.length]) <= STROKE / 2);
}

/** The classic heart curve (x² + y² − 1)³ − x²y³ ≤ 0, scaled and turned the right way up. */
function inHeart([px, py]: Point): boolean {
  const x = (px - HEART_CENTRE[0]) / HEART_SIZE;
  const y = -(py - HEART_CENTRE[1]) / HEART_SIZE;
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

interface Layer {
  colour: string;
  covers(p: Point): boolean;
}

/**
 * Paints layers over a background (null = transparent) with 4x4 supersampling, so edges are
 * smooth; the motif's unit square is drawn into a `box`-pixel square centred in the image.
 */
function paint(size: number, box: number, background: string | null, layers: Layer[]): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const offset = (size - box) / 2;
  const samples = 4;
  // Topmost layer first; colours parsed once (this loop runs a few hundred thousand times).
  const topFirst = [...layers].reverse().map((l) => ({ covers: l.covers, rgb: rgb(l.colour) }));
  const behind = background ? rgb(background) : null;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const p: Point = [(x + (sx + 0.5) / samples - offset) / box, (y + (sy + 0.5) / samples - offset) / box];
          const colour = topFirst.find((l) => l.covers(p))?.rgb ?? behind;
          if (!colour) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          covered++;
        }
      }
      // Colour is the average of the covered samples; alpha is how many samples were covered.
      if (covered > 0) pixels.set([sum[0]! / covered, sum[1]! / covered, sum[2]! / covered, (255 * covered) / (samples * samples)].map(Math.round), (y * size + x) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

export function drawColorIcon(): Rgba {
  return paint(192, 120, ACCENT, [
    { colour: WHITE, covers: onHouseOutline },
    { colour: HEART, covers: inHeart },
  ]);
}

export function drawOutlineIcon(): Rgba {
  return paint(32, 32, null, [
    { colour: WHITE, covers: onHouseOutline },
    { colour: WHITE, covers: inHeart },
  ]);
}

export function writeIcons(dir: string): string[] {
  const files = [path.join(dir, 'color.png'), path.join(dir, 'outline.png')];
  writeFileSync(files[0], encodePng(drawColorIcon()));
  writeFileSync(files[1], encodePng(drawOutlineIcon()));
  return files;
}

if (require.main === module) {
  for (const file of writeIcons(path.resolve(__dirname, '../appPackage'))) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
