import { describe, expect, it } from 'vitest';

import { changeColour, colourMask, ColourChangeParams } from './colour-change.server';
import { hueAngle, hueDistance, rgbHue, rgbToLab, type Lab } from './colour-space';
import { type RawImage } from './raw';

const WIDTH = 96;
const HEIGHT = 64;

type Region = 'shirt' | 'white' | 'grey' | 'black' | 'green' | 'blue';

/**
 * A "product photo" of known regions: a red shirt shaded from dark (left) to
 * light (right) with a fine fabric texture, next to white, grey, black, green
 * and blue areas.
 */
function shirtPhoto(channels: 3 | 4 = 3): { img: RawImage; region: (x: number, y: number) => Region } {
  const region = (x: number, y: number): Region => {
    if (y < 40) return x < 64 ? 'shirt' : 'white';
    if (x < 24) return 'grey';
    if (x < 48) return 'black';
    if (x < 72) return 'green';
    return 'blue';
  };
  const data = Buffer.alloc(WIDTH * HEIGHT * channels);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * channels;
      const fabric = ((x * 7 + y * 13) % 5) - 2;
      const shade = 0.35 + (0.65 * x) / 63;
      const colours: Record<Region, [number, number, number]> = {
        shirt: [Math.round(210 * shade) + fabric, Math.round(28 * shade) + fabric, Math.round(36 * shade) + fabric],
        white: [250 + fabric, 250 + fabric, 250 + fabric],
        grey: [128 + fabric, 128 + fabric, 130 + fabric],
        black: [14 + fabric, 12 + fabric, 12 + fabric],
        green: [40 + fabric, 160 + fabric, 60 + fabric],
        blue: [30 + fabric, 60 + fabric, 200 + fabric],
      };
      const [r, g, b] = colours[region(x, y)];
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      if (channels === 4) data[i + 3] = (x * 3 + y) % 256;
    }
  }
  return { img: { data, width: WIDTH, height: HEIGHT, channels }, region };
}

function labAt(img: RawImage, x: number, y: number): Lab {
  const i = (y * img.width + x) * img.channels;
  const out: Lab = [0, 0, 0];
  rgbToLab(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, out);
  return out;
}

const RED_TO_BLUE = ColourChangeParams.parse({ fromHue: 0, range: 25, toHue: 240 });

describe('colourMask', () => {
  it('selects the red shirt and nothing else', () => {
    const { img, region } = shirtPhoto();
    const mask = colourMask(img, RED_TO_BLUE);
    expect(mask.width).toBe(WIDTH);
    expect(mask.height).toBe(HEIGHT);
    const expected = Array.from({ length: WIDTH * HEIGHT }, (_, p) =>
      region(p % WIDTH, Math.floor(p / WIDTH)) === 'shirt' ? 255 : 0,
    );
    expect([...mask.data]).toEqual(expected);
  });

  it('falls off softly at the edge of the range', () => {
    const img: RawImage = { data: Buffer.alloc(3 * 40), width: 40, height: 1, channels: 3 };
    // Hues 0..39 degrees at full saturation: pure red (0) to orange.
    for (let x = 0; x < 40; x++) img.data.set([255, Math.round((255 * x) / 60), 0], x * 3);
    const mask = colourMask(img, ColourChangeParams.parse({ fromHue: 0, range: 20, toHue: 200 }));
    const at = (hue: number) => mask.data[hue]!;
    expect(at(0)).toBe(255);
    expect(at(15)).toBe(255);
    expect(at(20)).toBeGreaterThan(100);
    expect(at(20)).toBeLessThan(155);
    expect(at(24)).toBe(0);
    for (let x = 1; x < 40; x++) expect(at(x)).toBeLessThanOrEqual(at(x - 1));
  });

  it('leaves out low-chroma pixels by minSaturation', () => {
    const img: RawImage = { data: Buffer.from([150, 120, 120, 200, 40, 40]), width: 2, height: 1, channels: 3 };
    const strict = colourMask(img, ColourChangeParams.parse({ fromHue: 0, toHue: 120, minSaturation: 30 }));
    expect([...strict.data]).toEqual([0, 255]);
    const loose = colourMask(img, ColourChangeParams.parse({ fromHue: 0, toHue: 120, minSaturation: 0 }));
    expect([...loose.data]).toEqual([255, 255]);
  });
});

describe('changeColour', () => {
  it('makes the red shirt blue, keeping its shading, and leaves every other pixel as it was', () => {
    const { img, region } = shirtPhoto();
    const out = changeColour(img, RED_TO_BLUE);
    expect(out.channels).toBe(3);
    const lchHue = (r: number, g: number, b: number) => {
      const lab: Lab = [0, 0, 0];
      rgbToLab(r, g, b, lab);
      return hueAngle(lab[1], lab[2]);
    };
    // Every hue turns by the angle from red to blue, so the variation inside the range is kept.
    const turn = lchHue(0, 0, 255) - lchHue(255, 0, 0);
    let checked = 0;
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const i = (y * WIDTH + x) * 3;
        const where = `${region(x, y)} at ${x},${y}`;
        if (region(x, y) !== 'shirt') {
          expect([...out.data.subarray(i, i + 3)], where).toEqual([...img.data.subarray(i, i + 3)]);
          continue;
        }
        const before = labAt(img, x, y);
        const after = labAt(out, x, y);
        expect(Math.abs(after[0] - before[0]), `L* ${where}`).toBeLessThan(1);
        const turned = hueAngle(before[1], before[2]) + turn;
        expect(hueDistance(hueAngle(after[1], after[2]), turned), `LCh hue ${where}`).toBeLessThan(2);
        expect(hueDistance(rgbHue(out.data[i]!, out.data[i + 1]!, out.data[i + 2]!), 240), `hue ${where}`).toBeLessThan(
          15,
        );
        checked++;
      }
    }
    expect(checked).toBe(64 * 40);
  });

  it('keeps the shading order: a darker red stays a darker blue', () => {
    const { img } = shirtPhoto();
    const out = changeColour(img, RED_TO_BLUE);
    const lightness = (x: number) => labAt(out, x, 20)[0];
    for (let x = 5; x < 64; x += 5) expect(lightness(x)).toBeGreaterThan(lightness(x - 5));
  });

  it('shifts saturation of the moved pixels only', () => {
    const { img } = shirtPhoto();
    const chroma = (lab: Lab) => Math.hypot(lab[1], lab[2]);
    const plain = changeColour(img, RED_TO_BLUE);
    const muted = changeColour(img, { ...RED_TO_BLUE, saturation: -50 });
    const before = chroma(labAt(plain, 30, 20));
    const after = chroma(labAt(muted, 30, 20));
    expect(after / before).toBeGreaterThan(0.45);
    expect(after / before).toBeLessThan(0.55);
    const white = (70 + 10 * WIDTH) * 3;
    expect([...muted.data.subarray(white, white + 3)]).toEqual([...img.data.subarray(white, white + 3)]);
  });

  it('keeps the alpha channel of an RGBA image', () => {
    const { img } = shirtPhoto(4);
    const out = changeColour(img, RED_TO_BLUE);
    expect(out.channels).toBe(4);
    for (let p = 0; p < WIDTH * HEIGHT; p++) expect(out.data[p * 4 + 3]).toBe(img.data[p * 4 + 3]);
    expect(hueDistance(rgbHue(out.data[0]!, out.data[1]!, out.data[2]!), 240)).toBeLessThan(20);
  });

  it('does not modify its input', () => {
    const { img } = shirtPhoto();
    const copy = Buffer.from(img.data);
    changeColour(img, RED_TO_BLUE);
    expect(img.data.equals(copy)).toBe(true);
  });
});

describe('ColourChangeParams', () => {
  it('fills defaults and refuses out-of-range values', () => {
    expect(ColourChangeParams.parse({ fromHue: 10, toHue: 200 })).toEqual({
      fromHue: 10,
      toHue: 200,
      range: 30,
      saturation: 0,
      minSaturation: 12,
    });
    expect(ColourChangeParams.safeParse({ fromHue: 400, toHue: 200 }).success).toBe(false);
    expect(ColourChangeParams.safeParse({ fromHue: 0, toHue: 200, range: 0 }).success).toBe(false);
  });
});
