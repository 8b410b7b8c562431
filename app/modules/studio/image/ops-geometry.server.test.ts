import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { crop, cropRect, inscribedSize, resize, rotate, straighten } from './ops-geometry.server';
import { type OperationOf } from './recipe';

import { drawImage, extremes, pixelAt, pixelsIn, solidImage } from '../../../../tests/support/studio-images';

const cropOf = (aspect: OperationOf<'crop'>['aspect'], x = 0, y = 0, width = 1, height = 1): OperationOf<'crop'> => ({
  op: 'crop',
  aspect,
  x,
  y,
  width,
  height,
});

/** Pixel (x, y) holds its own coordinates, so where a pixel came from can be read back. */
const coordinates = drawImage(40, 30, 3, (x, y) => [x, y, 7]);

describe('crop', () => {
  it('cuts the free rectangle the fractions name', () => {
    expect(cropRect(1000, 800, cropOf('free', 0.1, 0.2, 0.5, 0.5))).toEqual({
      left: 100,
      top: 160,
      width: 500,
      height: 400,
    });
    const cut = crop(coordinates, cropOf('free', 0.25, 0.5, 0.5, 0.5));
    expect(cut).toMatchObject({ width: 20, height: 15 });
    expect(pixelAt(cut, 0, 0)).toEqual([10, 15, 7]);
    expect(pixelAt(cut, 19, 14)).toEqual([29, 29, 7]);
  });

  it('gives the largest rectangle of each preset aspect, centred', () => {
    expect(cropRect(1000, 800, cropOf('1:1'))).toEqual({ left: 100, top: 0, width: 800, height: 800 });
    expect(cropRect(1000, 800, cropOf('4:5'))).toEqual({ left: 180, top: 0, width: 640, height: 800 });
    expect(cropRect(1000, 800, cropOf('16:9'))).toEqual({ left: 4, top: 121, width: 992, height: 558 });
  });

  it('keeps a preset exact and inside both the image and the chosen region, whatever the region', () => {
    const presets = { '1:1': [1, 1], '4:5': [4, 5], '16:9': [16, 9] } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4000 }),
        fc.integer({ min: 16, max: 4000 }),
        fc.constantFrom<'1:1' | '4:5' | '16:9'>('1:1', '4:5', '16:9'),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (width, height, aspect, x, y, w, h) => {
          const region = cropOf('free', x, y, Math.min(w, 1 - x), Math.min(h, 1 - y));
          const chosen = cropRect(width, height, region);
          const rect = cropRect(width, height, { ...region, aspect });
          const [a, b] = presets[aspect];
          expect(rect.width * b).toBe(rect.height * a);
          expect(rect.left).toBeGreaterThanOrEqual(0);
          expect(rect.top).toBeGreaterThanOrEqual(0);
          expect(rect.left + rect.width).toBeLessThanOrEqual(width);
          expect(rect.top + rect.height).toBeLessThanOrEqual(height);
          if (chosen.width >= a && chosen.height >= b) {
            expect(rect.left).toBeGreaterThanOrEqual(chosen.left);
            expect(rect.left + rect.width).toBeLessThanOrEqual(chosen.left + chosen.width);
            expect(rect.top).toBeGreaterThanOrEqual(chosen.top);
            expect(rect.top + rect.height).toBeLessThanOrEqual(chosen.top + chosen.height);
            // The largest: one more step of the aspect would not fit the region.
            expect(rect.width + a > chosen.width || rect.height + b > chosen.height).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('rotate', () => {
  it('turns a quarter clockwise, half and three quarters', async () => {
    const quarter = await rotate(coordinates, 90);
    expect(quarter).toMatchObject({ width: 30, height: 40 });
    expect(pixelAt(quarter, 29, 0)).toEqual([0, 0, 7]);
    expect(pixelAt(quarter, 0, 0)).toEqual([0, 29, 7]);

    const half = await rotate(coordinates, 180);
    expect(half).toMatchObject({ width: 40, height: 30 });
    expect(pixelAt(half, 39, 29)).toEqual([0, 0, 7]);

    const threeQuarters = await rotate(coordinates, 270);
    expect(pixelAt(threeQuarters, 0, 39)).toEqual([0, 0, 7]);
  });

  it('keeps alpha', async () => {
    const turned = await rotate(solidImage(4, 2, [10, 20, 30, 40]), 90);
    expect(turned).toMatchObject({ width: 2, height: 4, channels: 4 });
    expect(pixelAt(turned, 1, 3)).toEqual([10, 20, 30, 40]);
  });
});

describe('straighten', () => {
  it('finds the largest upright rectangle inside a turned one', () => {
    const square = inscribedSize(100, 100, 45);
    expect(square.width).toBeCloseTo(100 / Math.SQRT2, 6);
    expect(square.height).toBeCloseTo(100 / Math.SQRT2, 6);

    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 3000 }),
        fc.integer({ min: 20, max: 3000 }),
        fc.double({ min: -45, max: 45, noNaN: true }).filter((d) => Math.abs(d) > 0.01),
        (width, height, degrees) => {
          const inner = inscribedSize(width, height, degrees);
          const radians = (degrees * Math.PI) / 180;
          // A corner (cx, cy) of the inner rectangle, centred on the turned one, turned back into the original frame.
          const inside = (w: number, h: number) =>
            [
              [w / 2, h / 2],
              [-w / 2, h / 2],
            ].every(([cx, cy]) => {
              const x = cx! * Math.cos(radians) + cy! * Math.sin(radians);
              const y = -cx! * Math.sin(radians) + cy! * Math.cos(radians);
              return Math.abs(x) <= width / 2 + 1e-6 && Math.abs(y) <= height / 2 + 1e-6;
            });
          expect(inside(inner.width, inner.height)).toBe(true);
          expect(inside(inner.width * 1.01, inner.height * 1.01)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([-30, -7, -0.5, 3, 12, 45])('leaves no empty corner after a %s° turn', async (degrees) => {
    const grey = solidImage(300, 200, [128, 128, 128]);
    const level = await straighten(grey, degrees);
    const inner = inscribedSize(300, 200, degrees);
    expect(level.width).toBe(Math.floor(inner.width) - 4);
    expect(level.height).toBe(Math.floor(inner.height) - 4);
    const { min, max } = extremes(level);
    expect(min).toBeGreaterThanOrEqual(126);
    expect(max).toBeLessThanOrEqual(130);
  });

  it('keeps transparent images opaque inside', async () => {
    const level = await straighten(solidImage(120, 160, [200, 10, 10, 255]), 10);
    expect(level.channels).toBe(4);
    const alphas = pixelsIn(level, 0, 0, level.width, level.height).map((pixel) => pixel[3]!);
    expect(Math.min(...alphas)).toBeGreaterThanOrEqual(254);
  });

  it('turns the content clockwise for a positive angle', async () => {
    // A black dot right of centre moves down when the picture turns clockwise.
    const dot = drawImage(201, 201, 3, (x, y) => (Math.hypot(x - 150, y - 100) < 4 ? [0, 0, 0] : [255, 255, 255]));
    const level = await straighten(dot, 20);
    const dark = pixelsIn(level, 0, 0, level.width, level.height)
      .map((pixel, i) => ({ value: pixel[0]!, x: i % level.width, y: Math.floor(i / level.width) }))
      .filter((pixel) => pixel.value < 128);
    const x = dark.reduce((sum, pixel) => sum + pixel.x, 0) / dark.length - (level.width - 1) / 2;
    const y = dark.reduce((sum, pixel) => sum + pixel.y, 0) / dark.length - (level.height - 1) / 2;
    expect(Math.atan2(y, x) * (180 / Math.PI)).toBeCloseTo(20, 0);
    expect(Math.hypot(x, y)).toBeCloseTo(50, -0.5);
  });
});

describe('resize', () => {
  const big = solidImage(400, 300, [1, 2, 3]);

  it('fits inside the bounds, keeping the aspect', async () => {
    expect(await resize(big, { maxWidth: 200 })).toMatchObject({ width: 200, height: 150 });
    expect(await resize(big, { maxHeight: 100 })).toMatchObject({ width: 133, height: 100 });
    expect(await resize(big, { maxWidth: 200, maxHeight: 50 })).toMatchObject({ width: 67, height: 50 });
  });

  it('never enlarges', async () => {
    expect(await resize(big, { maxWidth: 1600, maxHeight: 1600 })).toBe(big);
  });
});
