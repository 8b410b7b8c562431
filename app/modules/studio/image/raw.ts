/**
 * The pixel types every Studio operation works on: sharp decodes to these,
 * the operations sharp has no op for (white balance, levels, colour change,
 * background removal) read and write them, and sharp encodes them again.
 *
 * Plain data, no sharp import, so the types can be shared with anything.
 */

/** 8-bit sRGB pixels, interleaved (RGB or RGBA), row-major, no padding. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** One byte per pixel, row-major: 0 = not selected, 255 = subject / selected. */
export interface Mask {
  data: Uint8Array;
  width: number;
  height: number;
}
