import { describe, expect, it } from 'vitest';

import { blurPlane, connectedComponents, erode, floodFromBorder, maskIoU, otsuThreshold } from './mask.server';

/** A mask from rows of '#' (set) and '.' (unset). */
function grid(rows: string[]): { set: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const set = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { set, width, height: rows.length };
}

function draw(set: Uint8Array, width: number): string[] {
  const rows: string[] = [];
  for (let p = 0; p < set.length; p += width)
    rows.push([...set.subarray(p, p + width)].map((v) => (v ? '#' : '.')).join(''));
  return rows;
}

describe('floodFromBorder', () => {
  it('reaches what the border connects to, 4-connected, and not enclosed or diagonal-only pixels', () => {
    const { set, width, height } = grid([
      '#######', //
      '#.....#',
      '#.###.#',
      '#.#.#.#',
      '#.###.#',
      '#.....#',
      '###.###',
    ]);
    const passable = set.map((v) => 1 - v);
    // In through the gap at the bottom, round the corridor; the centre is walled in.
    expect(draw(floodFromBorder(passable, width, height), width)).toEqual([
      '.......', //
      '.#####.',
      '.#...#.',
      '.#...#.',
      '.#...#.',
      '.#####.',
      '...#...',
    ]);
    const open = grid(['.#.', '#.#', '.#.']);
    expect(draw(floodFromBorder(open.set, 3, 3), 3)).toEqual(['.#.', '#.#', '.#.']);
  });
});

describe('connectedComponents', () => {
  it('numbers 4-connected parts and counts their pixels', () => {
    const { set, width, height } = grid([
      '##..#', //
      '#...#',
      '..#..',
      '.#.##',
    ]);
    const { labels, sizes } = connectedComponents(set, width, height);
    expect(sizes.slice(1).sort()).toEqual([1, 1, 2, 2, 3]);
    expect(labels[0]).toBe(labels[5]);
    expect(labels[12]).not.toBe(labels[16]);
    expect(labels[2]).toBe(0);
  });
});

describe('otsuThreshold', () => {
  it('splits a two-peaked histogram between its peaks', () => {
    const histogram = new Array(100).fill(0);
    for (let i = 0; i < 100; i++)
      histogram[i] = 1000 * Math.exp(-((i - 20) ** 2) / 18) + 400 * Math.exp(-((i - 70) ** 2) / 50);
    const t = otsuThreshold(histogram);
    expect(t).toBeGreaterThan(30);
    expect(t).toBeLessThan(60);
  });

  it('puts everything above the only populated bin of a flat image', () => {
    expect(otsuThreshold([0, 0, 5, 0])).toBe(0);
  });
});

describe('erode', () => {
  it('keeps the pixels whose whole square is set; beyond the image counts as set', () => {
    const { set, width, height } = grid([
      '######', //
      '######',
      '######',
      '####.#',
      '######',
    ]);
    expect(draw(erode(set, width, height, 1), width)).toEqual([
      '######', //
      '######',
      '###...',
      '###...',
      '###...',
    ]);
  });
});

describe('blurPlane', () => {
  it('spreads an impulse as a Gaussian of the asked sigma, keeping the total', () => {
    for (const sigma of [1, 2.5, 6]) {
      const size = 81;
      const plane = new Float32Array(size * size);
      plane[40 * size + 40] = 1;
      blurPlane(plane, size, size, sigma);
      let total = 0;
      let variance = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          total += plane[y * size + x]!;
          variance += plane[y * size + x]! * (x - 40) ** 2;
        }
      }
      expect(total).toBeCloseTo(1, 4);
      expect(Math.sqrt(variance / total) / sigma).toBeGreaterThan(0.85);
      expect(Math.sqrt(variance / total) / sigma).toBeLessThan(1.15);
      // Symmetric both ways.
      expect(plane[40 * size + 43]).toBeCloseTo(plane[43 * size + 40]!, 5);
      expect(plane[40 * size + 37]).toBeCloseTo(plane[40 * size + 43]!, 5);
    }
  });

  it('leaves a constant plane constant, edges included', () => {
    const plane = new Float32Array(30 * 20).fill(0.7);
    blurPlane(plane, 30, 20, 4);
    for (const v of plane) expect(v).toBeCloseTo(0.7, 5);
  });
});

describe('maskIoU', () => {
  it('is intersection over union at the 128 threshold', () => {
    const a = { data: Uint8Array.from([255, 255, 0, 0, 200]), width: 5, height: 1 };
    const b = { data: Uint8Array.from([255, 0, 255, 0, 127]), width: 5, height: 1 };
    expect(maskIoU(a, b)).toBeCloseTo(1 / 4);
    expect(maskIoU(a, a)).toBe(1);
    expect(() => maskIoU(a, { ...b, width: 1, height: 5 })).toThrow(/sizes/);
  });
});
