// Draws color.png (192×192) and outline.png (32×32) from signed distance fields: `npx tsx appPackage/drawIcons.ts`.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];
type Shade = (x: number, y: number) => Rgba;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const mix = (a: number, b: number, t: number): number => a + (b - a) * t;
const smoothstep = (e0: number, e1: number, v: number): number => {
  const t = clamp01((v - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};

const circle = (x: number, y: number, cx: number, cy: number, r: number): number =>
  Math.hypot(x - cx, y - cy) - r;

function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function capsule(x: number, y: number, ax: number, ay: number, bx: number, by: number, r: number): number {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const h = clamp01((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * h, py - dy * h) - r;
}

// Smooth union keeps the cloud's puffs from meeting at sharp creases.
function smoothUnion(a: number, b: number, k: number): number {
  const h = clamp01(0.5 + (0.5 * (b - a)) / k);
  return mix(b, a, h) - k * h * (1 - h);
}

// Both glyphs live in one unit space: the cloud spans x -1…1, y -0.66…0.5 (y grows downwards).
function cloud(x: number, y: number): number {
  const base = roundedBox(x, y, 0, 0.22, 0.92, 0.28, 0.28);
  const left = circle(x, y, -0.46, 0.06, 0.34);
  const top = circle(x, y, 0.06, -0.2, 0.46);
  const right = circle(x, y, 0.54, 0.1, 0.3);
  return smoothUnion(smoothUnion(smoothUnion(base, left, 0.1), top, 0.1), right, 0.1);
}

interface LinkShape {
  cx: number;
  cy: number;
  loopCenter: number;
  loopRadius: number;
  reach: number;
  bar: number;
  stroke: number;
}

// Two open loops joined by a bar: the usual "link" mark.
function link(x: number, y: number, s: LinkShape): number {
  const [u, v] = [x - s.cx, y - s.cy];
  const au = Math.abs(u);
  const { loopCenter: c, loopRadius: r, reach, stroke: w } = s;
  const arc = au >= c ? Math.abs(Math.hypot(au - c, v) - r) - w : Infinity;
  const rails = Math.min(capsule(au, v, c, r, reach, r, w), capsule(au, v, c, -r, reach, -r, w));
  return Math.min(arc, rails, capsule(u, v, -s.bar, 0, s.bar, 0, w));
}

function over(dst: Rgba, src: Rgba): Rgba {
  const a = src[3] + dst[3] * (1 - src[3]);
  if (a === 0) return [0, 0, 0, 0];
  const ch = (i: number): number => (src[i] * src[3] + dst[i] * dst[3] * (1 - src[3])) / a;
  return [ch(0), ch(1), ch(2), a];
}

function render(size: number, supersample: number, shade: Shade): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < supersample; sy++) {
        for (let sx = 0; sx < supersample; sx++) {
          const [r, g, b, a] = shade(px + (sx + 0.5) / supersample, py + (sy + 0.5) / supersample);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3] / supersample ** 2;
      // Fully transparent pixels are stored white, so checkers that ignore alpha still find only white.
      for (let c = 0; c < 3; c++) png.data[i + c] = alpha ? Math.round((sum[c] / sum[3]) * 255) : 255;
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const hex = (h: string): Rgba =>
  [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).concat(1) as Rgba;
const blend = (a: Rgba, b: Rgba, t: number): Rgba => a.map((v, i) => mix(v, b[i], t)) as Rgba;

const DEEP_BLUE = hex('#0b2f7a');
const BLUE = hex('#1456b8');
const TEAL = hex('#0aa3a6');

// One link mark for both icons; at the outline's scale of 16 its strokes land on whole pixels and stay crisp.
const LINK: LinkShape = {
  cx: 0,
  cy: 0.1,
  loopCenter: 0.34375,
  loopRadius: 0.1875,
  reach: 0.15625,
  bar: 0.1875,
  stroke: 0.0625,
};

// Full-bleed square: Teams masks the corners itself, so a pre-rounded tile would get a second, smaller mask.
function colorShade(x: number, y: number): Rgba {
  const t = clamp01((x + y) / 384);
  let px = t < 0.5 ? blend(DEEP_BLUE, BLUE, t * 2) : blend(BLUE, TEAL, t * 2 - 1);
  const [ux, uy] = [(x - 96) / 62, (y - 104) / 62];
  const shadow = 0.28 * (1 - smoothstep(-0.05, 0.22, cloud(ux, uy - 0.1)));
  px = over(px, [0.02, 0.08, 0.25, shadow]);
  if (cloud(ux, uy) < 0 && link(ux, uy, LINK) >= 0) {
    px = blend(hex('#ffffff'), hex('#dcecf7'), smoothstep(-0.4, 0.5, uy));
  }
  return px;
}

// White on transparent only: Teams tints the outline icon itself.
function outlineShade(x: number, y: number): Rgba {
  const [ux, uy] = [(x - 16) / 16, (y - 17.4) / 16];
  return [1, 1, 1, cloud(ux, uy) < 0 && link(ux, uy, LINK) >= 0 ? 1 : 0];
}

export function drawColorIcon(): Buffer {
  return render(192, 8, colorShade);
}

export function drawOutlineIcon(): Buffer {
  return render(32, 16, outlineShade);
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, 'color.png'), drawColorIcon());
  writeFileSync(join(here, 'outline.png'), drawOutlineIcon());
  console.log(`Wrote ${join(here, 'color.png')} and ${join(here, 'outline.png')}`);
}
