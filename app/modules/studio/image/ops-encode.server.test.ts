import { describe, expect, it } from 'vitest';

import { sniffFormat } from './decode.server';
import { encode, hasTransparency } from './ops-encode.server';

import { decodeRaw, drawImage, pixelAt, seededRandom, solidImage } from '../../../../tests/support/studio-images';

const random = seededRandom(3);
const photo = drawImage(120, 80, 3, (x, y) => [(x * 2 + random() * 40) % 256, (y * 3) % 256, 100 + random() * 60]);
const cutout = drawImage(40, 40, 4, (x) => (x < 20 ? [0, 0, 0, 0] : [200, 50, 50, 255]));

describe('encode', () => {
  it('makes a JPEG by default and a PNG when there is transparency', async () => {
    const jpeg = await encode(photo, { quality: 85 });
    expect(jpeg).toMatchObject({ format: 'jpeg', mime: 'image/jpeg', width: 120, height: 80 });
    expect(sniffFormat(jpeg.data)).toBe('jpeg');

    const png = await encode(cutout, { quality: 85 });
    expect(png).toMatchObject({ format: 'png', mime: 'image/png' });
    expect(pixelAt(await decodeRaw(png.data), 5, 5)[3]).toBe(0);
  });

  it('makes the format asked for, WebP keeping alpha', async () => {
    for (const format of ['webp', 'jpeg', 'png'] as const) {
      const encoded = await encode(photo, { format, quality: 80 });
      expect(sniffFormat(encoded.data)).toBe(format);
      expect(encoded.mime).toBe(`image/${format}`);
    }
    const webp = await decodeRaw((await encode(cutout, { format: 'webp', quality: 90 })).data);
    expect(webp.channels).toBe(4);
    expect(pixelAt(webp, 5, 5)[3]).toBe(0);
  });

  it('puts a transparent image asked for as JPEG onto white', async () => {
    const jpeg = await decodeRaw((await encode(cutout, { format: 'jpeg', quality: 95 })).data);
    expect(jpeg.channels).toBe(3);
    expect(pixelAt(jpeg, 5, 5).every((value) => value >= 250)).toBe(true);
  });

  it('compresses harder at a lower quality', async () => {
    for (const format of ['jpeg', 'webp'] as const) {
      const low = await encode(photo, { format, quality: 30 });
      const high = await encode(photo, { format, quality: 95 });
      expect(low.data.length).toBeLessThan(high.data.length * 0.7);
    }
  });

  it('drops an alpha channel nothing uses', async () => {
    const opaque = solidImage(10, 10, [1, 2, 3, 255]);
    expect(hasTransparency(opaque)).toBe(false);
    const png = await encode(opaque, { format: 'png', quality: 85 });
    expect((await decodeRaw(png.data)).channels).toBe(3);
  });
});
