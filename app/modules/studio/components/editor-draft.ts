/**
 * The editor's state: one value per control, every operation on or off. A
 * draft becomes a recipe by taking the operations that are on, in a fixed
 * order (geometry first, so the crop frame drawn on the original is the crop
 * applied; colour before the background is cut; sharpening last), and a
 * saved recipe becomes a draft again. Plain data, shared by the server and
 * the browser.
 */
import type { CropAspect, Operation, OperationOf, OutputFormat, Recipe } from '../image/recipe';

export interface CropDraft {
  enabled: boolean;
  aspect: CropAspect;
  /** Fractions of the original, 0..1. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EditorDraft {
  crop: CropDraft;
  rotate: 0 | 90 | 180 | 270;
  /** Degrees; 0 is off. */
  straighten: number;
  adjust: { exposure: number; contrast: number; saturation: number };
  autoColour: { whiteBalance: boolean; levels: boolean };
  colourChange: { enabled: boolean; fromHue: number; range: number; toHue: number; saturation: number };
  background: {
    enabled: boolean;
    output: 'transparent' | 'colour';
    colour: string;
    feather: number;
    shadow: boolean;
    /** null: found from the image. */
    tolerance: number | null;
  };
  sharpen: number;
  denoise: number;
  output: {
    /** 'auto': JPEG, or PNG when the result is transparent. */
    format: OutputFormat | 'auto';
    quality: number;
    /** The longest edge in pixels; null keeps the size. */
    maxEdge: number | null;
  };
}

export const WEB_SIZES = [2048, 1600, 1200, 1024, 800] as const;

export const NEW_DRAFT: EditorDraft = {
  crop: { enabled: false, aspect: 'free', x: 0, y: 0, width: 1, height: 1 },
  rotate: 0,
  straighten: 0,
  adjust: { exposure: 0, contrast: 0, saturation: 0 },
  autoColour: { whiteBalance: false, levels: false },
  colourChange: { enabled: false, fromHue: 0, range: 30, toHue: 220, saturation: 0 },
  background: { enabled: false, output: 'transparent', colour: '#ffffff', feather: 2, shadow: false, tolerance: null },
  sharpen: 0,
  denoise: 0,
  output: { format: 'auto', quality: 85, maxEdge: null },
};

const ASPECT_RATIOS: Record<Exclude<CropAspect, 'free'>, number> = { '1:1': 1, '4:5': 4 / 5, '16:9': 16 / 9 };

/**
 * The largest centred frame of a preset aspect on an image of the given
 * size, as fractions; the whole image for 'free'.
 */
export function presetFrame(aspect: CropAspect, width: number, height: number): Omit<CropDraft, 'enabled' | 'aspect'> {
  if (aspect === 'free' || width <= 0 || height <= 0) return { x: 0, y: 0, width: 1, height: 1 };
  const ratio = ASPECT_RATIOS[aspect];
  const frameWidth = Math.min(width, height * ratio);
  const frameHeight = frameWidth / ratio;
  const w = frameWidth / width;
  const h = frameHeight / height;
  return { x: (1 - w) / 2, y: (1 - h) / 2, width: w, height: h };
}

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

function cropOperation(crop: CropDraft): OperationOf<'crop'> | null {
  if (!crop.enabled) return null;
  const x = round(Math.min(Math.max(crop.x, 0), 0.99));
  const y = round(Math.min(Math.max(crop.y, 0), 0.99));
  const width = round(Math.min(Math.max(crop.width, 0.01), 1 - x));
  const height = round(Math.min(Math.max(crop.height, 0.01), 1 - y));
  const whole = x === 0 && y === 0 && width === 1 && height === 1;
  if (whole && crop.aspect === 'free') return null;
  return { op: 'crop', aspect: crop.aspect, x, y, width, height };
}

/** The operations a draft turns on, in the editor's order. */
export function draftOperations(draft: EditorDraft): Operation[] {
  const operations: (Operation | null)[] = [
    cropOperation(draft.crop),
    draft.rotate === 0 ? null : { op: 'rotate', degrees: draft.rotate },
    draft.straighten === 0 ? null : { op: 'straighten', degrees: draft.straighten },
    draft.autoColour.whiteBalance || draft.autoColour.levels ? { op: 'autoColour', ...draft.autoColour } : null,
    draft.adjust.exposure === 0 && draft.adjust.contrast === 0 && draft.adjust.saturation === 0
      ? null
      : { op: 'adjust', ...draft.adjust },
    draft.colourChange.enabled
      ? {
          op: 'colourChange',
          fromHue: draft.colourChange.fromHue,
          range: draft.colourChange.range,
          toHue: draft.colourChange.toHue,
          saturation: draft.colourChange.saturation,
          minSaturation: 12,
        }
      : null,
    draft.background.enabled
      ? {
          op: 'removeBackground',
          output: draft.background.output,
          ...(draft.background.output === 'colour' ? { colour: draft.background.colour } : {}),
          feather: draft.background.feather,
          shadow: draft.background.shadow,
          ...(draft.background.tolerance === null ? {} : { tolerance: draft.background.tolerance }),
        }
      : null,
    draft.denoise === 0 ? null : { op: 'denoise', amount: draft.denoise },
    draft.sharpen === 0 ? null : { op: 'sharpen', amount: draft.sharpen },
    draft.output.maxEdge === null
      ? null
      : { op: 'resize', maxWidth: draft.output.maxEdge, maxHeight: draft.output.maxEdge },
  ];
  return operations.filter((operation): operation is Operation => operation !== null);
}

/** The recipe a draft stands for, or null when it changes nothing. */
export function draftRecipe(draft: EditorDraft): Recipe | null {
  const operations = draftOperations(draft);
  if (operations.length === 0) return null;
  return {
    version: 1,
    operations,
    output: {
      ...(draft.output.format === 'auto' ? {} : { format: draft.output.format }),
      quality: draft.output.quality,
    },
  };
}

/** The position of the colour change in the draft's recipe (for its mask preview), or null when it is off. */
export function colourChangeIndex(draft: EditorDraft): number | null {
  const index = draftOperations(draft).findIndex((operation) => operation.op === 'colourChange');
  return index === -1 ? null : index;
}

/**
 * A saved recipe in the editor's controls. Operations the editor shows once
 * (the last of each kind wins) and values it has no control for are kept as
 * close as the controls allow.
 */
export function recipeDraft(recipe: Recipe): EditorDraft {
  const draft: EditorDraft = structuredClone(NEW_DRAFT);
  for (const operation of recipe.operations) {
    switch (operation.op) {
      case 'crop': {
        const { op: _crop, ...frame } = operation;
        draft.crop = { enabled: true, ...frame };
        break;
      }
      case 'rotate':
        draft.rotate = operation.degrees;
        break;
      case 'straighten':
        draft.straighten = operation.degrees;
        break;
      case 'adjust':
        draft.adjust = { exposure: operation.exposure, contrast: operation.contrast, saturation: operation.saturation };
        break;
      case 'autoColour':
        draft.autoColour = { whiteBalance: operation.whiteBalance, levels: operation.levels };
        break;
      case 'colourChange':
        draft.colourChange = {
          enabled: true,
          fromHue: operation.fromHue,
          range: operation.range,
          toHue: operation.toHue,
          saturation: operation.saturation,
        };
        break;
      case 'removeBackground':
        draft.background = {
          enabled: true,
          output: operation.output,
          colour: operation.colour ?? '#ffffff',
          feather: operation.feather,
          shadow: operation.shadow,
          tolerance: operation.tolerance ?? null,
        };
        break;
      case 'sharpen':
        draft.sharpen = operation.amount;
        break;
      case 'denoise':
        draft.denoise = operation.amount;
        break;
      case 'resize':
        draft.output.maxEdge = Math.max(operation.maxWidth ?? 0, operation.maxHeight ?? 0) || null;
        break;
    }
  }
  draft.output.format = recipe.output.format ?? 'auto';
  draft.output.quality = recipe.output.quality;
  return draft;
}
