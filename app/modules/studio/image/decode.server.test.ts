import { crc32, deflateSync } from 'node:zlib';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { decodeImage, ImageInputError, inspectImage, LIMITS, sniffFormat } from './decode.server';

import { drawImage, encodeImage, pixelAt, solidImage } from '../../../../tests/support/studio-images';

const photo = drawImage(60, 40, 3, (x, y) => [x * 4, y * 6, 128]);

async function refusal(bytes: Buffer): Promise<ImageInputError> {
  const error = await inspectImage(bytes).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ImageInputError) return error;
  throw new Error(`expected an ImageInputError, got ${String(error)}`);
}

/** A PNG made by hand: a real signature and IHDR (with its CRC) announcing any size, then a tiny IDAT. */
function handMadePng(width: number, height: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndBody));
    return Buffer.concat([length, typeAndBody, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('inspectImage', () => {
  it.each(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff'] as const)('recognises a %s by its content', async (format) => {
    const bytes = await encodeImage(photo, format);
    expect(sniffFormat(bytes)).toBe(format);
    expect(await inspectImage(bytes)).toEqual({ format, width: 60, height: 40, hasAlpha: false, bytes: bytes.length });
  });

  it('reports alpha, and the size as displayed after the EXIF orientation', async () => {
    const withAlpha = await encodeImage(solidImage(10, 10, [255, 0, 0, 128]), 'png');
    expect(await inspectImage(withAlpha)).toMatchObject({ format: 'png', hasAlpha: true });

    const sideways = await sharp(photo.data, { raw: { width: 60, height: 40, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await inspectImage(sideways)).toMatchObject({ width: 40, height: 60 });
  });

  it('goes by the bytes, not the name: PNG bytes uploaded as photo.jpg are a PNG', async () => {
    const png = await encodeImage(photo, 'png');
    expect((await inspectImage(png)).format).toBe('png');
  });

  it.each([
    ['a text file', Buffer.from('name,price\nShirt,20\n')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['a HEIC photo', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')])],
  ])('refuses %s as unsupported', async (_name, bytes) => {
    const error = await refusal(bytes);
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      'This file is not an image Studio can edit. Use a JPEG, PNG, WebP, GIF, AVIF or TIFF image.',
    );
  });

  it('refuses a truncated JPEG and a truncated PNG as corrupt', async () => {
    const jpeg = await encodeImage(photo, 'jpeg');
    const png = await encodeImage(photo, 'png');
    const halfJpeg = await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(halfJpeg).toMatchObject({ code: 'corrupt', message: 'The JPEG image is damaged or incomplete.' });
    expect((await refusal(png.subarray(0, Math.floor(png.length / 2)))).code).toBe('corrupt');
  });

  it('refuses a file that only starts like an image', async () => {
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('not really'),
    ]);
    expect(await refusal(fake)).toMatchObject({
      code: 'corrupt',
      message: 'The file starts like a PNG image but cannot be read.',
    });
    expect((await refusal(Buffer.alloc(0))).code).toBe('corrupt');
  });

  it('refuses a file over the byte limit before reading it', async () => {
    const huge = Buffer.alloc(LIMITS.maxBytes + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await refusal(huge)).toMatchObject({
      code: 'too-large',
      message: 'The file is 25.0 MB; images up to 25 MB are accepted.',
    });
  });

  it('refuses a decompression bomb from its header, without decoding a pixel', async () => {
    const bomb = handMadePng(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    expect(await refusal(bomb)).toMatchObject({
      code: 'too-many-pixels',
      message: 'The image is 100000×100000 (10000.0 megapixels); images up to 50.0 megapixels are accepted.',
    });
    await expect(decodeImage(bomb)).rejects.toMatchObject({ code: 'too-many-pixels' });
  });
});

describe('decodeImage', () => {
  it('decodes to 8-bit sRGB at full size with the pixels intact', async () => {
    const image = await decodeImage(await encodeImage(photo, 'png'));
    expect(image).toMatchObject({ width: 60, height: 40, channels: 3 });
    expect(pixelAt(image, 10, 5)).toEqual([40, 30, 128]);
  });

  it('shrinks to the preview size while decoding, never enlarging', async () => {
    const jpeg = await encodeImage(photo, 'jpeg');
    expect(await decodeImage(jpeg, { longEdge: 30 })).toMatchObject({ width: 30, height: 20 });
    expect(await decodeImage(jpeg, { longEdge: 600 })).toMatchObject({ width: 60, height: 40 });
  });

  it('turns grey, grey+alpha and 16-bit images into 8-bit RGB(A)', async () => {
    const grey = await sharp(Buffer.alloc(8 * 8, 90), { raw: { width: 8, height: 8, channels: 1 } })
      .png()
      .toBuffer();
    const greyAlpha = await sharp(Buffer.alloc(8 * 8 * 2, 90), { raw: { width: 8, height: 8, channels: 2 } })
      .png()
      .toBuffer();
    const deep = await sharp(photo.data, { raw: { width: 60, height: 40, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect(pixelAt(await decodeImage(grey), 0, 0)).toEqual([90, 90, 90]);
    expect(pixelAt(await decodeImage(greyAlpha), 0, 0)).toEqual([90, 90, 90, 90]);
    const deepImage = await decodeImage(deep);
    expect(deepImage.channels).toBe(3);
    expect(pixelAt(deepImage, 10, 5)).toEqual([40, 30, 128]);
  });

  it('puts a sideways camera photo upright', async () => {
    const sideways = await sharp(photo.data, { raw: { width: 60, height: 40, channels: 3 } })
      .png()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = await decodeImage(sideways);
    expect(upright).toMatchObject({ width: 40, height: 60 });
    // Orientation 6: the stored top-left corner is shown top-right.
    expect(pixelAt(upright, 39, 0)).toEqual(pixelAt(photo, 0, 0));
  });

  it('refuses a truncated file', async () => {
    const jpeg = await encodeImage(photo, 'jpeg');
    await expect(decodeImage(jpeg.subarray(0, jpeg.length - 200))).rejects.toMatchObject({ code: 'corrupt' });
  });
});
