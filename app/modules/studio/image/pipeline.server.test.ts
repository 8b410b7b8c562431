import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { rgbHue } from './colour-space';
import { ImageInputError, sniffFormat } from './decode.server';
import { MASK_PREVIEW_LONG_EDGE, renderMaskPreview, renderRecipe } from './pipeline.server';
import { parseRecipe, RecipeError } from './recipe';

import {
  decodeRaw,
  drawImage,
  encodeImage,
  meanIn,
  pixelAt,
  seededRandom,
} from '../../../../tests/support/studio-images';

const random = seededRandom(5);
/** A warm-tinted product shot: a red square on an off-white backdrop, with a grain of noise. */
const shot = drawImage(800, 600, 3, (x, y) => {
  const grain = (random() - 0.5) * 6;
  const inside = x >= 250 && x < 550 && y >= 150 && y < 450;
  return (inside ? [200, 40, 45] : [236, 226, 205]).map((v) => v + grain);
});
const shotJpeg = await encodeImage(shot, 'jpeg');

const recipe = (operations: unknown[], output?: unknown) => parseRecipe({ version: 1, operations, output });

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('renderRecipe', () => {
  it('runs the operations in order and encodes as asked', async () => {
    const rendered = await renderRecipe(
      shotJpeg,
      recipe(
        [
          { op: 'crop', aspect: '1:1', x: 0, y: 0, width: 1, height: 1 },
          { op: 'rotate', degrees: 90 },
          { op: 'adjust', exposure: 10, contrast: 10, saturation: 10 },
          { op: 'sharpen', amount: 30 },
          { op: 'denoise', amount: 30 },
          { op: 'autoColour' },
          { op: 'straighten', degrees: 2 },
          { op: 'resize', maxWidth: 400 },
        ],
        { format: 'webp', quality: 80 },
      ),
    );
    expect(rendered).toMatchObject({ format: 'webp', mime: 'image/webp', width: 400, height: 400 });
    expect(sniffFormat(rendered.data)).toBe('webp');
  });

  it('corrects the backdrop towards neutral with autoColour', async () => {
    const rendered = await renderRecipe(shotJpeg, recipe([{ op: 'autoColour', levels: false }]));
    expect(rendered).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    const [r, g, b] = meanIn(await decodeRaw(rendered.data), 20, 20, 100, 100);
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(4);
  });

  it('renders a preview at preview size that looks like the full render, scaled down', async () => {
    const edit = recipe([
      { op: 'autoColour' },
      { op: 'adjust', exposure: 20, contrast: 15, saturation: -20 },
      { op: 'sharpen', amount: 40 },
      { op: 'resize', maxWidth: 600 },
    ]);
    const full = await renderRecipe(shotJpeg, edit);
    expect(full).toMatchObject({ width: 600, height: 450 });
    const preview = await renderRecipe(shotJpeg, edit, { previewLongEdge: 400 });
    // The resize to 600 of 800 is scaled with the preview: 400 × 600/800.
    expect(preview).toMatchObject({ width: 300, height: 225 });
    const fullDown = await sharp(full.data).resize(300, 225).raw().toBuffer();
    const previewPixels = await sharp(preview.data).raw().toBuffer();
    expect(meanAbsoluteDifference(fullDown, previewPixels)).toBeLessThan(4);
  });

  it('removes a background to a transparent PNG, and changes a colour, through the pixel operations', async () => {
    const cutout = await renderRecipe(shotJpeg, recipe([{ op: 'removeBackground' }]), { previewLongEdge: 400 });
    expect(cutout).toMatchObject({ format: 'png', mime: 'image/png' });
    const pixels = await decodeRaw(cutout.data);
    expect(pixels.channels).toBe(4);
    expect(pixelAt(pixels, 5, 5)[3]).toBe(0);
    expect(pixelAt(pixels, 200, 150)[3]).toBe(255);

    const blue = await decodeRaw(
      (await renderRecipe(shotJpeg, recipe([{ op: 'colourChange', fromHue: 0, range: 30, toHue: 240 }]))).data,
    );
    const [r, g, b] = meanIn(blue, 350, 250, 100, 100);
    expect(rgbHue(Math.round(r!), Math.round(g!), Math.round(b!))).toBeGreaterThan(200);
    expect(rgbHue(Math.round(r!), Math.round(g!), Math.round(b!))).toBeLessThan(280);
  });

  it('stops when its signal aborts, between operations', async () => {
    const controller = new AbortController();
    const rendering = renderRecipe(shotJpeg, recipe([{ op: 'sharpen', amount: 50 }]), { signal: controller.signal });
    controller.abort();
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      renderRecipe(shotJpeg, recipe([{ op: 'sharpen', amount: 50 }]), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses a damaged file with an ImageInputError', async () => {
    const rendering = renderRecipe(shotJpeg.subarray(0, 5000), recipe([{ op: 'sharpen', amount: 50 }]));
    await expect(rendering).rejects.toBeInstanceOf(ImageInputError);
    await expect(rendering).rejects.toMatchObject({ code: 'corrupt' });
  });
});

/** A grey PNG's one channel (sharp would hand back RGB otherwise). */
async function greyPixels(png: Buffer) {
  expect((await sharp(png).metadata()).channels).toBe(1);
  return sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
}

describe('renderMaskPreview', () => {
  it('shows what a colour change selects, on the image the operations before it made', async () => {
    const edit = recipe([
      { op: 'crop', x: 0.25, y: 0.25, width: 0.5, height: 0.5 },
      { op: 'colourChange', fromHue: 0, range: 30, toHue: 240 },
    ]);
    const preview = await renderMaskPreview(shotJpeg, edit, 1, { previewLongEdge: 400 });
    expect(preview.mime).toBe('image/png');
    const mask = await greyPixels(preview.data);
    expect(mask.info).toMatchObject({ width: 200, height: 150, channels: 1 });
    // The crop keeps x 100–300 of the 400-wide preview; the red square covers 125–275.
    expect(mask.data[75 * 200 + 100]).toBe(255);
    expect(mask.data[75 * 200 + 5]).toBe(0);
  });

  it('shows the subject a background removal keeps, at the default preview size', async () => {
    const big = await encodeImage(
      drawImage(2000, 1000, 3, (x) => (x > 800 && x < 1200 ? [30, 90, 200] : [250, 250, 250])),
      'png',
    );
    const preview = await renderMaskPreview(big, recipe([{ op: 'removeBackground' }]), 0);
    const mask = await greyPixels(preview.data);
    expect(mask.info).toMatchObject({ width: MASK_PREVIEW_LONG_EDGE, height: MASK_PREVIEW_LONG_EDGE / 2, channels: 1 });
    expect(mask.data[256 * 1024 + 512]).toBe(255);
    expect(mask.data[256 * 1024 + 20]).toBe(0);
  });

  it('refuses an operation without a mask, or none at all', async () => {
    const edit = recipe([{ op: 'sharpen', amount: 10 }]);
    await expect(renderMaskPreview(shotJpeg, edit, 0)).rejects.toEqual(
      new RecipeError([
        {
          path: 'operations[0]',
          message: 'A sharpen operation has no mask; only colourChange and removeBackground do',
        },
      ]),
    );
    await expect(renderMaskPreview(shotJpeg, edit, 3)).rejects.toBeInstanceOf(RecipeError);
  });
});
