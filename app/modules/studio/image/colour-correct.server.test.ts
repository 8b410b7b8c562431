import { describe, expect, it } from 'vitest';

import { applyGains, autoColour, estimateWhiteBalance, LEVELS_CLIP } from './colour-correct.server';
import { deltaE76, type Lab, rgbToLab } from './colour-space';
import { type RawImage } from './raw';

import { drawImage, meanIn, pixelAt, seededRandom, solidImage } from '../../../../tests/support/studio-images';

function labOf([r, g, b]: number[]): Lab {
  const lab: Lab = [0, 0, 0];
  rgbToLab(Math.round(r!), Math.round(g!), Math.round(b!), lab);
  return lab;
}

const whiteBalance = (image: RawImage) => autoColour(image, { whiteBalance: true, levels: false });
const levels = (image: RawImage) => autoColour(image, { whiteBalance: false, levels: true });

const GREY_CARD = { left: 60, top: 20, width: 40, height: 40 };
const cardLab = (image: RawImage) =>
  labOf(meanIn(image, GREY_CARD.left, GREY_CARD.top, GREY_CARD.width, GREY_CARD.height));

/**
 * A product shot: light grey backdrop, an 18% grey card, a red, a green and
 * a blue object, a dark shadow strip, plus a little noise.
 */
function productShot(): RawImage {
  const random = seededRandom(11);
  return drawImage(200, 150, 3, (x, y) => {
    const noise = () => (random() - 0.5) * 4;
    let colour = [215, 215, 215];
    if (x >= 60 && x < 100 && y >= 20 && y < 60) colour = [119, 119, 119];
    else if (x >= 110 && x < 150 && y >= 20 && y < 80) colour = [200, 35, 40];
    else if (x >= 20 && x < 50 && y >= 80 && y < 130) colour = [40, 150, 60];
    else if (x >= 120 && x < 180 && y >= 90 && y < 140) colour = [30, 60, 170];
    else if (y >= 140) colour = [35, 35, 35];
    return colour.map((v) => v + noise());
  });
}

describe('white balance', () => {
  it.each([
    ['warm (tungsten-like)', [1.3, 1, 0.65]],
    ['cool (shade-like)', [0.78, 1, 1.3]],
    ['green (fluorescent-like)', [0.85, 1.15, 0.8]],
  ] as const)('takes a %s cast off the grey card', (_name, cast) => {
    const original = productShot();
    const tinted = applyGains(original, [...cast]);
    const before = deltaE76(cardLab(tinted), cardLab(original));
    expect(before).toBeGreaterThan(8);

    const corrected = whiteBalance(tinted);
    const [, a, b] = cardLab(corrected);
    expect(Math.abs(a)).toBeLessThan(1.5);
    expect(Math.abs(b)).toBeLessThan(1.5);
    expect(deltaE76(cardLab(corrected), cardLab(original))).toBeLessThan(before * 0.2);
  });

  it('estimates the inverse of the cast', () => {
    const gains = estimateWhiteBalance(applyGains(productShot(), [1.3, 1, 0.65]));
    expect(gains[0] / gains[1]).toBeCloseTo(1 / 1.3, 1);
    expect(gains[2] / gains[1]).toBeCloseTo(1 / 0.65, 1);
  });

  it('leaves a neutral image as it is', () => {
    const gains = estimateWhiteBalance(productShot());
    for (const gain of gains) expect(gain).toBeCloseTo(1, 1);
  });

  it('does not read a big coloured product as a cast', () => {
    // A red sweater filling most of a white-ish frame.
    const sweater = drawImage(100, 100, 3, (x, y) =>
      Math.hypot(x - 50, y - 50) < 42 ? [190, 30, 35] : [230, 230, 228],
    );
    const corrected = whiteBalance(sweater);
    expect(pixelAt(corrected, 50, 50)).toEqual(pixelAt(sweater, 50, 50).map((v) => expect.closeTo(v, 0)));
  });

  it('leaves alone an image with nothing grey in it', () => {
    const allRed = solidImage(50, 50, [200, 30, 30]);
    expect(whiteBalance(allRed)).toBe(allRed);
  });

  it('ignores transparent pixels and keeps alpha', () => {
    // Half transparent, with hidden colours cooler than the warm grey that shows.
    const cutout = drawImage(60, 60, 4, (x) => (x < 30 ? [110, 128, 160, 0] : [140, 128, 112, 255]));
    const corrected = whiteBalance(cutout);
    const [r, g, b, alpha] = pixelAt(corrected, 45, 30);
    expect(Math.abs(r! - g!) + Math.abs(g! - b!)).toBeLessThanOrEqual(2);
    expect(alpha).toBe(255);
    expect(pixelAt(corrected, 10, 10)[3]).toBe(0);
  });
});

describe('levels', () => {
  // Each channel spread evenly over its own range: red 40–199, green 70–169, blue 10–249.
  const dull = drawImage(160, 100, 3, (x, y) => {
    const t = (y * 160 + x) / (160 * 100);
    return [40 + Math.floor(t * 160), 70 + Math.floor(t * 100), 10 + Math.floor(t * 240)];
  });

  function sortedValues(image: RawImage, channel: number): number[] {
    const values = [];
    for (let i = channel; i < image.data.length; i += image.channels) values.push(image.data[i]!);
    return values.sort((a, b) => a - b);
  }

  it('maps each channel’s 1st percentile to 0 and its 99th to 255', () => {
    const stretched = levels(dull);
    for (const channel of [0, 1, 2]) {
      const values = sortedValues(dull, channel);
      // The value with 1% of the pixels below it, and the one with 1% above.
      const clipped = Math.floor(values.length * LEVELS_CLIP);
      const low = values[clipped]!;
      const high = values[values.length - 1 - clipped]!;
      const wrong = [];
      for (let i = channel; i < dull.data.length; i += 3) {
        const value = dull.data[i]!;
        const expected = value <= low ? 0 : value >= high ? 255 : Math.round(((value - low) * 255) / (high - low));
        if (stretched.data[i] !== expected) wrong.push({ value, expected, got: stretched.data[i] });
      }
      expect(wrong).toEqual([]);
      const after = sortedValues(stretched, channel);
      expect(after[Math.floor(after.length / 2)]).toBeCloseTo(127.5, -1);
    }
  });

  it('does not crush a flat-coloured product that is the darkest thing in the shot', () => {
    // A sage mug filling the middle of a light backdrop, as the devstore's seed photos draw it.
    const mug = drawImage(100, 100, 3, (x, y) =>
      x >= 25 && x < 75 && y >= 20 && y < 80 ? [144, 167, 123] : [235, 240, 228],
    );
    const stretched = levels(mug);
    const centre = pixelAt(stretched, 50, 50);
    expect(Math.min(...centre)).toBeGreaterThan(40);
    // Still the same colour family: green the strongest channel, blue the weakest.
    expect(centre[1]).toBeGreaterThan(centre[0]!);
    expect(centre[0]).toBeGreaterThan(centre[2]!);
  });

  it('keeps the order of values (a monotone curve)', () => {
    const stretched = levels(dull);
    let descents = 0;
    for (let i = 3; i < dull.data.length; i += 3) if (stretched.data[i]! < stretched.data[i - 3]!) descents++;
    expect(descents).toBe(0);
  });

  it('leaves a flat image and an already full-range one alone', () => {
    const flat = drawImage(40, 40, 3, (x) => [120 + (x % 5), 120, 120]);
    expect(levels(flat)).toBe(flat);
    const full = drawImage(100, 4, 3, (x) => (x < 10 ? [0, 0, 0] : x >= 90 ? [255, 255, 255] : [x, x, x]));
    expect(levels(full)).toBe(full);
  });

  it('reads only opaque pixels and keeps alpha', () => {
    const cutout = drawImage(100, 10, 4, (x) => (x < 50 ? [0, 0, 0, 0] : [4 * x - 150, 4 * x - 150, 4 * x - 150, 255]));
    const stretched = levels(cutout);
    expect(pixelAt(stretched, 99, 5)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(stretched, 50, 5)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(stretched, 10, 5)[3]).toBe(0);
  });
});

describe('autoColour', () => {
  it('balances first, then stretches', () => {
    const tinted = applyGains(productShot(), [1.25, 1, 0.7]);
    const both = autoColour(tinted, { whiteBalance: true, levels: true });
    const [, a, b] = cardLab(both);
    expect(Math.hypot(a, b)).toBeLessThan(2.5);
    expect(autoColour(tinted, { whiteBalance: false, levels: false })).toBe(tinted);
  });

  it('keeps the balance when a channel of the highlights is clipped (levels linked after white balance)', () => {
    // Warm light clips the backdrop's red at 255 while its blue sits far lower.
    const warm = applyGains(productShot(), [1.35, 1, 0.62]);
    const original = cardLab(productShot());
    const before = deltaE76(cardLab(warm), original);
    const both = autoColour(warm, { whiteBalance: true, levels: true });
    const [, a, b] = cardLab(both);
    expect(Math.hypot(a, b)).toBeLessThan(3);
    // The card's colour error (ΔE76 against the untinted card) falls by more than 70%.
    expect(deltaE76(cardLab(both), original)).toBeLessThan(before * 0.3);
    // Stretched apart, the channels would have tinted the card again.
    const [, a2, b2] = cardLab(levels(whiteBalance(warm)));
    expect(Math.hypot(a2, b2)).toBeGreaterThan(Math.hypot(a, b));
  });
});
