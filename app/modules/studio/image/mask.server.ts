/**
 * Operations on masks and single-channel planes that background removal
 * builds on: flood fill from the border, connected components, Otsu's
 * threshold, square erosion, a Gaussian blur in place, and the
 * intersection-over-union the tests and the quality bench score with.
 *
 * Masks here are one byte per pixel (non-zero = set), row-major, 4-connected.
 * Nothing allocates more than a few bytes per pixel: these run on full-size
 * photos.
 */
import { type Mask } from './raw';

/**
 * The pixels reachable from the image border through `passable` pixels
 * (4-connected): 1 reached, 0 not.
 */
export function floodFromBorder(passable: Uint8Array, width: number, height: number): Uint8Array {
  const reached = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  let top = 0;
  const seed = (p: number) => {
    if (passable[p] && !reached[p]) {
      reached[p] = 1;
      stack[top++] = p;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  const last = width * (height - 1);
  while (top > 0) {
    const p = stack[--top]!;
    const x = p % width;
    let q = p - 1;
    if (x > 0 && passable[q] && !reached[q]) {
      reached[q] = 1;
      stack[top++] = q;
    }
    q = p + 1;
    if (x < width - 1 && passable[q] && !reached[q]) {
      reached[q] = 1;
      stack[top++] = q;
    }
    q = p - width;
    if (p >= width && passable[q] && !reached[q]) {
      reached[q] = 1;
      stack[top++] = q;
    }
    q = p + width;
    if (p < last && passable[q] && !reached[q]) {
      reached[q] = 1;
      stack[top++] = q;
    }
  }
  return reached;
}

export interface Components {
  /** Component number of each set pixel (1..count), 0 for unset pixels. */
  labels: Int32Array;
  /** Pixel count of each component, indexed by its number (index 0 unused). */
  sizes: number[];
}

/** 4-connected components of the set pixels. */
export function connectedComponents(set: Uint8Array, width: number, height: number): Components {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const sizes = [0];
  const last = width * (height - 1);
  for (let start = 0; start < set.length; start++) {
    if (!set[start] || labels[start]) continue;
    const label = sizes.length;
    let size = 0;
    let top = 0;
    labels[start] = label;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const x = p % width;
      let q = p - 1;
      if (x > 0 && set[q] && !labels[q]) {
        labels[q] = label;
        stack[top++] = q;
      }
      q = p + 1;
      if (x < width - 1 && set[q] && !labels[q]) {
        labels[q] = label;
        stack[top++] = q;
      }
      q = p - width;
      if (p >= width && set[q] && !labels[q]) {
        labels[q] = label;
        stack[top++] = q;
      }
      q = p + width;
      if (p < last && set[q] && !labels[q]) {
        labels[q] = label;
        stack[top++] = q;
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/**
 * Otsu's threshold of a histogram: the bin that best splits it into two
 * classes (maximum between-class variance). Returns the first bin of the
 * upper class.
 */
export function otsuThreshold(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < histogram.length; i++) {
    total += histogram[i]!;
    sum += i * histogram[i]!;
  }
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let i = 0; i < histogram.length; i++) {
    below += histogram[i]!;
    sumBelow += i * histogram[i]!;
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = sumBelow / below;
    const meanAbove = (sum - sumBelow) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = i + 1;
    }
  }
  return best;
}

/**
 * 1 where every pixel of the (2r+1)² square around is set (pixels beyond the
 * image count as set), 0 elsewhere: erosion by a square, in two sliding
 * passes.
 */
export function erode(set: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(set.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let unset = 0;
    for (let x = 0; x < Math.min(width, radius); x++) if (!set[row + x]) unset++;
    for (let x = 0; x < width; x++) {
      if (x + radius < width && !set[row + x + radius]) unset++;
      if (x - radius - 1 >= 0 && !set[row + x - radius - 1]) unset--;
      across[row + x] = unset === 0 ? 1 : 0;
    }
  }
  const result = new Uint8Array(set.length);
  for (let x = 0; x < width; x++) {
    let unset = 0;
    for (let y = 0; y < Math.min(height, radius); y++) if (!across[y * width + x]) unset++;
    for (let y = 0; y < height; y++) {
      if (y + radius < height && !across[(y + radius) * width + x]) unset++;
      if (y - radius - 1 >= 0 && !across[(y - radius - 1) * width + x]) unset--;
      result[y * width + x] = unset === 0 ? 1 : 0;
    }
  }
  return result;
}

/** One box pass along each row, in place (edges clamped), with a one-row buffer. */
function boxRows(plane: Float32Array, width: number, height: number, radius: number, row: Float32Array) {
  const scale = 1 / (2 * radius + 1);
  for (let y = 0; y < height; y++) {
    const start = y * width;
    row.set(plane.subarray(start, start + width));
    let acc = 0;
    for (let k = -radius - 1; k < radius; k++) acc += row[Math.min(width - 1, Math.max(0, k))]!;
    for (let x = 0; x < width; x++) {
      acc += row[Math.min(width - 1, x + radius)]! - row[Math.max(0, x - radius - 1)]!;
      plane[start + x] = acc * scale;
    }
  }
}

/**
 * One box pass down each column, in place (edges clamped). The rows about to
 * be overwritten are kept in a ring of radius + 2 rows, which is all the
 * sliding sum still needs of them.
 */
function boxColumns(plane: Float32Array, width: number, height: number, radius: number) {
  const scale = 1 / (2 * radius + 1);
  const ringRows = radius + 2;
  const ring = new Float32Array(ringRows * width);
  const acc = new Float64Array(width);
  for (let k = -radius - 1; k < radius; k++) {
    const source = Math.min(height - 1, Math.max(0, k)) * width;
    for (let x = 0; x < width; x++) acc[x]! += plane[source + x]!;
  }
  ring.set(plane.subarray(0, width));
  for (let y = 0; y < height; y++) {
    const add = Math.min(height - 1, y + radius) * width;
    const drop = (Math.max(0, y - radius - 1) % ringRows) * width;
    for (let x = 0; x < width; x++) acc[x]! += plane[add + x]! - ring[drop + x]!;
    ring.set(plane.subarray(y * width, y * width + width), (y % ringRows) * width);
    for (let x = 0; x < width; x++) plane[y * width + x] = acc[x]! * scale;
  }
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = Float32Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const sum = kernel.reduce((a, b) => a + b, 0);
  return kernel.map((k) => k / sum);
}

/**
 * Convolves every row with the kernel, in place (edges clamped). Where the
 * whole window holds one value (most of a mask: all subject or all
 * background) the value stays as it is.
 */
function convolveRows(plane: Float32Array, width: number, height: number, kernel: Float32Array) {
  const radius = (kernel.length - 1) / 2;
  const padded = new Float32Array(width + 2 * radius);
  // changes[i]: how many times the padded row changes value up to index i.
  const changes = new Int32Array(width + 2 * radius);
  for (let y = 0; y < height; y++) {
    const start = y * width;
    padded.set(plane.subarray(start, start + width), radius);
    padded.fill(plane[start]!, 0, radius);
    padded.fill(plane[start + width - 1]!, radius + width);
    for (let i = 1; i < padded.length; i++) changes[i] = changes[i - 1]! + (padded[i] !== padded[i - 1] ? 1 : 0);
    if (changes[padded.length - 1] === 0) continue;
    for (let x = 0; x < width; x++) {
      if (changes[x + 2 * radius] === changes[x]) continue;
      let acc = 0;
      for (let k = 0; k < kernel.length; k++) acc += kernel[k]! * padded[x + k]!;
      plane[start + x] = acc;
    }
  }
}

/** Convolves every column with the kernel, in place, keeping the last radius + 1 original rows in a ring. */
function convolveColumns(plane: Float32Array, width: number, height: number, kernel: Float32Array) {
  const radius = (kernel.length - 1) / 2;
  const ringRows = radius + 1;
  const ring = new Float32Array(ringRows * width);
  const out = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    out.fill(0);
    for (let k = -radius; k <= radius; k++) {
      const j = Math.min(height - 1, Math.max(0, y + k));
      const weight = kernel[k + radius]!;
      // Rows above y were overwritten already: their originals are in the ring.
      const source =
        j < y
          ? ring.subarray((j % ringRows) * width, (j % ringRows) * width + width)
          : plane.subarray(j * width, j * width + width);
      for (let x = 0; x < width; x++) out[x]! += weight * source[x]!;
    }
    ring.set(plane.subarray(y * width, y * width + width), (y % ringRows) * width);
    plane.set(out, y * width);
  }
}

/**
 * Gaussian blur of a float plane in place (edges clamped), using a few rows of
 * extra memory: an exact kernel under sigma 3, three box passes each way
 * above it (a kernel of sigma √(r(r+1)), r picked to match), where the exact
 * one gets slow.
 */
export function blurPlane(plane: Float32Array, width: number, height: number, sigma: number): void {
  if (sigma < 0.3) return;
  if (sigma < 3) {
    const kernel = gaussianKernel(sigma);
    convolveRows(plane, width, height, kernel);
    convolveColumns(plane, width, height, kernel);
    return;
  }
  const radius = Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2);
  const row = new Float32Array(width);
  for (let pass = 0; pass < 3; pass++) boxRows(plane, width, height, radius, row);
  for (let pass = 0; pass < 3; pass++) boxColumns(plane, width, height, radius);
}

/** Intersection over union of two masks, each thresholded at 128. */
export function maskIoU(a: Mask, b: Mask): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('Masks of different sizes');
  let intersection = 0;
  let union = 0;
  for (let p = 0; p < a.data.length; p++) {
    const inA = a.data[p]! >= 128;
    const inB = b.data[p]! >= 128;
    if (inA && inB) intersection++;
    if (inA || inB) union++;
  }
  return union === 0 ? 1 : intersection / union;
}
