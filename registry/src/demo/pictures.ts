// Demo pictures made on the spot, no downloads: a coloured gradient with a shape and the asset's
// number drawn in seven-segment digits (paths, so no font is needed), as one SVG that sharp renders.
import sharp from 'sharp';

export const PICTURE_WIDTH = 640;
export const PICTURE_HEIGHT = 427;

/** Which segments (a–g) light up for each digit. */
const SEGMENTS: Readonly<Record<string, string>> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
};

export interface PictureSpec {
  number: number;
  /** 0–359. */
  hue: number;
  shape: 'circle' | 'square' | 'triangle' | 'ring';
}

export async function renderPicture(spec: PictureSpec): Promise<Uint8Array> {
  const svg = pictureSvg(spec);
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
  return new Uint8Array(jpeg);
}

export function pictureSvg({ number, hue, shape }: PictureSpec): string {
  const w = PICTURE_WIDTH;
  const h = PICTURE_HEIGHT;
  const from = `hsl(${hue},70%,62%)`;
  const to = `hsl(${(hue + 60) % 360},65%,32%)`;
  const accent = `hsl(${(hue + 180) % 360},80%,85%)`;
  return [
    // Drawn on a 960 × 640 canvas, rendered at the picture's size.
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 960 640">`,
    '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">',
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>`,
    '</linearGradient></defs>',
    '<rect width="960" height="640" fill="url(#g)"/>',
    shapeSvg(shape, accent),
    digitsSvg(String(number).padStart(3, '0'), 560, 380, 90, 'white'),
    '</svg>',
  ].join('');
}

function shapeSvg(shape: PictureSpec['shape'], colour: string): string {
  const style = `fill="${colour}" fill-opacity="0.75"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="260" cy="300" r="170" ${style}/>`;
    case 'square':
      return `<rect x="110" y="150" width="300" height="300" rx="24" ${style}/>`;
    case 'triangle':
      return `<polygon points="260,110 450,470 70,470" ${style}/>`;
    case 'ring':
      return `<circle cx="260" cy="300" r="150" fill="none" stroke="${colour}" stroke-opacity="0.8" stroke-width="60"/>`;
  }
}

/** Digits `size` wide, starting at (x, y) as their top-left corner. */
function digitsSvg(text: string, x: number, y: number, size: number, colour: string): string {
  const t = size * 0.18;
  const height = size * 2;
  const parts: string[] = [];
  [...text].forEach((digit, index) => {
    const left = x + index * size * 1.35;
    const bars: Record<string, [number, number, number, number]> = {
      a: [left, y, size, t],
      b: [left + size - t, y, t, height / 2],
      c: [left + size - t, y + height / 2, t, height / 2],
      d: [left, y + height - t, size, t],
      e: [left, y + height / 2, t, height / 2],
      f: [left, y, t, height / 2],
      g: [left, y + height / 2 - t / 2, size, t],
    };
    for (const segment of SEGMENTS[digit] ?? '') {
      const bar = bars[segment];
      if (bar === undefined) continue;
      const [bx, by, bw, bh] = bar.map((value) => Math.round(value));
      parts.push(
        `<rect x="${bx}" y="${by}" width="${bw}" height="${bh}" rx="3" fill="${colour}"/>`,
      );
    }
  });
  return parts.join('');
}
