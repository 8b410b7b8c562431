/**
 * Product photos for the seed: a product silhouette in its colour on a white,
 * tinted or gradient background with a soft shadow, rendered by sharp from a
 * small SVG. Each distinct picture is rendered once per process and shared.
 */
import sharp from 'sharp';
import type { Shape } from './words';

export interface ImageSpec {
  shape: Shape;
  colour: string;
  background: 'white' | 'tint' | 'gradient';
  width: number;
  height: number;
  format: 'jpeg' | 'png';
}

export interface RenderedImage {
  bytes: Buffer;
  mimeType: string;
  extension: string;
}

/** Each silhouette in a 100×100 box: filled parts in the product colour, stroked parts (handles). */
const SHAPES: Record<Shape, { fill: string; stroke?: string; accent?: string }> = {
  shirt: { fill: 'M30 22 L42 16 Q50 23 58 16 L70 22 L84 36 L74 44 L68 39 L68 84 L32 84 L32 39 L26 44 L16 36 Z' },
  mug: {
    fill: 'M26 32 h40 v38 a12 12 0 0 1 -12 12 h-16 a12 12 0 0 1 -12 -12 Z',
    stroke: 'M66 42 h6 a9 9 0 0 1 0 18 h-6',
  },
  bag: { fill: 'M22 40 h56 l-5 44 h-46 Z', stroke: 'M38 40 v-8 a12 12 0 0 1 24 0 v8' },
  lamp: { fill: 'M34 18 h32 l12 28 h-56 Z M48 46 h4 v30 h-4 Z M34 76 h32 v7 h-32 Z' },
  candle: { fill: 'M31 38 h38 v42 a4 4 0 0 1 -4 4 h-30 a4 4 0 0 1 -4 -4 Z', accent: 'M50 22 q7 8 0 13 q-7 -5 0 -13 Z' },
  notebook: { fill: 'M29 16 h42 a4 4 0 0 1 4 4 v62 a4 4 0 0 1 -4 4 h-42 Z', accent: 'M63 16 h3 v70 h-3 Z' },
  bottle: { fill: 'M44 12 h12 v9 q11 6 11 17 v42 a6 6 0 0 1 -6 6 h-22 a6 6 0 0 1 -6 -6 v-42 q0 -11 11 -17 Z' },
};

/** The colour mixed toward white: amount 0 is the colour, 1 is white. */
function lighten(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return `#${channels
    .map((value) =>
      Math.round(value + (255 - value) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function backgroundFill(spec: ImageSpec): string {
  if (spec.background === 'white') return '#ffffff';
  if (spec.background === 'tint') return lighten(spec.colour, 0.85);
  return 'url(#bg)';
}

export function productSvg(spec: ImageSpec): string {
  const boxHeight = (100 * spec.height) / spec.width;
  const shape = SHAPES[spec.shape];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}" viewBox="0 0 100 ${boxHeight}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${lighten(spec.colour, 0.92)}"/><stop offset="1" stop-color="${lighten(spec.colour, 0.6)}"/></linearGradient>
<radialGradient id="shadow"><stop offset="0" stop-color="#000" stop-opacity="0.32"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
</defs>
<rect width="100" height="${boxHeight}" fill="${backgroundFill(spec)}"/>
<g transform="translate(0 ${(boxHeight - 100) / 2})">
<ellipse cx="50" cy="87" rx="34" ry="5" fill="url(#shadow)"/>
<path d="${shape.fill}" fill="${spec.colour}"/>
${shape.stroke ? `<path d="${shape.stroke}" fill="none" stroke="${spec.colour}" stroke-width="5" stroke-linecap="round"/>` : ''}
${shape.accent ? `<path d="${shape.accent}" fill="${spec.shape === 'candle' ? '#f2a33a' : lighten(spec.colour, 0.5)}"/>` : ''}
</g>
</svg>`;
}

const rendered = new Map<string, Promise<RenderedImage>>();

async function render(spec: ImageSpec): Promise<RenderedImage> {
  const image = sharp(Buffer.from(productSvg(spec)));
  if (spec.format === 'png') {
    return { bytes: await image.png({ compressionLevel: 6 }).toBuffer(), mimeType: 'image/png', extension: 'png' };
  }
  return { bytes: await image.jpeg({ quality: 82 }).toBuffer(), mimeType: 'image/jpeg', extension: 'jpg' };
}

/** The picture for a spec: rendered on first use, then the same bytes every time. */
export function productImage(spec: ImageSpec): Promise<RenderedImage> {
  const key = `${spec.shape}|${spec.colour}|${spec.background}|${spec.width}x${spec.height}|${spec.format}`;
  let image = rendered.get(key);
  if (!image) {
    image = render(spec);
    rendered.set(key, image);
  }
  return image;
}
