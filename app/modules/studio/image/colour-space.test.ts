import { describe, expect, it } from 'vitest';
import {
  deltaE2000,
  deltaE76,
  hueDistance,
  hueToRgb,
  imageToLab,
  labToLch,
  labToLinear,
  lchToLab,
  linearToByte,
  parseHexColour,
  rgbHue,
  rgbToLab,
  SRGB_TO_LINEAR,
  type Lab,
} from './colour-space';

/**
 * Sharma, Wu and Dalal (2005), table 1: the 34 CIEDE2000 test pairs
 * [L1, a1, b1, L2, a2, b2, ΔE00], chosen to exercise every branch of the
 * formula, including the mean-hue discontinuity (pairs 9–16).
 */
const SHARMA: [number, number, number, number, number, number, number][] = [
  [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
  [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
  [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
  [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
  [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
  [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
  [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
  [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
  [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
  [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
  [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
  [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
  [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
  [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

function lab(r: number, g: number, b: number): Lab {
  const out: Lab = [0, 0, 0];
  rgbToLab(r, g, b, out);
  return out;
}

describe('CIEDE2000', () => {
  it.each(SHARMA.map((row, i) => [i + 1, row] as const))('matches Sharma pair %i both ways', (_pair, row) => {
    const [l1, a1, b1, l2, a2, b2, expected] = row;
    expect(deltaE2000([l1, a1, b1], [l2, a2, b2])).toBeCloseTo(expected, 4);
    expect(deltaE2000([l2, a2, b2], [l1, a1, b1])).toBeCloseTo(expected, 4);
  });

  it('is zero for identical colours', () => {
    expect(deltaE2000([53, 80, 67], [53, 80, 67])).toBe(0);
  });
});

describe('CIE76', () => {
  it('is the Euclidean distance in Lab: white to black is 100', () => {
    expect(deltaE76(lab(255, 255, 255), lab(0, 0, 0))).toBeCloseTo(100, 2);
    expect(deltaE76([50, 3, 4], [50, 0, 0])).toBe(5);
  });
});

describe('sRGB to CIELAB', () => {
  it('gives the published values for the sRGB primaries and white (D65)', () => {
    const cases: [[number, number, number], Lab][] = [
      [
        [255, 255, 255],
        [100, 0, 0],
      ],
      [
        [255, 0, 0],
        [53.24, 80.09, 67.2],
      ],
      [
        [0, 255, 0],
        [87.73, -86.18, 83.18],
      ],
      [
        [0, 0, 255],
        [32.3, 79.19, -107.86],
      ],
      [
        [128, 128, 128],
        [53.59, 0, 0],
      ],
    ];
    for (const [[r, g, b], expected] of cases) {
      const actual = lab(r, g, b);
      expect(deltaE76(actual, expected)).toBeLessThan(0.05);
    }
  });

  it('round-trips every grey and a lattice of colours through Lab to the same bytes', () => {
    const linear = new Float64Array(3);
    for (let r = 0; r < 256; r += 5) {
      for (let g = 0; g < 256; g += 15) {
        for (let b = 0; b < 256; b += 17) {
          const [l, a, bb] = lab(r, g, b);
          labToLinear(l, a, bb, linear);
          expect([linearToByte(linear[0]!), linearToByte(linear[1]!), linearToByte(linear[2]!)]).toEqual([r, g, b]);
        }
      }
    }
    for (let v = 0; v < 256; v++) expect(linearToByte(SRGB_TO_LINEAR[v]!)).toBe(v);
  });

  it('clamps out-of-gamut linear values', () => {
    expect(linearToByte(-0.2)).toBe(0);
    expect(linearToByte(Number.NaN)).toBe(0);
    expect(linearToByte(1.7)).toBe(255);
  });

  it('converts a whole image, skipping alpha', () => {
    const data = Uint8Array.from([255, 0, 0, 10, 255, 255, 255, 200]);
    const out = imageToLab(data, 4);
    expect(out).toHaveLength(6);
    expect(deltaE76([out[0]!, out[1]!, out[2]!], lab(255, 0, 0))).toBeLessThan(1e-4);
    expect(out[3]).toBeCloseTo(100, 3);
  });
});

describe('LCh and hue', () => {
  it('LCh round-trips and gives red its hue of about 40 degrees', () => {
    const red = lab(255, 0, 0);
    const [l, c, h] = labToLch(red);
    expect(h).toBeCloseTo(39.99, 1);
    expect(c).toBeCloseTo(104.55, 1);
    expect(deltaE76(lchToLab(l, c, h), red)).toBeLessThan(1e-9);
  });

  it('HSV hue follows the CSS colour wheel and hueToRgb inverts it', () => {
    expect(rgbHue(255, 0, 0)).toBe(0);
    expect(rgbHue(0, 255, 0)).toBe(120);
    expect(rgbHue(0, 0, 255)).toBe(240);
    expect(rgbHue(255, 0, 128)).toBeCloseTo(329.9, 1);
    expect(rgbHue(90, 90, 90)).toBe(0);
    for (const hue of [0, 30, 60, 120, 200, 240, 300, 359]) {
      const [r, g, b] = hueToRgb(hue);
      expect(hueDistance(rgbHue(r, g, b), hue)).toBeLessThan(0.5);
    }
    expect(hueToRgb(-120)).toEqual(hueToRgb(240));
  });

  it('measures hue distance the short way round', () => {
    expect(hueDistance(350, 10)).toBe(20);
    expect(hueDistance(10, 350)).toBe(20);
    expect(hueDistance(0, 180)).toBe(180);
    expect(hueDistance(720, 0)).toBe(0);
  });

  it('parses #rrggbb and refuses anything else', () => {
    expect(parseHexColour('#FF8000')).toEqual([255, 128, 0]);
    expect(() => parseHexColour('red')).toThrow(/#rrggbb/);
  });
});
