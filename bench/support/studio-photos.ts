/**
 * Synthetic product photos with known masks, for the Studio quality bench:
 * textured objects (bottles, shoes, boxes, stars, rings…) with lighting,
 * stripes, grain, speckles and labels, composited with anti-aliased edges on
 * white, coloured and gradient backgrounds, half of them over a soft contact
 * and drop shadow, with sensor noise. The truth mask marks the pixels the
 * object covers at least half of. Deterministic for a seed.
 *
 * And grey-card scenes under a colour cast with squashed levels, for the
 * colour correction figure.
 */
import { blurPlane } from '../../app/modules/studio/image/mask.server';
import { type Mask, type RawImage } from '../../app/modules/studio/image/raw';
import { linearToByte, rgbToLab, SRGB_TO_LINEAR, type Lab } from '../../app/modules/studio/image/colour-space';

export type BackgroundKind = 'white' | 'solid' | 'gradient';

export interface StudioPhoto {
  name: string;
  background: BackgroundKind;
  shadow: boolean;
  image: RawImage;
  /** 255 where the object covers at least half the pixel. */
  truth: Mask;
}

type Rgb = [number, number, number];

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** Shapes in object coordinates (-1..1 on both axes, y down). */
const SHAPES: Record<string, (x: number, y: number) => boolean> = {
  ellipse: (x, y) => x * x + y * y <= 1,
  box: (x, y) => x ** 4 + y ** 4 <= 1,
  bottle: (x, y) => (Math.abs(x) <= 0.62 && y >= -0.2 && y <= 1) || (Math.abs(x) <= 0.22 && y >= -1 && y < -0.2),
  star: (x, y) => Math.hypot(x, y) <= 0.72 + 0.28 * Math.cos(5 * Math.atan2(y, x)),
  shoe: (x, y) =>
    ((x - 0.05) / 0.95) ** 2 + ((y - 0.45) / 0.5) ** 2 <= 1 || ((x + 0.5) / 0.45) ** 2 + ((y + 0.2) / 0.75) ** 2 <= 1,
  mug: (x, y) => (Math.abs(x + 0.2) <= 0.6 && Math.abs(y) <= 0.9) || Math.abs(Math.hypot(x - 0.55, y) - 0.38) <= 0.1,
  ring: (x, y) => {
    const r = Math.hypot(x, y);
    return r <= 1 && r >= 0.55;
  },
};

const PRODUCT_COLOURS: Rgb[] = [
  [190, 30, 40],
  [30, 40, 95],
  [40, 120, 60],
  [230, 185, 40],
  [120, 70, 40],
  [28, 28, 30],
  [20, 130, 140],
  [235, 110, 30],
  [110, 50, 140],
  [225, 120, 160],
  [200, 160, 110],
  [240, 240, 236],
  [70, 90, 110],
];

const SOLID_BACKGROUNDS: Rgb[] = [
  [222, 236, 248],
  [236, 224, 210],
  [200, 222, 200],
  [246, 214, 224],
  [128, 128, 134],
  [38, 48, 70],
  [250, 236, 180],
  [62, 62, 62],
];

const GRADIENTS: [Rgb, Rgb, 'linear' | 'radial'][] = [
  [[252, 252, 252], [205, 205, 210], 'linear'],
  [[215, 232, 250], [250, 250, 252], 'linear'],
  [[200, 200, 200], [120, 120, 126], 'linear'],
  [[246, 240, 232], [190, 176, 160], 'radial'],
  [[240, 220, 230], [210, 225, 245], 'linear'],
  [[60, 66, 80], [20, 22, 28], 'radial'],
  [[238, 238, 238], [176, 176, 176], 'radial'],
  [[250, 246, 220], [226, 210, 170], 'linear'],
];

function lab([r, g, b]: Rgb): Lab {
  const out: Lab = [0, 0, 0];
  rgbToLab(Math.round(r), Math.round(g), Math.round(b), out);
  return out;
}

function distance(x: Rgb, y: Rgb): number {
  const [a, b] = [lab(x), lab(y)];
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Smooth value noise on a lattice of `cell` pixels, 0..1. */
function valueNoise(seed: number, cell: number): (x: number, y: number) => number {
  const hash = (i: number, j: number) => {
    let h = Math.imul(i, 374761393) ^ Math.imul(j, 668265263) ^ seed;
    h = Math.imul(h ^ (h >>> 13), 1274126177);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  };
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    const u = (fx - i) * (fx - i) * (3 - 2 * (fx - i));
    const v = (fy - j) * (fy - j) * (3 - 2 * (fy - j));
    const top = hash(i, j) * (1 - u) + hash(i + 1, j) * u;
    const bottom = hash(i, j + 1) * (1 - u) + hash(i + 1, j + 1) * u;
    return top * (1 - v) + bottom * v;
  };
}

type Background = (x: number, y: number) => Rgb;

function makeBackground(
  kind: BackgroundKind,
  rand: () => number,
  size: number,
): { colourAt: Background; name: string } {
  if (kind === 'white') {
    const tint = (rand() - 0.5) * 4;
    const base: Rgb = [252 + tint, 252, 252 - tint];
    return { colourAt: () => base, name: 'white' };
  }
  if (kind === 'solid') {
    const base = pick(rand, SOLID_BACKGROUNDS);
    return { colourAt: () => base, name: `solid rgb(${base.join(',')})` };
  }
  const [from, to, shape] = pick(rand, GRADIENTS);
  const angle = shape === 'linear' ? Math.PI / 2 + (rand() - 0.5) * 1.2 : 0;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const mix = (t: number): Rgb => [0, 1, 2].map((c) => from[c]! + (to[c]! - from[c]!) * t) as Rgb;
  const colourAt: Background =
    shape === 'linear'
      ? (x, y) => {
          const t = ((x / size - 0.5) * dx + (y / size - 0.5) * dy) / (Math.abs(dx) / 2 + Math.abs(dy) / 2) / 2 + 0.5;
          return mix(Math.min(1, Math.max(0, t)));
        }
      : (x, y) => mix(Math.min(1, Math.hypot(x / size - 0.5, y / size - 0.42) / 0.75));
  return { colourAt, name: `${shape} gradient rgb(${from.join(',')})→rgb(${to.join(',')})` };
}

interface Subject {
  shape: string;
  inside: (x: number, y: number) => boolean;
  /** Box in pixels. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  colourAt: (x: number, y: number) => Rgb;
}

function makeSubject(rand: () => number, size: number, background: Background, seed: number): Subject {
  const shape = pick(rand, Object.keys(SHAPES));
  const test = SHAPES[shape]!;
  const half = size * (0.22 + rand() * 0.1);
  const sx = half * (0.75 + rand() * 0.25);
  const sy = half;
  const cx = size / 2 + (rand() - 0.5) * size * 0.14;
  const cy = size / 2 + (rand() - 0.5) * size * 0.1;
  const bgHere = background(cx, cy);
  const contrasting = PRODUCT_COLOURS.filter((c) => distance(c, bgHere) >= 30);
  const base = pick(rand, contrasting.length > 0 ? contrasting : PRODUCT_COLOURS);
  const second = pick(
    rand,
    PRODUCT_COLOURS.filter((c) => distance(c, base) >= 25),
  );
  const pattern = pick(rand, ['stripes', 'grain', 'speckle', 'label', 'plain'] as const);
  const noise = valueNoise(seed, Math.max(2, size / 60));
  const fine = valueNoise(seed ^ 0x5bd1e995, 2.5);
  const stripeAngle = rand() * Math.PI;
  const stripeWidth = size * (0.012 + rand() * 0.02);
  // A label sits on the product: drawn only when the whole label, with a margin, is inside the shape.
  const labelFits = [-0.5, -0.25, 0, 0.25, 0.5].every((a) => [-0.4, -0.2, 0, 0.2, 0.4, 0.6].every((b) => test(a, b)));
  const colourAt = (x: number, y: number): Rgb => {
    const u = (x - cx) / sx;
    const v = (y - cy) / sy;
    // Lit from the upper left, darker towards the lower right and the rim.
    const light = Math.min(1.15, Math.max(0.55, 0.95 - 0.18 * u - 0.22 * v - 0.12 * (u * u + v * v)));
    let colour: Rgb = base;
    let texture = 0;
    if (pattern === 'stripes') {
      const s = Math.sin(((x * Math.cos(stripeAngle) + y * Math.sin(stripeAngle)) / stripeWidth) * Math.PI);
      if (s > 0.4) colour = second;
    } else if (pattern === 'grain') {
      texture = (noise(x * 0.3, y * 3) - 0.5) * 0.35;
    } else if (pattern === 'speckle') {
      texture = (fine(x, y) - 0.5) * 0.4;
    } else if (pattern === 'label' && labelFits && Math.abs(u) < 0.4 && Math.abs(v - 0.2) < 0.3) {
      colour = second;
    }
    const k = light * (1 + texture);
    return colour.map((c) => linearToByte(SRGB_TO_LINEAR[Math.round(c)]! * k)) as Rgb;
  };
  return {
    shape,
    inside: (x, y) => test((x - cx) / sx, (y - cy) / sy),
    left: Math.max(0, Math.floor(cx - sx - 2)),
    right: Math.min(size - 1, Math.ceil(cx + sx + 2)),
    top: Math.max(0, Math.floor(cy - sy - 2)),
    bottom: Math.min(size - 1, Math.ceil(cy + sy + 2)),
    colourAt,
  };
}

/** Fraction of each pixel the subject covers, from 4×4 samples. */
function coverage(subject: Subject, size: number): Float32Array {
  const cover = new Float32Array(size * size);
  for (let y = subject.top; y <= subject.bottom; y++) {
    for (let x = subject.left; x <= subject.right; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) if (subject.inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      }
      cover[y * size + x] = hits / 16;
    }
  }
  return cover;
}

/** How much each pixel is darkened (0–1): a contact shadow under the object and a soft offset silhouette. */
function shadowPlane(cover: Float32Array, subject: Subject, size: number, rand: () => number): Float32Array {
  const height = subject.bottom - subject.top;
  const width = subject.right - subject.left;
  const offsetX = Math.round(width * (0.04 + rand() * 0.08));
  const offsetY = Math.round(height * (0.03 + rand() * 0.05));
  const plane = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sourceY = y - offsetY;
      const sourceX = x - offsetX;
      if (sourceX >= 0 && sourceY >= 0 && sourceX < size && sourceY < size) {
        plane[y * size + x] = 0.45 * cover[sourceY * size + sourceX]!;
      }
      const ex = (x - (subject.left + subject.right) / 2) / (width * 0.48);
      const ey = (y - subject.bottom + height * 0.04) / (height * 0.07);
      if (ex * ex + ey * ey <= 1) plane[y * size + x] = Math.max(plane[y * size + x]!, 0.55);
    }
  }
  blurPlane(plane, size, size, height * 0.06);
  return plane;
}

export interface StudioPhotoOptions {
  seed: number;
  /** Edge of the square photos in pixels. */
  size: number;
  /** Photos per background kind (white, solid, gradient). */
  perKind: number;
}

/** Photos in background order white, solid, gradient; every other one has a shadow. */
export function studioPhotos({ seed, size, perKind }: StudioPhotoOptions): StudioPhoto[] {
  const rand = random(seed);
  const photos: StudioPhoto[] = [];
  for (const kind of ['white', 'solid', 'gradient'] as const) {
    for (let n = 0; n < perKind; n++) {
      const shadow = n % 2 === 1;
      const background = makeBackground(kind, rand, size);
      const subject = makeSubject(rand, size, background.colourAt, seed * 31 + photos.length);
      const cover = coverage(subject, size);
      const shade = shadow ? shadowPlane(cover, subject, size, rand) : null;
      const data = Buffer.alloc(size * size * 3);
      const truth = new Uint8Array(size * size);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const p = y * size + x;
          const darken = shade ? 1 - shade[p]! : 1;
          const bg = background
            .colourAt(x + 0.5, y + 0.5)
            .map((c) => (darken === 1 ? c : linearToByte(SRGB_TO_LINEAR[Math.round(c)]! * darken)));
          const a = cover[p]!;
          const fg = a > 0 ? subject.colourAt(x + 0.5, y + 0.5) : bg;
          for (let c = 0; c < 3; c++) {
            const value = a * fg[c]! + (1 - a) * bg[c]! + gaussian(rand) * 1.5;
            data[p * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
          }
          truth[p] = a >= 0.5 ? 255 : 0;
        }
      }
      photos.push({
        name: `${kind}-${n + 1} ${subject.shape} on ${background.name}${shadow ? ', shadow' : ''}`,
        background: kind,
        shadow,
        image: { data, width: size, height: size, channels: 3 },
        truth: { data: truth, width: size, height: size },
      });
    }
  }
  return photos;
}

export interface GreyCardScene {
  name: string;
  image: RawImage;
  /** The card's pixels (255), away from its edges. */
  card: Mask;
}

/**
 * A neutral grey card (18 %), a white and a black patch and a few coloured
 * objects on a neutral backdrop, photographed under a colour cast (linear
 * channel gains) with squashed levels. Deterministic for a seed.
 */
export function greyCardScenes({ seed, size, count }: { seed: number; size: number; count: number }): GreyCardScene[] {
  const rand = random(seed);
  const casts: [string, Rgb][] = [
    ['warm tungsten', [1.25, 1.0, 0.7]],
    ['cool shade', [0.8, 0.95, 1.25]],
    ['green fluorescent', [0.88, 1.12, 0.85]],
    ['magenta', [1.12, 0.85, 1.08]],
    ['strong warm', [1.4, 1.0, 0.6]],
  ];
  const scenes: GreyCardScene[] = [];
  for (let n = 0; n < count; n++) {
    const [castName, gains] = casts[n % casts.length]!;
    const black = 8 + rand() * 20;
    const white = 210 + rand() * 30;
    const data = Buffer.alloc(size * size * 3);
    const card = new Uint8Array(size * size);
    const objects = Array.from({ length: 4 }, () => ({
      x: rand() * size * 0.5 + size * 0.45,
      y: rand() * size * 0.8 + size * 0.1,
      r: size * (0.06 + rand() * 0.06),
      colour: pick(rand, PRODUCT_COLOURS),
    }));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = y * size + x;
        let colour: Rgb = [150, 150, 150];
        const inCard = x > size * 0.08 && x < size * 0.38 && y > size * 0.2 && y < size * 0.5;
        if (inCard) colour = [119, 119, 119];
        else if (x > size * 0.08 && x < size * 0.22 && y > size * 0.6 && y < size * 0.85) colour = [243, 243, 243];
        else if (x > size * 0.24 && x < size * 0.38 && y > size * 0.6 && y < size * 0.85) colour = [22, 22, 22];
        for (const o of objects) if (Math.hypot(x - o.x, y - o.y) < o.r) colour = o.colour;
        const inner = x > size * 0.1 && x < size * 0.36 && y > size * 0.22 && y < size * 0.48;
        card[p] = inner ? 255 : 0;
        for (let c = 0; c < 3; c++) {
          const cast = linearToByte(SRGB_TO_LINEAR[colour[c]!]! * gains[c]!);
          const squashed = black + (cast / 255) * (white - black) + gaussian(rand) * 1.2;
          data[p * 3 + c] = Math.max(0, Math.min(255, Math.round(squashed)));
        }
      }
    }
    scenes.push({
      name: `${castName}, levels ${Math.round(black)}–${Math.round(white)}`,
      image: { data, width: size, height: size, channels: 3 },
      card: { data: card, width: size, height: size },
    });
  }
  return scenes;
}
