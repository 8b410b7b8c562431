import { describe, expect, it } from 'vitest';

import { SRGB_TO_LINEAR } from './colour-space';
import { adjust, denoise, sharpen, toneCurve } from './ops-tone.server';

import {
  drawImage,
  meanIn,
  pixelAt,
  pixelsIn,
  seededRandom,
  solidImage,
} from '../../../../tests/support/studio-images';

const adjustment = (exposure: number, contrast: number, saturation: number) =>
  ({ op: 'adjust', exposure, contrast, saturation }) as const;

/** Box–Muller, from a seeded generator. */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function standardDeviation(values: number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

describe('adjust', () => {
  it('is the identity at zero', () => {
    expect([...toneCurve(0, 0)]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    const image = solidImage(2, 2, [10, 20, 30]);
    expect(adjust(image, adjustment(0, 0, 0))).toBe(image);
  });

  it('counts exposure in stops of light: +50 doubles it, −100 quarters it', () => {
    const up = toneCurve(50, 0);
    const down = toneCurve(-100, 0);
    for (const value of [40, 118, 180]) {
      expect(SRGB_TO_LINEAR[up[value]!]! / SRGB_TO_LINEAR[value]!).toBeCloseTo(2, 1);
      expect(SRGB_TO_LINEAR[down[value]!]! / SRGB_TO_LINEAR[value]!).toBeCloseTo(0.25, 1);
    }
    expect(up[0]).toBe(0);
    expect(up[200]).toBe(255);
  });

  it('spreads values from mid-grey with contrast, and gathers them without', () => {
    const more = toneCurve(0, 100);
    expect([more[64], more[128], more[191]]).toEqual([1, 129, 255]);
    const less = toneCurve(0, -100);
    expect([less[0], less[128], less[255]]).toEqual([64, 128, 191]);
  });

  it('turns colour to grey at −100 saturation and strengthens it above 0, greys untouched', () => {
    const image = drawImage(2, 1, 4, (x) => (x === 0 ? [200, 100, 50, 90] : [120, 120, 120, 255]));
    const grey = adjust(image, adjustment(0, 0, -100));
    const [r, g, b, a] = pixelAt(grey, 0, 0);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(r).toBeCloseTo(0.2126 * 200 + 0.7152 * 100 + 0.0722 * 50, -0.5);
    expect(a).toBe(90);

    const vivid = adjust(image, adjustment(0, 0, 50));
    const [vr, , vb] = pixelAt(vivid, 0, 0);
    expect(vr! - vb!).toBe(Math.round(1.5 * 150));
    expect(pixelAt(vivid, 1, 0)).toEqual([120, 120, 120, 255]);
  });
});

describe('sharpen', () => {
  // A soft vertical edge from 60 to 190 around column 31.5, as a lens draws one.
  const edge = drawImage(64, 16, 3, (x) => {
    const v = 60 + 130 / (1 + Math.exp(-(x - 31.5) / 1.2));
    return [v, v, v];
  });
  const row = (image: typeof edge) => pixelsIn(image, 0, 8, 64, 1).map((pixel) => pixel[0]!);
  const steepest = (values: number[]) => Math.max(...values.slice(1).map((v, i) => v - values[i]!));

  it('steepens an edge with an overshoot either side and leaves flat areas alone', async () => {
    const sharpened = row(await sharpen(edge, 100));
    expect(steepest(sharpened)).toBeGreaterThan(steepest(row(edge)) * 1.5);
    expect(Math.min(...sharpened)).toBeLessThan(55);
    expect(Math.max(...sharpened)).toBeGreaterThan(195);
    expect(sharpened[3]).toBe(60);
    expect(sharpened[62]).toBe(row(edge)[62]);
  });

  it('grows with the amount and does nothing at 0', async () => {
    const slopes = await Promise.all([30, 60, 100].map(async (amount) => steepest(row(await sharpen(edge, amount)))));
    expect(slopes[0]).toBeGreaterThanOrEqual(steepest(row(edge)));
    expect(slopes[1]).toBeGreaterThan(slopes[0]!);
    expect(slopes[2]).toBeGreaterThan(slopes[1]!);
    expect(await sharpen(edge, 0)).toBe(edge);
  });
});

describe('denoise', () => {
  const noise = gaussian(seededRandom(7));
  // Left half 40, right half 215, both with noise of standard deviation 8.
  const noisy = drawImage(96, 96, 3, (x) => {
    const v = (x < 48 ? 40 : 215) + 8 * noise();
    return [v, v, v];
  });
  const spread = (image: typeof noisy, left: number) =>
    standardDeviation(pixelsIn(image, left, 10, 30, 76).map((p) => p[0]!));

  it('takes out most of the noise in flat areas and keeps their level', async () => {
    const clean = await denoise(noisy, 60);
    expect(spread(clean, 5)).toBeLessThan(spread(noisy, 5) * 0.5);
    expect(spread(clean, 60)).toBeLessThan(spread(noisy, 60) * 0.5);
    expect(meanIn(clean, 5, 10, 30, 76)[0]).toBeCloseTo(meanIn(noisy, 5, 10, 30, 76)[0]!, 0);
  });

  it('keeps the edge as hard as it was', async () => {
    const clean = await denoise(noisy, 100);
    // The columns either side of the edge keep their own side's level.
    expect(meanIn(clean, 47, 0, 1, 96)[0]).toBeLessThan(50);
    expect(meanIn(clean, 48, 0, 1, 96)[0]).toBeGreaterThan(205);
  });

  it('smooths more with a higher amount, leaves alpha, and does nothing at 0', async () => {
    expect(spread(await denoise(noisy, 100), 5)).toBeLessThan(spread(await denoise(noisy, 20), 5));
    const [r, g, b, a] = pixelAt(await denoise(solidImage(8, 8, [100, 100, 100, 77]), 50), 4, 4);
    expect(a).toBe(77);
    // Blurring premultiplies by alpha in 8 bits: a translucent colour may come back one level off.
    for (const value of [r, g, b]) expect(value).toBeCloseTo(100, -0.5);
    expect(await denoise(noisy, 0)).toBe(noisy);
  });
});
