/**
 * Studio quality (part of `npm run bench:studio`; alone:
 * `npx vite-node bench/studio-quality.ts`).
 *
 * Background removal: generated product photos with known masks
 * (bench/support/studio-photos.ts: textured objects on white, coloured and
 * gradient backdrops, half of them over a soft shadow, with sensor noise),
 * saved as JPEG (quality 90) and decoded again as a shop's photo would be,
 * then `backgroundMask` with the default settings; the score is the
 * intersection over union of the mask (at 50 %) with the truth.
 *
 * Colour correction: grey-card scenes under a colour cast with squashed
 * levels, through `autoColour` (white balance and levels); the score is the
 * card's colour error, CIEDE2000 from neutral grey of its own lightness
 * (a*=b*=0), before and after.
 *
 * BENCH_STUDIO_PHOTOS: photos per backdrop kind (default 12);
 * BENCH_STUDIO_SIZE: their edge in pixels (default 800); BENCH_STUDIO_SEED.
 */
import sharp from 'sharp';

import { backgroundMask, BackgroundRemovalParams } from '../app/modules/studio/image/background.server';
import { autoColour } from '../app/modules/studio/image/colour-correct.server';
import { deltaE2000, rgbToLab, type Lab } from '../app/modules/studio/image/colour-space';
import { maskIoU } from '../app/modules/studio/image/mask.server';
import { type Mask, type RawImage } from '../app/modules/studio/image/raw';
import { greyCardScenes, studioPhotos, type BackgroundKind } from './support/studio-photos';

const PER_KIND = Math.max(1, Number(process.env.BENCH_STUDIO_PHOTOS ?? 12));
const SIZE = Math.max(64, Number(process.env.BENCH_STUDIO_SIZE ?? 800));
const SEED = Number(process.env.BENCH_STUDIO_SEED ?? 2026);
const TARGETS: Record<'solid' | 'gradient', number> = { solid: 0.95, gradient: 0.9 };

async function throughJpeg(image: RawImage): Promise<RawImage> {
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const jpeg = await sharp(image.data, { raw }).jpeg({ quality: 90 }).toBuffer();
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

interface Scored {
  name: string;
  background: BackgroundKind;
  shadow: boolean;
  iou: number;
  ms: number;
}

async function backgroundRemoval(): Promise<void> {
  const photos = studioPhotos({ seed: SEED, size: SIZE, perKind: PER_KIND });
  const params = BackgroundRemovalParams.parse({});
  const scored: Scored[] = [];
  for (const photo of photos) {
    const image = await throughJpeg(photo.image);
    const started = process.cpuUsage();
    const mask = backgroundMask(image, params);
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    scored.push({ ...photo, iou: maskIoU(mask, photo.truth), ms });
  }
  console.log(`\nBackground removal: ${photos.length} photos of ${SIZE}×${SIZE}, JPEG 90, default settings (mean IoU)`);
  const row = (label: string, set: Scored[], target?: number) => {
    const ious = set.map((s) => s.iou);
    const verdict =
      target === undefined ? '' : mean(ious) >= target ? `  target ≥ ${target}: met` : `  target ≥ ${target}: MISSED`;
    console.log(
      `  ${label.padEnd(26)} ${mean(ious).toFixed(4)}  (min ${Math.min(...ious).toFixed(4)}, n=${set.length})${verdict}`,
    );
  };
  const of = (...kinds: BackgroundKind[]) => scored.filter((s) => kinds.includes(s.background));
  row('white', of('white'));
  row('coloured', of('solid'));
  row('solid (white + coloured)', of('white', 'solid'), TARGETS.solid);
  row('gradient', of('gradient'), TARGETS.gradient);
  row(
    'with a shadow',
    scored.filter((s) => s.shadow),
  );
  row(
    'without',
    scored.filter((s) => !s.shadow),
  );
  console.log('  lowest:');
  for (const s of [...scored].sort((a, b) => a.iou - b.iou).slice(0, 3))
    console.log(`    ${s.iou.toFixed(4)} ${s.name}`);
  const msPerMpx = mean(scored.map((s) => s.ms)) / ((SIZE * SIZE) / 1e6);
  console.log(`  CPU time: ${msPerMpx.toFixed(0)} ms per megapixel on average`);
}

function meanLab(image: RawImage, mask: Mask): Lab {
  const sum = [0, 0, 0];
  let n = 0;
  const lab: Lab = [0, 0, 0];
  for (let p = 0; p < mask.data.length; p++) {
    if (!mask.data[p]) continue;
    const i = p * image.channels;
    rgbToLab(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, lab);
    for (let c = 0; c < 3; c++) sum[c]! += lab[c]!;
    n++;
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

function errorFromNeutral(image: RawImage, card: Mask): number {
  const lab = meanLab(image, card);
  return deltaE2000(lab, [lab[0], 0, 0]);
}

function colourCorrection(): void {
  const scenes = greyCardScenes({ seed: SEED, size: 600, count: 10 });
  console.log(`\nColour correction: ${scenes.length} grey-card scenes through autoColour`);
  console.log('  grey card ΔE00 from neutral: before → white balance only / white balance + levels (the default)');
  const cuts = { balance: [] as number[], both: [] as number[] };
  for (const scene of scenes) {
    const before = errorFromNeutral(scene.image, scene.card);
    const balance = errorFromNeutral(autoColour(scene.image, { whiteBalance: true, levels: false }), scene.card);
    const both = errorFromNeutral(autoColour(scene.image, { whiteBalance: true, levels: true }), scene.card);
    cuts.balance.push(1 - balance / before);
    cuts.both.push(1 - both / before);
    console.log(
      `    ${before.toFixed(2).padStart(6)} → ${balance.toFixed(2).padStart(5)} / ${both.toFixed(2).padStart(5)}  ${scene.name}`,
    );
  }
  const line = (label: string, values: number[]) =>
    console.log(
      `  ${label.padEnd(28)} mean cut ${(mean(values) * 100).toFixed(1)} % (min ${(Math.min(...values) * 100).toFixed(1)} %)` +
        `  target ≥ 70 %: ${mean(values) >= 0.7 ? 'met' : 'MISSED'}`,
    );
  line('white balance only', cuts.balance);
  line('white balance + levels', cuts.both);
}

let run: Promise<void> | undefined;

/** Runs the quality bench once per process (importing this file runs it; calling again returns that run). */
export function runQualityBench(): Promise<void> {
  run ??= (async () => {
    await backgroundRemoval();
    colourCorrection();
  })();
  return run;
}

await runQualityBench();
