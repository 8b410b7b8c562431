/**
 * Background removal without a model: the background is estimated from the
 * image border, and the subject is what differs from it in CIELAB.
 *
 * 1. Background model. Border pixels are fitted, per Lab channel, with a
 *    quadratic surface over the image (a + bu + cv + du² + ev² + fuv), so a
 *    solid backdrop, a studio sweep or a vignette are all one model. The fit
 *    is trimmed: the border pixels furthest from it (a subject touching the
 *    edge, a shadow) are dropped and it is fitted again.
 * 2. Distance. Each pixel's ΔE76 to the model at its place. A pixel counts as
 *    background when it is within the threshold (a quarter of Otsu's split of
 *    the distances, kept between the border's noise and 8; or `tolerance`),
 *    or when it looks like a soft shadow on the background: darker, with the
 *    background's chromaticity (a*, b* scaled with lightness as a shadow
 *    scales them), and smooth.
 * 3. Regions. Background is what is reachable from the border through
 *    background-like pixels; the model is then fitted again to all of it and
 *    the flood repeated. Specks are dropped and only the subject's large
 *    components kept; holes are filled unless they are large and match the
 *    background model to its noise (the inside of a ring).
 *    Steps 1–3 run on a copy of at most a megapixel; near the boundary found
 *    there, each full-size pixel is classified again.
 * 4. Edge. Within two pixels of the boundary, alpha comes from unmixing each
 *    pixel between the nearby sure-subject and sure-background colours, and
 *    the colour is decontaminated (the background's share taken out), so no
 *    halo of the old background remains. `feather` then softens the alpha
 *    with a Gaussian (a ramp about that many pixels wide).
 *
 * Memory: the model work is bounded by the megapixel copy; at full size a
 * few bytes per pixel (alpha and, when feathering, two planes of floats).
 */
import { z } from 'zod';

import { imageToLab, parseHexColour, rgbToLab } from './colour-space';
import { blurPlane, connectedComponents, erode, floodFromBorder, otsuThreshold } from './mask.server';
import { type Mask, type RawImage } from './raw';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #ffffff');

/**
 * Background removal settings (a plain object schema, so a recipe operation can
 * `.extend` it). `tolerance` is the colour difference (ΔE, 0–100) under which
 * a pixel counts as background; left out, it is found from the image.
 */
export const BackgroundRemovalParams = z.object({
  output: z.enum(['transparent', 'colour']).default('transparent'),
  /** The new background when `output` is "colour"; white when left out. */
  colour: hexColour.optional(),
  feather: z.number().min(0).max(20).default(2),
  shadow: z.boolean().default(false),
  tolerance: z.number().min(0).max(100).optional(),
});
export type BackgroundRemovalParams = z.infer<typeof BackgroundRemovalParams>;

/** The model and the regions are found on a copy of at most this many pixels. */
const WORK_PIXELS = 1_000_000;
/** The darkest a shadow gets, as (L*+16) relative to the background's: about 30 % of the light left. */
const SHADOW_MIN_RATIO = 0.66;
/** The automatic threshold never goes over this ΔE (subjects are rarely closer to their backdrop). */
const MAX_AUTO_THRESHOLD = 8;

// ─── The background surface ────────────────────────────────────────────────

/** Terms of the surface: 1, u, v, u², v², uv, with u, v from -0.5 to 0.5 across the image. */
const TERMS = 6;

/** TERMS coefficients per Lab channel. */
type Surface = Float64Array;

interface Samples {
  u: Float32Array;
  v: Float32Array;
  lab: Float32Array;
  count: number;
}

interface Fit {
  surface: Surface;
  /** Median ΔE of the inliers to the surface: the backdrop's noise. */
  noise: number;
  /** Share of the samples the surface explains. */
  inliers: number;
}

/**
 * The surface along one row (fixed v) as a quadratic in u per channel:
 * value = row[3c] + u·(row[3c+1] + u·row[3c+2]).
 */
function surfaceRow(surface: Surface, v: number, row: Float64Array): void {
  for (let c = 0; c < 3; c++) {
    const k = c * TERMS;
    row[c * 3] = surface[k]! + surface[k + 2]! * v + surface[k + 4]! * v * v;
    row[c * 3 + 1] = surface[k + 1]! + surface[k + 5]! * v;
    row[c * 3 + 2] = surface[k + 3]!;
  }
}

function surfaceAt(surface: Surface, u: number, v: number, out: Float64Array): void {
  for (let c = 0; c < 3; c++) {
    const k = c * TERMS;
    out[c] =
      surface[k]! +
      surface[k + 1]! * u +
      surface[k + 2]! * v +
      surface[k + 3]! * u * u +
      surface[k + 4]! * v * v +
      surface[k + 5]! * u * v;
  }
}

/** Least-squares surface through the kept samples (normal equations, Gaussian elimination). */
function solveSurface(samples: Samples, keep: Uint8Array): Surface {
  const normal = new Float64Array(TERMS * TERMS);
  const rhs = new Float64Array(TERMS * 3);
  const basis = new Float64Array(TERMS);
  for (let i = 0; i < samples.count; i++) {
    if (!keep[i]) continue;
    const u = samples.u[i]!;
    const v = samples.v[i]!;
    basis[0] = 1;
    basis[1] = u;
    basis[2] = v;
    basis[3] = u * u;
    basis[4] = v * v;
    basis[5] = u * v;
    for (let r = 0; r < TERMS; r++) {
      for (let c = 0; c < TERMS; c++) normal[r * TERMS + c]! += basis[r]! * basis[c]!;
      for (let ch = 0; ch < 3; ch++) rhs[ch * TERMS + r]! += basis[r]! * samples.lab[i * 3 + ch]!;
    }
  }
  // A little ridge keeps the system solvable when the samples cannot pin every term (a one-pixel-high image).
  for (let r = 0; r < TERMS; r++) normal[r * TERMS + r]! += 1e-6 * (1 + normal[0]!);
  const surface = new Float64Array(TERMS * 3);
  for (let ch = 0; ch < 3; ch++) {
    const a = Float64Array.from(normal);
    const b = rhs.slice(ch * TERMS, ch * TERMS + TERMS);
    for (let col = 0; col < TERMS; col++) {
      let pivot = col;
      for (let r = col + 1; r < TERMS; r++) {
        if (Math.abs(a[r * TERMS + col]!) > Math.abs(a[pivot * TERMS + col]!)) pivot = r;
      }
      for (let c = 0; c < TERMS; c++) {
        const t = a[col * TERMS + c]!;
        a[col * TERMS + c] = a[pivot * TERMS + c]!;
        a[pivot * TERMS + c] = t;
      }
      const t = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = t;
      for (let r = col + 1; r < TERMS; r++) {
        const factor = a[r * TERMS + col]! / a[col * TERMS + col]!;
        for (let c = col; c < TERMS; c++) a[r * TERMS + c]! -= factor * a[col * TERMS + c]!;
        b[r]! -= factor * b[col]!;
      }
    }
    for (let r = TERMS - 1; r >= 0; r--) {
      let sum = b[r]!;
      for (let c = r + 1; c < TERMS; c++) sum -= a[r * TERMS + c]! * surface[ch * TERMS + c]!;
      surface[ch * TERMS + r] = sum / a[r * TERMS + r]!;
    }
  }
  return surface;
}

function median(values: Float32Array): number {
  if (values.length === 0) return 0;
  return values.slice().sort()[values.length >> 1]!;
}

/**
 * Trimmed fit: start from `initial` (or the per-channel median colour), then
 * keep the samples within 3× the inliers' median residual and fit the surface
 * to them, five times over.
 */
function robustFit(samples: Samples, initial?: Surface): Fit {
  let surface = initial;
  if (!surface) {
    surface = new Float64Array(TERMS * 3);
    const channel = new Float32Array(samples.count);
    for (let ch = 0; ch < 3; ch++) {
      for (let i = 0; i < samples.count; i++) channel[i] = samples.lab[i * 3 + ch]!;
      surface[ch * TERMS] = median(channel);
    }
  }
  const residuals = new Float32Array(samples.count);
  const within = new Float32Array(samples.count);
  const keep = new Uint8Array(samples.count);
  const model = new Float64Array(3);
  let cutoff = Infinity;
  let noise = 0;
  let kept = 0;
  for (let round = 0; round < 6; round++) {
    let n = 0;
    for (let i = 0; i < samples.count; i++) {
      surfaceAt(surface, samples.u[i]!, samples.v[i]!, model);
      const dl = samples.lab[i * 3]! - model[0]!;
      const da = samples.lab[i * 3 + 1]! - model[1]!;
      const db = samples.lab[i * 3 + 2]! - model[2]!;
      const r = Math.sqrt(dl * dl + da * da + db * db);
      residuals[i] = r;
      if (r <= cutoff) within[n++] = r;
    }
    noise = median(within.subarray(0, n));
    cutoff = Math.max(2, 3 * noise);
    kept = 0;
    for (let i = 0; i < samples.count; i++) {
      keep[i] = residuals[i]! <= cutoff ? 1 : 0;
      kept += keep[i]!;
    }
    if (round === 5 || kept < TERMS * 2) break;
    surface = solveSurface(samples, keep);
  }
  return { surface, noise, inliers: samples.count === 0 ? 0 : kept / samples.count };
}

class SampleList {
  private u: number[] = [];
  private v: number[] = [];
  private lab: number[] = [];

  add(x: number, y: number, width: number, height: number, lab: Float32Array, p: number) {
    this.u.push((x + 0.5) / width - 0.5);
    this.v.push((y + 0.5) / height - 0.5);
    this.lab.push(lab[p * 3]!, lab[p * 3 + 1]!, lab[p * 3 + 2]!);
  }

  samples(): Samples {
    return {
      u: Float32Array.from(this.u),
      v: Float32Array.from(this.v),
      lab: Float32Array.from(this.lab),
      count: this.u.length,
    };
  }
}

/** A band along the border, 1 % of the short side deep, at most ~12,000 samples. */
function borderSamples(width: number, height: number, lab: Float32Array): Samples {
  const band = Math.max(1, Math.round(Math.min(width, height) * 0.01));
  const stride = Math.max(1, Math.floor((2 * (width + height) * band) / 12000));
  const list = new SampleList();
  let n = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y < band || y >= height - band;
    for (let x = 0; x < width; x++) {
      if (!edgeRow && x === band) x = Math.max(x, width - band);
      if (n++ % stride === 0) list.add(x, y, width, height, lab, y * width + x);
    }
  }
  return list.samples();
}

/** The pixels found to be background by colour (not shadow), at most ~40,000 on a grid. */
function backgroundSamples(width: number, height: number, lab: Float32Array, regions: Regions): Samples {
  const step = Math.max(1, Math.round(Math.sqrt((width * height) / 40000)));
  const list = new SampleList();
  for (let y = step >> 1; y < height; y += step) {
    for (let x = step >> 1; x < width; x += step) {
      const p = y * width + x;
      if (!regions.subject[p] && regions.kind[p] === BY_COLOUR) list.add(x, y, width, height, lab, p);
    }
  }
  return list.samples();
}

// ─── Working copy ──────────────────────────────────────────────────────────

/**
 * RGB at most WORK_PIXELS (block averages of factor × factor pixels);
 * transparent pixels count as white, as a page would show them.
 */
function workingCopy(img: RawImage): { work: RawImage; factor: number } {
  const { width, height, channels, data } = img;
  const factor = Math.max(1, Math.ceil(Math.sqrt((width * height) / WORK_PIXELS)));
  if (factor === 1 && channels === 3) return { work: img, factor };
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const sums = new Float64Array(w * h * 3);
  const counts = new Uint32Array(w * h);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * w;
    for (let x = 0; x < width; x++) {
      const q = row + Math.floor(x / factor);
      const i = (y * width + x) * channels;
      const alpha = channels === 4 ? data[i + 3]! / 255 : 1;
      for (let c = 0; c < 3; c++) sums[q * 3 + c]! += data[i + c]! * alpha + 255 * (1 - alpha);
      counts[q]!++;
    }
  }
  const out = Buffer.alloc(w * h * 3);
  for (let q = 0; q < w * h; q++) {
    for (let c = 0; c < 3; c++) out[q * 3 + c] = Math.round(sums[q * 3 + c]! / counts[q]!);
  }
  return { work: { data: out, width: w, height: h, channels: 3 }, factor };
}

// ─── Classification and regions ────────────────────────────────────────────

const BY_COLOUR = 1;
const SHADOW = 2;

/** How a pixel relates to the background model. */
interface Classifier {
  fit: Fit;
  threshold: number;
  shadowTolerance: number;
  /** L* this much under the model before a pixel can be a shadow. */
  darker: number;
}

function classifier(fit: Fit, threshold: number): Classifier {
  return {
    fit,
    threshold,
    shadowTolerance: Math.min(8, Math.max(2.5, threshold * 0.6)),
    darker: Math.max(1.5, 1.5 * fit.noise),
  };
}

/**
 * SHADOW when the pixel could be the background in shadow (darker, within the
 * shadow range, with the background's chromaticity), BY_COLOUR when within
 * the threshold of the background, 0 otherwise. `model` is the surface's Lab
 * at the pixel. Smoothness is the caller's to check.
 */
function kindOf(c: Classifier, l: number, a: number, b: number, model: ArrayLike<number>): number {
  const ml = model[0]!;
  const ma = model[1]!;
  const mb = model[2]!;
  if (l < ml - c.darker) {
    const ratio = (l + 16) / (ml + 16);
    const ra = a - ratio * ma;
    const rb = b - ratio * mb;
    if (ratio >= SHADOW_MIN_RATIO && ra * ra + rb * rb < c.shadowTolerance * c.shadowTolerance) return SHADOW;
  }
  const distance = (l - ml) * (l - ml) + (a - ma) * (a - ma) + (b - mb) * (b - mb);
  return distance < c.threshold * c.threshold ? BY_COLOUR : 0;
}

/** Magnitude of the Sobel gradient of L* at an inner pixel, per pixel step. */
function sobelL(lab: Float32Array, p: number, width: number): number {
  const l = (q: number) => lab[q * 3]!;
  const gx = l(p - width + 1) + 2 * l(p + 1) + l(p + width + 1) - l(p - width - 1) - 2 * l(p - 1) - l(p + width - 1);
  const gy =
    l(p + width - 1) + 2 * l(p + width) + l(p + width + 1) - l(p - width - 1) - 2 * l(p - width) - l(p - width + 1);
  return Math.sqrt(gx * gx + gy * gy) / 8;
}

interface Regions {
  /** 1 subject, 0 background. */
  subject: Uint8Array;
  /** BY_COLOUR, SHADOW or 0 per pixel. */
  kind: Uint8Array;
  /** ΔE to the model per pixel. */
  distance: Float32Array;
}

function classifyPixels(work: RawImage, lab: Float32Array, fit: Fit, tolerance: number | undefined) {
  const { width, height } = work;
  const pixels = width * height;
  const distance = new Float32Array(pixels);
  const row = new Float64Array(9);
  const model = new Float64Array(3);
  const histogram = new Float64Array(200);
  for (let y = 0; y < height; y++) {
    surfaceRow(fit.surface, (y + 0.5) / height - 0.5, row);
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const u = (x + 0.5) / width - 0.5;
      let sum = 0;
      for (let c = 0; c < 3; c++)
        sum += (lab[p * 3 + c]! - row[c * 3]! - u * (row[c * 3 + 1]! + u * row[c * 3 + 2]!)) ** 2;
      distance[p] = Math.sqrt(sum);
      histogram[Math.min(199, Math.floor(distance[p]! * 2))]! += 1;
    }
  }
  const noiseFloor = Math.max(3.5, 3 * fit.noise);
  const threshold =
    tolerance ?? Math.min(Math.max(otsuThreshold(histogram) / 4, noiseFloor), Math.max(noiseFloor, MAX_AUTO_THRESHOLD));
  const rules = classifier(fit, threshold);
  const smoothness = 2.5 + 2 * fit.noise;
  const kind = new Uint8Array(pixels);
  for (let y = 0; y < height; y++) {
    surfaceRow(fit.surface, (y + 0.5) / height - 0.5, row);
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const u = (x + 0.5) / width - 0.5;
      for (let ch = 0; ch < 3; ch++) model[ch] = row[ch * 3]! + u * (row[ch * 3 + 1]! + u * row[ch * 3 + 2]!);
      let k = kindOf(rules, lab[p * 3]!, lab[p * 3 + 1]!, lab[p * 3 + 2]!, model);
      // A soft shadow changes slowly; an object's edge or texture does not.
      const inner = x > 0 && y > 0 && x < width - 1 && y < height - 1;
      if (k === SHADOW && inner && sobelL(lab, p, width) >= smoothness) {
        k = distance[p]! < threshold ? BY_COLOUR : 0;
      }
      kind[p] = k;
    }
  }
  return { distance, kind, classifier: rules };
}

/**
 * Subject = not reachable from the border through background-like pixels,
 * without specks, holes filled unless see-through.
 */
function findRegions(width: number, height: number, kind: Uint8Array, distance: Float32Array, noise: number): Regions {
  const pixels = width * height;
  const background = floodFromBorder(kind, width, height);
  const subject = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) subject[p] = background[p] ? 0 : 1;

  // Keep the subject's large components: a pair of earrings stays two, noise specks go.
  const parts = connectedComponents(subject, width, height);
  const largest = Math.max(0, ...parts.sizes.slice(1));
  const minPart = Math.max(24, pixels * 0.0003, largest * 0.02);

  const enclosed = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) enclosed[p] = kind[p] && !background[p] ? 1 : 0;
  const holes = connectedComponents(enclosed, width, height);
  const holeDistance = new Float64Array(holes.sizes.length);
  const holeLit = new Float64Array(holes.sizes.length);
  for (let p = 0; p < pixels; p++) {
    const hole = holes.labels[p]!;
    if (hole && kind[p] === BY_COLOUR) {
      holeDistance[hole]! += distance[p]!;
      holeLit[hole]! += 1;
    }
  }
  // See-through: large, with a good part of it lit background matching the model to its noise (or
  // barely visibly off it, as a gradient the surface fits imperfectly is). A label the colour of the backdrop is shaded by the product's light (which looks like a shadow) or differs by
  // more than the noise, so it is filled: a filled handle beats a punched-out label.
  const minHole = Math.max(64, pixels * 0.002);
  const seeThrough = holes.sizes.map(
    (size, hole) =>
      hole > 0 &&
      size >= minHole &&
      holeLit[hole]! >= size / 4 &&
      holeDistance[hole]! / holeLit[hole]! <= Math.max(3.5, 2 * noise),
  );
  for (let p = 0; p < pixels; p++) {
    const part = parts.labels[p]!;
    if ((part && parts.sizes[part]! < minPart) || seeThrough[holes.labels[p]!]) subject[p] = 0;
  }
  return { subject, kind, distance };
}

interface Segmentation {
  work: RawImage;
  factor: number;
  subject: Uint8Array;
  classifier: Classifier;
}

function segmentWorkingCopy(img: RawImage, tolerance: number | undefined): Segmentation {
  const { work, factor } = workingCopy(img);
  const { width, height } = work;
  const lab = imageToLab(work.data, 3);
  let fit = robustFit(borderSamples(width, height, lab));
  let classified = classifyPixels(work, lab, fit, tolerance);
  let regions = findRegions(width, height, classified.kind, classified.distance, fit.noise);
  // Fit the model again to all of the background found, then look again with it.
  const refit = robustFit(backgroundSamples(width, height, lab, regions), fit.surface);
  if (refit.inliers > 0.5) {
    fit = refit;
    classified = classifyPixels(work, lab, fit, tolerance);
    regions = findRegions(width, height, classified.kind, classified.distance, fit.noise);
  }
  return { work, factor, subject: regions.subject, classifier: classified.classifier };
}

// ─── Full size: boundary, alpha, colour ────────────────────────────────────

/**
 * The subject at full size: the working copy's regions scaled up, and every
 * pixel of a block on or next to the boundary classified again by its own
 * colour.
 */
function fullSizeSubject(img: RawImage, seg: Segmentation): Uint8Array {
  const { width, height, channels, data } = img;
  const { factor, work, subject: coarse } = seg;
  if (factor === 1) return coarse;
  const notCoarse = new Uint8Array(coarse.length);
  for (let q = 0; q < coarse.length; q++) notCoarse[q] = coarse[q] ? 0 : 1;
  const sureSubject = erode(coarse, work.width, work.height, 1);
  const sureBackground = erode(notCoarse, work.width, work.height, 1);
  const subject = new Uint8Array(width * height);
  const row = new Float64Array(9);
  const model = new Float64Array(3);
  const lab = new Float32Array(3);
  for (let y = 0; y < height; y++) {
    surfaceRow(seg.classifier.fit.surface, (y + 0.5) / height - 0.5, row);
    const blockRow = Math.floor(y / factor) * work.width;
    for (let x = 0; x < width; x++) {
      const q = blockRow + Math.floor(x / factor);
      const p = y * width + x;
      if (sureSubject[q] || sureBackground[q]) {
        subject[p] = coarse[q]!;
        continue;
      }
      const i = p * channels;
      if (channels === 4 && data[i + 3]! < 128) continue;
      const u = (x + 0.5) / width - 0.5;
      for (let c = 0; c < 3; c++) model[c] = row[c * 3]! + u * (row[c * 3 + 1]! + u * row[c * 3 + 2]!);
      rgbToLab(data[i]!, data[i + 1]!, data[i + 2]!, lab);
      subject[p] = kindOf(seg.classifier, lab[0]!, lab[1]!, lab[2]!, model) ? 0 : 1;
    }
  }
  return subject;
}

/** Mean RGB of the `sure` pixels in the square of radius r around (x, y); false if none. */
function meanNear(img: RawImage, sure: Uint8Array, x0: number, y0: number, r: number, out: Float64Array): boolean {
  const { width, height, channels, data } = img;
  let n = 0;
  out.fill(0);
  for (let y = Math.max(0, y0 - r); y <= Math.min(height - 1, y0 + r); y++) {
    for (let x = Math.max(0, x0 - r); x <= Math.min(width - 1, x0 + r); x++) {
      const q = y * width + x;
      if (!sure[q]) continue;
      for (let c = 0; c < 3; c++) out[c]! += data[q * channels + c]!;
      n++;
    }
  }
  if (n === 0) return false;
  for (let c = 0; c < 3; c++) out[c]! /= n;
  return true;
}

interface Cutout {
  /** 0–1 per pixel. */
  alpha: Float32Array;
  /** Decontaminated RGB per pixel where alpha is above zero (only when asked for). */
  colour: Uint8Array | null;
}

/**
 * Alpha (and colour) at full size. Two pixels or more inside either region
 * are sure; in between, a pixel P is unmixed between the mean sure-subject
 * colour F and sure-background colour B near it: alpha = (P−B)·(F−B)/|F−B|²,
 * colour = (P − (1−alpha)·B) / alpha.
 */
function cutout(img: RawImage, subject: Uint8Array, withColour: boolean): Cutout {
  const { width, height, channels, data } = img;
  const pixels = width * height;
  const notSubject = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) notSubject[p] = subject[p] ? 0 : 1;
  const sureSubject = erode(subject, width, height, 2);
  const sureBackground = erode(notSubject, width, height, 2);
  const alpha = new Float32Array(pixels);
  const colour = withColour ? new Uint8Array(pixels * 3) : null;
  const fg = new Float64Array(3);
  const bg = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * channels;
      if (sureBackground[p]) continue;
      if (sureSubject[p]) {
        alpha[p] = 1;
        if (colour) for (let c = 0; c < 3; c++) colour[p * 3 + c] = data[i + c]!;
        continue;
      }
      let a = subject[p]!;
      const found =
        (meanNear(img, sureSubject, x, y, 3, fg) || meanNear(img, sureSubject, x, y, 7, fg)) &&
        (meanNear(img, sureBackground, x, y, 3, bg) || meanNear(img, sureBackground, x, y, 7, bg));
      const contrast = found ? (fg[0]! - bg[0]!) ** 2 + (fg[1]! - bg[1]!) ** 2 + (fg[2]! - bg[2]!) ** 2 : 0;
      if (contrast >= 144) {
        let projection = 0;
        for (let c = 0; c < 3; c++) projection += (data[i + c]! - bg[c]!) * (fg[c]! - bg[c]!);
        a = Math.min(1, Math.max(0, projection / contrast));
      }
      alpha[p] = a;
      if (!colour) continue;
      for (let c = 0; c < 3; c++) {
        // Decontaminate: take the background's share out of the pixel; barely covered pixels take the subject's colour.
        const value =
          contrast >= 144 && a >= 0.3 ? (data[i + c]! - (1 - a) * bg[c]!) / a : found ? fg[c]! : data[i + c]!;
        colour[p * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return { alpha, colour };
}

/**
 * Softens the edge: alpha blurred by a Gaussian of sigma feather/2.5 (so the
 * 10–90 % ramp is about `feather` pixels wide). Pixels that were mostly
 * outside take the colour of the subject near them (a Gaussian-weighted mean
 * of the covered pixels around, sampled on a grid of at most 9×9), so the
 * soft edge carries the subject's colour, not black or the old background.
 */
function feather(cut: Cutout, width: number, height: number, amount: number): void {
  const sigma = amount / 2.5;
  if (sigma < 0.3) return;
  const { alpha, colour } = cut;
  const blurred = Float32Array.from(alpha);
  blurPlane(blurred, width, height, sigma);
  if (colour) {
    const radius = Math.ceil(3 * sigma);
    const step = Math.max(1, Math.floor(radius / 4));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        if (alpha[p]! >= 0.5 || blurred[p]! < 1e-3) continue;
        let weight = 0;
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dy = -radius; dy <= radius; dy += step) {
          const qy = y + dy;
          if (qy < 0 || qy >= height) continue;
          for (let dx = -radius; dx <= radius; dx += step) {
            const qx = x + dx;
            if (qx < 0 || qx >= width) continue;
            const q = qy * width + qx;
            const w = alpha[q]! * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
            if (w === 0) continue;
            weight += w;
            r += w * colour[q * 3]!;
            g += w * colour[q * 3 + 1]!;
            b += w * colour[q * 3 + 2]!;
          }
        }
        if (weight === 0) continue;
        colour[p * 3] = Math.round(r / weight);
        colour[p * 3 + 1] = Math.round(g / weight);
        colour[p * 3 + 2] = Math.round(b / weight);
      }
    }
  }
  alpha.set(blurred);
}

function segment(img: RawImage, params: BackgroundRemovalParams, withColour: boolean): Cutout {
  const seg = segmentWorkingCopy(img, params.tolerance);
  const subject = fullSizeSubject(img, seg);
  const cut = cutout(img, subject, withColour);
  feather(cut, img.width, img.height, params.feather);
  if (img.channels === 4) {
    for (let p = 0; p < img.width * img.height; p++) cut.alpha[p]! *= img.data[p * 4 + 3]! / 255;
  }
  return cut;
}

// ─── What the pipeline calls ───────────────────────────────────────────────

/** The subject as a mask (255 = subject, soft at the edge): the editor's mask preview. */
export function backgroundMask(img: RawImage, params: BackgroundRemovalParams): Mask {
  const { alpha } = segment(img, params, false);
  const data = new Uint8Array(alpha.length);
  for (let p = 0; p < alpha.length; p++) data[p] = Math.round(alpha[p]! * 255);
  return { data, width: img.width, height: img.height };
}

/** A soft drop shadow under the subject: its alpha, moved down a little and blurred, at 40 %. */
function dropShadow(alpha: Float32Array, width: number, height: number, feathering: number): Float32Array {
  const shadow = new Float32Array(alpha.length);
  const dx = Math.round(width * 0.01);
  const dy = Math.round(height * 0.02);
  for (let y = dy; y < height; y++) {
    for (let x = dx; x < width; x++) shadow[y * width + x] = alpha[(y - dy) * width + x - dx]! * 0.4;
  }
  blurPlane(shadow, width, height, Math.min(width, height) * 0.015 + feathering);
  return shadow;
}

/**
 * The image without its background: RGBA with the subject's alpha
 * (`transparent`), or RGB on `colour` (white by default). With `shadow`, a
 * soft drop shadow is drawn under the subject. Edge colours are
 * decontaminated either way.
 */
export function removeBackground(img: RawImage, params: BackgroundRemovalParams): RawImage {
  const { width, height } = img;
  const { alpha, colour } = segment(img, params, true);
  const shadow = params.shadow ? dropShadow(alpha, width, height, params.feather) : null;
  const transparent = params.output === 'transparent';
  const channels = transparent ? 4 : 3;
  const out = Buffer.alloc(width * height * channels);
  const backdrop = parseHexColour(params.colour ?? '#ffffff');
  for (let p = 0; p < width * height; p++) {
    const a = alpha[p]!;
    const s = shadow ? shadow[p]! * (1 - a) : 0;
    const o = p * channels;
    for (let c = 0; c < 3; c++) {
      const subject = colour![p * 3 + c]! * a;
      // The shadow is black: over a colour it takes its share of the backdrop; transparent, it adds coverage only.
      out[o + c] = transparent
        ? a + s > 0
          ? Math.round(subject / (a + s))
          : 0
        : Math.round(subject + backdrop[c]! * (1 - a - s));
    }
    if (transparent) out[o + 3] = Math.round((a + s) * 255);
  }
  return { data: out, width, height, channels };
}

/**
 * What kind of background a photo has, from its border: `white`, `solid`
 * (one colour), `gradient` (a smooth change across the image) or `complex`
 * (a scene, a texture, or a subject filling the frame). For the media
 * browser's filter; a thumbnail is enough.
 */
export function classifyBackground(img: RawImage): 'white' | 'solid' | 'gradient' | 'complex' {
  const { work } = workingCopy(img);
  const fit = robustFit(borderSamples(work.width, work.height, imageToLab(work.data, 3)));
  if (fit.inliers < 0.7 || fit.noise > 4) return 'complex';
  const points: Float64Array[] = [];
  for (const u of [-0.5, 0, 0.5]) {
    for (const v of [-0.5, 0, 0.5]) {
      const at = new Float64Array(3);
      surfaceAt(fit.surface, u, v, at);
      points.push(at);
    }
  }
  let spread = 0;
  for (const x of points) {
    for (const y of points) spread = Math.max(spread, Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!));
  }
  if (spread >= 6) return 'gradient';
  const [l, a, b] = points[4]!;
  return l! >= 90 && Math.hypot(a!, b!) <= 6 ? 'white' : 'solid';
}
