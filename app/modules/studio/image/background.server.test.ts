import { describe, expect, it } from 'vitest';

import { backgroundMask, BackgroundRemovalParams, classifyBackground, removeBackground } from './background.server';
import { deltaE76, rgbToLab, type Lab } from './colour-space';
import { maskIoU } from './mask.server';
import { type Mask, type RawImage } from './raw';

type Rgb = [number, number, number];

/** Deterministic noise (mulberry32 → roughly Gaussian), so every run sees the same pixels. */
function noise(seed: number): () => number {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => next() + next() + next() - 1.5;
}

interface Scene {
  width: number;
  height: number;
  background: (x: number, y: number) => Rgb;
  /** Whether a point is on the subject, and its colour there. */
  subject: (x: number, y: number) => Rgb | null;
  /** Darkening (0–1) of the background, e.g. a soft shadow. */
  shade?: (x: number, y: number) => number;
}

/**
 * Renders a scene with anti-aliased edges (4×4 samples on pixels the
 * subject's outline may cross, one elsewhere) and sensor noise; the truth mask
 * is 255 where the subject covers at least half the pixel.
 */
function render(scene: Scene, seed = 1): { img: RawImage; truth: Mask } {
  const { width, height } = scene;
  const data = Buffer.alloc(width * height * 3);
  const truth = new Uint8Array(width * height);
  const jitter = noise(seed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      const probes = [
        [0.5, 0.5],
        [0.05, 0.05],
        [0.95, 0.05],
        [0.05, 0.95],
        [0.95, 0.95],
      ].map(([dx, dy]) => scene.subject(x + dx!, y + dy!) !== null);
      const uniform = probes.every((on) => on === probes[0]);
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = uniform ? x + 0.5 : x + (sx + 0.5) / 4;
          const py = uniform ? y + 0.5 : y + (sy + 0.5) / 4;
          const on = scene.subject(px, py);
          const dark = 1 - (scene.shade?.(px, py) ?? 0);
          const colour = on ?? scene.background(px, py).map((c) => c * dark);
          if (on) covered++;
          for (let c = 0; c < 3; c++) sum[c]! += colour[c]!;
        }
      }
      const p = y * width + x;
      for (let c = 0; c < 3; c++) data[p * 3 + c] = Math.max(0, Math.min(255, Math.round(sum[c]! / 16 + jitter() * 2)));
      truth[p] = covered >= 8 ? 255 : 0;
    }
  }
  return { img: { data, width, height, channels: 3 }, truth: { data: truth, width, height } };
}

const solid = (colour: Rgb) => (): Rgb => colour;

/** A disc with a lit, textured surface (upper left brighter, fine stripes). */
function texturedDisc(cx: number, cy: number, r: number, base: Rgb) {
  return (x: number, y: number): Rgb | null => {
    const d = Math.hypot(x - cx, y - cy);
    if (d > r) return null;
    const light = 1.05 - (0.3 * (x - cx + y - cy)) / (2 * r);
    const stripe = Math.sin((x + y) * 0.9) * 8;
    return base.map((c) => c * light + stripe) as Rgb;
  };
}

const DEFAULTS = BackgroundRemovalParams.parse({});

function alphaAt(mask: Mask, x: number, y: number): number {
  return mask.data[y * mask.width + x]!;
}

function labOf(data: Buffer, i: number): Lab {
  const out: Lab = [0, 0, 0];
  rgbToLab(data[i]!, data[i + 1]!, data[i + 2]!, out);
  return out;
}

describe('backgroundMask', () => {
  it('finds a textured subject on white', () => {
    const { img, truth } = render({
      width: 200,
      height: 160,
      background: solid([250, 250, 250]),
      subject: texturedDisc(95, 82, 50, [40, 90, 170]),
    });
    expect(maskIoU(backgroundMask(img, DEFAULTS), truth)).toBeGreaterThan(0.98);
  });

  it('finds a subject on a coloured backdrop, including its parts that touch the edge of the photo', () => {
    const { img, truth } = render({
      width: 180,
      height: 180,
      background: solid([236, 214, 170]),
      subject: (x, y) =>
        Math.abs(x - 90) < 30 && y > 60 ? [120, 40, 60] : texturedDisc(90, 60, 40, [30, 110, 60])(x, y),
    });
    const mask = backgroundMask(img, DEFAULTS);
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.97);
    expect(alphaAt(mask, 90, 179)).toBe(255);
  });

  it('follows a gradient backdrop (a studio sweep and a vignette)', () => {
    const sweep = render({
      width: 200,
      height: 200,
      background: (_x, y) => [250 - y * 0.35, 250 - y * 0.35, 252 - y * 0.3],
      subject: texturedDisc(100, 100, 55, [200, 60, 40]),
    });
    expect(maskIoU(backgroundMask(sweep.img, DEFAULTS), sweep.truth)).toBeGreaterThan(0.96);
    const vignette = render({
      width: 200,
      height: 200,
      background: (x, y) => {
        const fall = Math.min(1, Math.hypot(x - 100, y - 90) / 140);
        return [235 - 70 * fall, 225 - 70 * fall, 215 - 65 * fall];
      },
      subject: texturedDisc(100, 95, 45, [40, 50, 110]),
    });
    expect(maskIoU(backgroundMask(vignette.img, DEFAULTS), vignette.truth)).toBeGreaterThan(0.95);
  });

  it('counts a soft shadow on the backdrop as background', () => {
    const shadowCentre = { x: 112, y: 140 };
    const { img, truth } = render({
      width: 220,
      height: 200,
      background: solid([246, 246, 246]),
      subject: texturedDisc(100, 95, 50, [190, 150, 40]),
      shade: (x, y) => 0.35 * Math.exp(-(((x - shadowCentre.x) / 60) ** 2) - ((y - shadowCentre.y) / 25) ** 2),
    });
    const mask = backgroundMask(img, DEFAULTS);
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.96);
    // Under the disc, where the shadow is darkest outside it.
    expect(alphaAt(mask, 112, 155)).toBe(0);
  });

  it('fills a label the colour of the backdrop inside the subject, but keeps a see-through hole', () => {
    const bottle = render({
      width: 160,
      height: 200,
      background: solid([248, 248, 248]),
      subject: (x, y) => {
        if (Math.abs(x - 80) > 40 || y < 30 || y > 180) return null;
        // A label close to the backdrop's colour, shaded by the bottle's light.
        if (Math.abs(x - 80) < 28 && y > 80 && y < 140) return [232 - (x - 52) * 0.4, 232 - (x - 52) * 0.4, 228];
        return [30, 60, 40];
      },
    });
    const mask = backgroundMask(bottle.img, DEFAULTS);
    expect(alphaAt(mask, 80, 110)).toBe(255);
    expect(maskIoU(mask, bottle.truth)).toBeGreaterThan(0.98);

    const ring = render({
      width: 200,
      height: 200,
      background: solid([248, 248, 248]),
      subject: (x, y) => {
        const r = Math.hypot(x - 100, y - 100);
        return r <= 70 && r >= 35 ? [150, 40, 40] : null;
      },
    });
    const ringMask = backgroundMask(ring.img, DEFAULTS);
    expect(alphaAt(ringMask, 100, 100)).toBe(0);
    expect(maskIoU(ringMask, ring.truth)).toBeGreaterThan(0.97);
  });

  it('keeps every large part (a pair of earrings) and drops specks of dust', () => {
    const { img, truth } = render({
      width: 240,
      height: 160,
      background: solid([250, 250, 250]),
      subject: (x, y) =>
        texturedDisc(70, 80, 35, [200, 160, 40])(x, y) ?? texturedDisc(170, 80, 35, [200, 160, 40])(x, y),
    });
    // Dust: three single dark pixels.
    for (const [x, y] of [
      [20, 20],
      [220, 140],
      [120, 20],
    ] as const) {
      img.data.fill(60, (y * 240 + x) * 3, (y * 240 + x) * 3 + 3);
    }
    const mask = backgroundMask(img, DEFAULTS);
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.98);
    expect(alphaAt(mask, 20, 20) + alphaAt(mask, 220, 140) + alphaAt(mask, 120, 20)).toBe(0);
  });

  it('works on a large photo through its working copy, to the pixel at the edge', () => {
    const { img, truth } = render({
      width: 1500,
      height: 1000,
      background: (_x, y) => [248 - y * 0.03, 248 - y * 0.03, 250 - y * 0.025],
      subject: (x, y) => {
        const inside = ((x - 760) / 420) ** 2 + ((y - 520) / 330) ** 2 <= 1;
        return inside ? [90 + (x % 7), 30, 110 + (y % 5)] : null;
      },
    });
    const mask = backgroundMask(img, BackgroundRemovalParams.parse({ feather: 0 }));
    expect(maskIoU(mask, truth)).toBeGreaterThan(0.995);
  });

  it('takes a higher tolerance to mean more of the picture is background', () => {
    const { img } = render({
      width: 160,
      height: 160,
      background: solid([240, 240, 240]),
      subject: (x, y) =>
        Math.hypot(x - 80, y - 80) < 30 ? [40, 40, 160] : Math.hypot(x - 80, y - 80) < 55 ? [205, 205, 215] : null,
    });
    const coverage = (mask: Mask) => mask.data.reduce((n, v) => n + (v >= 128 ? 1 : 0), 0);
    const strict = coverage(backgroundMask(img, { ...DEFAULTS, tolerance: 5 }));
    const loose = coverage(backgroundMask(img, { ...DEFAULTS, tolerance: 40 }));
    expect(strict).toBeGreaterThan(Math.PI * 52 * 52);
    expect(loose).toBeLessThan(Math.PI * 33 * 33);
    expect(loose).toBeGreaterThan(Math.PI * 27 * 27);
  });

  it('widens the soft edge with feather', () => {
    const { img } = render({
      width: 160,
      height: 160,
      background: solid([250, 250, 250]),
      subject: texturedDisc(80, 80, 50, [30, 30, 30]),
    });
    const soft = (mask: Mask) => mask.data.reduce((n, v) => n + (v > 12 && v < 243 ? 1 : 0), 0);
    const hard = soft(backgroundMask(img, { ...DEFAULTS, feather: 0 }));
    const feathered = soft(backgroundMask(img, { ...DEFAULTS, feather: 10 }));
    expect(hard).toBeLessThan(2 * Math.PI * 50 * 1.6);
    expect(feathered).toBeGreaterThan(hard * 4);
  });
});

describe('removeBackground', () => {
  const redOnBlue = render({
    width: 160,
    height: 160,
    background: solid([40, 70, 200]),
    subject: (x, y) => (Math.hypot(x - 80, y - 80) <= 50 ? [210, 40, 30] : null),
  });

  it('makes the background transparent and the edge red, not purple', () => {
    const out = removeBackground(redOnBlue.img, { ...DEFAULTS, feather: 0 });
    expect(out.channels).toBe(4);
    expect(out.width).toBe(160);
    const at = (x: number, y: number) => (y * 160 + x) * 4;
    expect(out.data[at(2, 2) + 3]).toBe(0);
    expect(out.data[at(80, 80) + 3]).toBe(255);
    let edgePixels = 0;
    for (let p = 0; p < 160 * 160; p++) {
      const alpha = out.data[p * 4 + 3]!;
      if (alpha < 40 || alpha > 215) continue;
      edgePixels++;
      // A mixed pixel of the original is purple (ΔE > 40 from red); decontaminated, it is the subject's red.
      expect(deltaE76(labOf(out.data, p * 4), labOf(Buffer.from([210, 40, 30]), 0))).toBeLessThan(12);
    }
    expect(edgePixels).toBeGreaterThan(50);
  });

  it('gives a feathered edge the subject’s colour all the way out', () => {
    const out = removeBackground(redOnBlue.img, { ...DEFAULTS, feather: 10 });
    let outer = 0;
    for (let p = 0; p < 160 * 160; p++) {
      const alpha = out.data[p * 4 + 3]!;
      if (alpha < 5 || alpha > 120) continue;
      outer++;
      expect(deltaE76(labOf(out.data, p * 4), labOf(Buffer.from([210, 40, 30]), 0))).toBeLessThan(12);
    }
    expect(outer).toBeGreaterThan(300);
  });

  it('puts the subject on a chosen colour, with an optional soft shadow beneath it', () => {
    const plain = removeBackground(redOnBlue.img, { ...DEFAULTS, output: 'colour', colour: '#ffffff' });
    expect(plain.channels).toBe(3);
    expect([...plain.data.subarray(0, 3)]).toEqual([255, 255, 255]);
    const centre = (80 * 160 + 80) * 3;
    expect(deltaE76(labOf(plain.data, centre), labOf(redOnBlue.img.data, centre))).toBeLessThan(1);
    const below = (136 * 160 + 84) * 3;
    expect([...plain.data.subarray(below, below + 3)]).toEqual([255, 255, 255]);

    const shadowed = removeBackground(redOnBlue.img, {
      ...DEFAULTS,
      output: 'colour',
      colour: '#ffffff',
      shadow: true,
    });
    expect(shadowed.data[below]).toBeLessThan(235);
    expect(shadowed.data[below]).toBe(shadowed.data[below + 2]);
    expect([...shadowed.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('adds the shadow as coverage when transparent', () => {
    const out = removeBackground(redOnBlue.img, { ...DEFAULTS, shadow: true });
    const below = (136 * 160 + 84) * 4;
    expect(out.data[below + 3]).toBeGreaterThan(20);
    expect(out.data[below]).toBe(0);
  });

  it('keeps an RGBA image’s transparent parts transparent', () => {
    const { img } = render({
      width: 120,
      height: 120,
      background: solid([255, 255, 255]),
      subject: texturedDisc(60, 60, 35, [20, 120, 60]),
    });
    const rgba = Buffer.alloc(120 * 120 * 4);
    for (let p = 0; p < 120 * 120; p++) {
      rgba.set(img.data.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = p % 120 < 10 ? 0 : 255;
    }
    const out = removeBackground({ data: rgba, width: 120, height: 120, channels: 4 }, DEFAULTS);
    expect(out.data[(60 * 120 + 5) * 4 + 3]).toBe(0);
    expect(out.data[(60 * 120 + 60) * 4 + 3]).toBe(255);
  });
});

describe('classifyBackground', () => {
  const disc = texturedDisc(60, 60, 30, [150, 30, 60]);

  it('tells white, solid, gradient and complex backgrounds apart', () => {
    const white = render({ width: 120, height: 120, background: solid([252, 251, 250]), subject: disc });
    expect(classifyBackground(white.img)).toBe('white');
    const grey = render({ width: 120, height: 120, background: solid([190, 190, 190]), subject: disc });
    expect(classifyBackground(grey.img)).toBe('solid');
    const blue = render({ width: 120, height: 120, background: solid([200, 220, 245]), subject: disc });
    expect(classifyBackground(blue.img)).toBe('solid');
    const sweep = render({
      width: 120,
      height: 120,
      background: (_x, y) => [250 - y, 250 - y, 250 - y],
      subject: disc,
    });
    expect(classifyBackground(sweep.img)).toBe('gradient');
    const scene = render({
      width: 120,
      height: 120,
      background: (x, y) => [128 + 100 * Math.sin(x * 0.7), 128 + 90 * Math.cos(y * 0.45), (x * y) % 256],
      subject: disc,
    });
    expect(classifyBackground(scene.img)).toBe('complex');
    // A close-up: a two-tone product fills the frame.
    const closeUp = render({
      width: 120,
      height: 120,
      background: solid([250, 250, 250]),
      subject: (x, y) => (y < 70 ? texturedDisc(60, 60, 200, [150, 30, 60])(x, y) : [235, 235, 230]),
    });
    expect(classifyBackground(closeUp.img)).toBe('complex');
  });
});

describe('BackgroundRemovalParams', () => {
  it('fills defaults and refuses a bad colour or feather', () => {
    expect(BackgroundRemovalParams.parse({})).toEqual({ output: 'transparent', feather: 2, shadow: false });
    expect(BackgroundRemovalParams.safeParse({ output: 'colour', colour: 'white' }).success).toBe(false);
    expect(BackgroundRemovalParams.safeParse({ feather: 21 }).success).toBe(false);
    expect(BackgroundRemovalParams.safeParse({ output: 'colour', colour: '#A0b0C0' }).success).toBe(true);
  });
});
