/**
 * Studio speed and memory (part of `npm run bench:studio`; alone:
 * `npx vite-node bench/studio-speed.ts`).
 *
 * The full recipe — decode, adjust (exposure, contrast, saturation), automatic
 * colour (white balance and levels), sharpen, resize to 1600 px, encode JPEG
 * 85 — on a generated 2048×2048 JPEG product photo, through Studio's own
 * functions (sharp plus our raw-buffer loops), against the same steps in
 * jimp (pure JavaScript) in the same process: jimp's own operation where it
 * has one (brightness, contrast, saturate, normalize for levels, a 3×3
 * sharpen convolution, resize, JPEG encode) and, for white balance, which
 * jimp lacks, Studio's estimate and gains run on jimp's bitmap. Then the
 * preview path (decoded at 1024 px) and the memory one job takes, and whether
 * it grows over many jobs.
 *
 * BENCH_STUDIO_RUNS: runs of each path (default 5; jimp runs at most 3).
 */
import { Jimp } from 'jimp';
import sharp from 'sharp';

import { applyGains, autoColour, estimateWhiteBalance } from '../app/modules/studio/image/colour-correct.server';
import { decodeImage } from '../app/modules/studio/image/decode.server';
import { encode } from '../app/modules/studio/image/ops-encode.server';
import { resize } from '../app/modules/studio/image/ops-geometry.server';
import { adjust, sharpen } from '../app/modules/studio/image/ops-tone.server';
import { renderRecipe } from '../app/modules/studio/image/pipeline.server';
import { parseRecipe } from '../app/modules/studio/image/recipe';

const SIZE = 2048;
const RUNS = Math.max(1, Number(process.env.BENCH_STUDIO_RUNS ?? 5));
const JIMP_RUNS = Math.min(RUNS, 3);
const MB = 1024 * 1024;

const recipe = parseRecipe({
  version: 1,
  operations: [
    { op: 'adjust', exposure: 10, contrast: 10, saturation: 10 },
    { op: 'autoColour', whiteBalance: true, levels: true },
    { op: 'sharpen', amount: 40 },
    { op: 'resize', maxWidth: 1600, maxHeight: 1600 },
  ],
  output: { format: 'jpeg', quality: 85 },
});

/**
 * A warm-tinted product shot: a textured, shaded bottle-like shape on a soft
 * gradient backdrop with a fine weave, sensor noise everywhere (so the JPEG is not trivially
 * small and every step has real work).
 */
async function productPhotoJpeg(): Promise<Buffer> {
  const data = Buffer.alloc(SIZE * SIZE * 3);
  let seed = 17;
  const noise = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return ((seed >>> 16) / 65536 - 0.5) * 12;
  };
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const u = x / SIZE - 0.5;
      const v = y / SIZE - 0.5;
      // A paper-like backdrop: a soft falloff and a fine weave.
      const backdrop = 228 - 40 * v * v - 30 * u * u + 5 * Math.sin(x * 0.9) * Math.sin(y * 1.3);
      let colour = [backdrop * 1.04, backdrop * 0.98, backdrop * 0.86];
      const body = (u / 0.22) ** 2 + ((v - 0.08) / 0.36) ** 2;
      if (body < 1) {
        const shade = 0.55 + 0.45 * Math.cos(u * 6);
        const stripe = Math.sin(y / 9) > 0.6 ? 0.8 : 1;
        colour = [190 * shade * stripe, 52 * shade, 60 * shade * stripe];
      }
      const at = (y * SIZE + x) * 3;
      for (let c = 0; c < 3; c++) data[at + c] = Math.max(0, Math.min(255, Math.round(colour[c]! + noise())));
    }
  }
  return sharp(data, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

interface Time {
  wall: number;
  /** CPU time of the process (every thread), which a busy shared machine distorts far less than wall time. */
  cpu: number;
}
type Steps = Record<string, Time>;

function clock(): () => Time {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
  };
}

async function timedSteps(run: (step: <T>(name: string, work: () => Promise<T> | T) => Promise<T>) => Promise<void>) {
  const steps: Steps = {};
  const job = clock();
  await run(async (name, work) => {
    const stepClock = clock();
    const result = await work();
    steps[name] = stepClock();
    return result;
  });
  return { total: job(), steps };
}

/** Studio's path: the functions renderRecipe runs, one by one so each step is timed. */
function studioJob(input: Buffer) {
  return timedSteps(async (step) => {
    let image = await step('decode', () => decodeImage(input));
    image = await step('adjust', () => adjust(image, { op: 'adjust', exposure: 10, contrast: 10, saturation: 10 }));
    image = await step('autoColour', () => autoColour(image, { whiteBalance: true, levels: true }));
    image = await step('sharpen', () => sharpen(image, 40));
    image = await step('resize', () => resize(image, { maxWidth: 1600, maxHeight: 1600 }));
    await step('encode', () => encode(image, recipe.output));
  });
}

function jimpJob(input: Buffer) {
  return timedSteps(async (step) => {
    const image = await step('decode', () => Jimp.read(input));
    await step('adjust', () => {
      image.brightness(2 ** 0.2).contrast(0.1);
      image.color([{ apply: 'saturate', params: [10] }]);
    });
    await step('autoColour', () => {
      const raw = {
        data: image.bitmap.data,
        width: image.bitmap.width,
        height: image.bitmap.height,
        channels: 4 as const,
      };
      const balanced = applyGains(raw, estimateWhiteBalance(raw));
      balanced.data.copy(image.bitmap.data);
      image.normalize();
    });
    await step('sharpen', () =>
      image.convolute([
        [0, -0.4, 0],
        [-0.4, 2.6, -0.4],
        [0, -0.4, 0],
      ]),
    );
    await step('resize', () => image.resize({ w: 1600, h: 1600 }));
    await step('encode', () => image.getBuffer('image/jpeg', { quality: 85 }));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianTime = (times: Time[]): Time => ({
  wall: median(times.map((time) => time.wall)),
  cpu: median(times.map((time) => time.cpu)),
});
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

function medianSteps(runs: { steps: Steps }[]): Steps {
  const names = Object.keys(runs[0]!.steps);
  return Object.fromEntries(names.map((name) => [name, medianTime(runs.map((run) => run.steps[name]!))]));
}

// One libvips thread, as jimp has one JavaScript thread (libvips would otherwise use every core).
sharp.concurrency(1);
const input = await productPhotoJpeg();
console.log(
  `Studio speed: ${SIZE}×${SIZE} JPEG (${(input.length / MB).toFixed(1)} MB), sharp on 1 thread, ` +
    `median of ${RUNS} runs (jimp ${JIMP_RUNS}); wall / CPU time\n`,
);

// Memory first, on a fresh process: what one job adds to the peak, then whether more jobs add more.
const peakBefore = peakRssMb();
const peaks: [jobs: number, peak: number][] = [];
for (let job = 1; job <= 30; job++) {
  await renderRecipe(input, recipe);
  if ([1, 5, 10, 20, 30].includes(job)) peaks.push([job, peakRssMb()]);
}

const studioRuns = [];
for (let i = 0; i < RUNS; i++) studioRuns.push(await studioJob(input));
const renders: Time[] = [];
const previews: Time[] = [];
for (let i = 0; i < RUNS; i++) {
  const render = clock();
  await renderRecipe(input, recipe);
  renders.push(render());
  const preview = clock();
  await renderRecipe(input, recipe, { previewLongEdge: 1024 });
  previews.push(preview());
}

const jimpRuns = [];
for (let i = 0; i < JIMP_RUNS; i++) jimpRuns.push(await jimpJob(input));
const peakJimp = peakRssMb();

const studio = medianSteps(studioRuns);
const jimp = medianSteps(jimpRuns);
const studioTotal = medianTime(studioRuns.map((run) => run.total));
const jimpTotal = medianTime(jimpRuns.map((run) => run.total));
const pair = (time: Time) => `${ms(time.wall)} ${ms(time.cpu)}`;

console.log(
  `${'step'.padEnd(12)} ${'studio wall / CPU'.padStart(19)} ${'jimp wall / CPU'.padStart(19)}   jimp ÷ studio (CPU)`,
);
for (const name of Object.keys(studio)) {
  console.log(
    `${name.padEnd(12)} ${pair(studio[name]!)} ${pair(jimp[name]!)}   ${(jimp[name]!.cpu / studio[name]!.cpu).toFixed(1)}×`,
  );
}
const withoutAdjust = (steps: Steps) =>
  Object.entries(steps).reduce((sum, [name, time]) => sum + (name === 'adjust' ? 0 : time.cpu), 0);
console.log(
  `${'full recipe'.padEnd(12)} ${pair(studioTotal)} ${pair(jimpTotal)}   ${(jimpTotal.cpu / studioTotal.cpu).toFixed(1)}× ` +
    `(wall ${(jimpTotal.wall / studioTotal.wall).toFixed(1)}×; without the adjust step ${(withoutAdjust(jimp) / withoutAdjust(studio)).toFixed(1)}×; target ≥ 10×)`,
);
console.log(`renderRecipe, full size:       ${pair(medianTime(renders))}`);
console.log(`renderRecipe, 1024 px preview: ${pair(medianTime(previews))}   (target < 150 ms on one core)`);
console.log(
  `\nmemory (MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX ?? 'unset'}): peak RSS ${peakBefore.toFixed(0)} MB before; after ` +
    peaks
      .map(([jobs, peak]) => `${jobs} full-size job${jobs > 1 ? 's' : ''} +${(peak - peakBefore).toFixed(0)} MB`)
      .join(', ') +
    `; after jimp's runs +${(peakJimp - peakBefore).toFixed(0)} MB`,
);
