// Draws the add-in's icons (a picture frame with a check mark) into assets/. Run: pnpm icons.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.js';

type Rgb = readonly [number, number, number];
const ACCENT: Rgb = [0x1f, 0x6f, 0x6a];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Coverage of a point in the unit square by each part of the drawing. */
function roundedSquare(x: number, y: number): boolean {
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
}

function frame(x: number, y: number): boolean {
  const inOuter = x >= 0.18 && x <= 0.82 && y >= 0.24 && y <= 0.76;
  const inInner = x >= 0.26 && x <= 0.74 && y >= 0.32 && y <= 0.68;
  return inOuter && !inInner;
}

function distanceToSegment(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const [abx, aby] = [(bx ?? 0) - (ax ?? 0), (by ?? 0) - (ay ?? 0)];
  const t = Math.max(
    0,
    Math.min(1, ((x - (ax ?? 0)) * abx + (y - (ay ?? 0)) * aby) / (abx * abx + aby * aby)),
  );
  return Math.hypot(x - ((ax ?? 0) + t * abx), y - ((ay ?? 0) + t * aby));
}

function check(x: number, y: number): boolean {
  const width = 0.045;
  return (
    distanceToSegment(x, y, [0.36, 0.5], [0.46, 0.6]) <= width ||
    distanceToSegment(x, y, [0.46, 0.6], [0.65, 0.4]) <= width
  );
}

type Style = 'color' | 'outline';

function draw(size: number, style: Style): Buffer {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (style === 'color' && roundedSquare(x, y)) bg += 1;
          if (frame(x, y) || check(x, y)) fg += 1;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      if (style === 'outline') {
        // Teams-style outline icon: white on transparent.
        rgba.set([...WHITE, Math.round((255 * fg) / n)], i);
      } else {
        const alpha = bg / n;
        const mix = bg === 0 ? 0 : Math.min(fg, bg) / bg;
        const colour = ACCENT.map((c, k) => Math.round(c * (1 - mix) + (WHITE[k] ?? 0) * mix));
        rgba.set([...colour, Math.round(255 * alpha)], i);
      }
    }
  }
  return encodePng(size, size, rgba);
}

/** File name → size and style; the manifests name these files. */
export const ICONS: Record<string, { size: number; style: Style }> = {
  'icon-16.png': { size: 16, style: 'color' },
  'icon-32.png': { size: 32, style: 'color' },
  'icon-64.png': { size: 64, style: 'color' },
  'icon-80.png': { size: 80, style: 'color' },
  'color-192.png': { size: 192, style: 'color' },
  'outline-32.png': { size: 32, style: 'outline' },
};

export function writeIcons(folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (const [name, { size, style }] of Object.entries(ICONS)) {
    writeFileSync(join(folder, name), draw(size, style));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeIcons(join(dirname(fileURLToPath(import.meta.url)), '..', 'assets'));
}
