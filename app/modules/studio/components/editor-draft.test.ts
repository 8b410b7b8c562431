/**
 * The editor's draft and its recipe: no change is no recipe; every draft the
 * controls can make is a recipe parseRecipe accepts (fast-check over the
 * controls' ranges), its operations in the editor's order; a saved recipe
 * loads back into the same controls; preset crop frames have their exact
 * aspect; the eyedropper reads back the hue a swatch shows; the browser's
 * pages go forward and back along their trail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../image/recipe';
import { browserSearch, nextPage, previousPage, readTrail } from './browser-url';
import { colourChangeIndex, draftRecipe, NEW_DRAFT, presetFrame, recipeDraft, type EditorDraft } from './editor-draft';
import { hueColour, pixelHue } from './hue';

const FULL: EditorDraft = {
  crop: { enabled: true, aspect: '4:5', x: 0.1, y: 0, width: 0.8, height: 1 },
  rotate: 90,
  straighten: -2.5,
  adjust: { exposure: 10, contrast: -5, saturation: 20 },
  autoColour: { whiteBalance: true, levels: false },
  colourChange: { enabled: true, fromHue: 30, range: 25, toHue: 250, saturation: 10 },
  background: { enabled: true, output: 'colour', colour: '#f4f4f4', feather: 3, shadow: true, tolerance: 40 },
  sharpen: 30,
  denoise: 15,
  output: { format: 'webp', quality: 80, maxEdge: 1600 },
};

const draftArbitrary: fc.Arbitrary<EditorDraft> = fc.record({
  crop: fc.record({
    enabled: fc.boolean(),
    aspect: fc.constantFrom('free' as const, '1:1' as const, '4:5' as const, '16:9' as const),
    x: fc.double({ min: 0, max: 1, noNaN: true }),
    y: fc.double({ min: 0, max: 1, noNaN: true }),
    width: fc.double({ min: 0, max: 1, noNaN: true }),
    height: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  rotate: fc.constantFrom(0 as const, 90 as const, 180 as const, 270 as const),
  straighten: fc.integer({ min: -90, max: 90 }).map((half) => half / 2),
  adjust: fc.record({
    exposure: fc.integer({ min: -100, max: 100 }),
    contrast: fc.integer({ min: -100, max: 100 }),
    saturation: fc.integer({ min: -100, max: 100 }),
  }),
  autoColour: fc.record({ whiteBalance: fc.boolean(), levels: fc.boolean() }),
  colourChange: fc.record({
    enabled: fc.boolean(),
    fromHue: fc.integer({ min: 0, max: 360 }),
    range: fc.integer({ min: 1, max: 180 }),
    toHue: fc.integer({ min: 0, max: 360 }),
    saturation: fc.integer({ min: -100, max: 100 }),
  }),
  background: fc.record({
    enabled: fc.boolean(),
    output: fc.constantFrom('transparent' as const, 'colour' as const),
    colour: fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`),
    feather: fc.integer({ min: 0, max: 20 }),
    shadow: fc.boolean(),
    tolerance: fc.option(fc.integer({ min: 0, max: 100 })),
  }),
  sharpen: fc.integer({ min: 0, max: 100 }),
  denoise: fc.integer({ min: 0, max: 100 }),
  output: fc.record({
    format: fc.constantFrom('auto' as const, 'jpeg' as const, 'webp' as const, 'png' as const),
    quality: fc.integer({ min: 1, max: 100 }),
    maxEdge: fc.constantFrom(null, 2048, 1600, 1200, 1024, 800),
  }),
});

describe('the editor draft', () => {
  it('is no recipe while nothing is changed, output settings alone included', () => {
    expect(draftRecipe(NEW_DRAFT)).toBeNull();
    expect(draftRecipe({ ...NEW_DRAFT, output: { format: 'webp', quality: 60, maxEdge: null } })).toBeNull();
    // A crop switched on but still the whole image, free: nothing to do.
    expect(draftRecipe({ ...NEW_DRAFT, crop: { ...NEW_DRAFT.crop, enabled: true } })).toBeNull();
  });

  it('turns every control into one operation, in the editor’s order, that parseRecipe accepts', () => {
    const recipe = draftRecipe(FULL);
    expect(recipe).not.toBeNull();
    const parsed = parseRecipe(recipe);
    expect(parsed.operations.map((operation) => operation.op)).toEqual([
      'crop',
      'rotate',
      'straighten',
      'autoColour',
      'adjust',
      'colourChange',
      'removeBackground',
      'denoise',
      'sharpen',
      'resize',
    ]);
    expect(parsed.operations[0]).toEqual({ op: 'crop', aspect: '4:5', x: 0.1, y: 0, width: 0.8, height: 1 });
    expect(parsed.operations[6]).toEqual({
      op: 'removeBackground',
      output: 'colour',
      colour: '#f4f4f4',
      feather: 3,
      shadow: true,
      tolerance: 40,
    });
    expect(parsed.operations[9]).toEqual({ op: 'resize', maxWidth: 1600, maxHeight: 1600 });
    expect(parsed.output).toEqual({ format: 'webp', quality: 80 });
    expect(colourChangeIndex(FULL)).toBe(5);
    expect(colourChangeIndex(NEW_DRAFT)).toBeNull();
  });

  it('leaves the format out when automatic, and the colour out for a transparent background', () => {
    const recipe = parseRecipe(
      draftRecipe({ ...NEW_DRAFT, background: { ...NEW_DRAFT.background, enabled: true, colour: '#000000' } }),
    );
    expect(recipe.output.format).toBeUndefined();
    expect(recipe.operations).toEqual([{ op: 'removeBackground', output: 'transparent', feather: 2, shadow: false }]);
  });

  it('makes a recipe parseRecipe accepts from any setting of the controls', () => {
    fc.assert(
      fc.property(draftArbitrary, (draft) => {
        const recipe = draftRecipe(draft);
        if (recipe === null) return;
        expect(() => parseRecipe(recipe)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it('loads a saved recipe back into the same controls', () => {
    expect(recipeDraft(parseRecipe(draftRecipe(FULL)))).toEqual(FULL);
    fc.assert(
      fc.property(draftArbitrary, (draft) => {
        const recipe = draftRecipe(draft);
        if (recipe === null) return;
        // Loaded and turned into a recipe again: the same recipe.
        expect(draftRecipe(recipeDraft(parseRecipe(recipe)))).toEqual(parseRecipe(recipe));
      }),
      { numRuns: 200 },
    );
  });

  it('fits a preset crop frame of the exact aspect, centred, as large as the image allows', () => {
    const square = presetFrame('1:1', 300, 200);
    expect(square.height).toBe(1);
    expect((square.width * 300) / (square.height * 200)).toBeCloseTo(1, 10);
    expect(square.x).toBeCloseTo((1 - 200 / 300) / 2, 10);
    const wide = presetFrame('16:9', 1000, 1000);
    expect(wide.width).toBe(1);
    expect((wide.width * 1000) / (wide.height * 1000)).toBeCloseTo(16 / 9, 10);
    expect(wide.y).toBeCloseTo((1 - 9 / 16) / 2, 10);
    expect(presetFrame('free', 300, 200)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('hues', () => {
  it('reads back the hue a swatch shows (the eyedropper on a hue slider’s colour)', () => {
    for (let hue = 0; hue < 360; hue += 15) {
      const hex = hueColour(hue);
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
      const read = pixelHue(r, g, b);
      const distance = Math.abs(((read.hue - hue + 540) % 360) - 180);
      expect(distance, `hue ${hue} → ${hex} → ${read.hue}`).toBeLessThanOrEqual(1);
      expect(read.chroma).toBeGreaterThan(30);
    }
  });

  it('finds no colour in white, grey and black', () => {
    for (const value of [0, 128, 255]) expect(pixelHue(value, value, value).chroma).toBeLessThan(1);
  });

  it('reads a photo’s red, green and blue where a colour wheel has them', () => {
    expect(pixelHue(200, 30, 40).hue).toBe(356);
    expect(pixelHue(40, 160, 60).hue).toBe(130);
    expect(pixelHue(30, 60, 200).hue).toBe(229);
  });
});

describe('the browser’s address', () => {
  it('carries the filters and goes forward and back through the pages', () => {
    const filters = { missingAlt: true, aspect: 'square' as const };
    const first = { cursor: null, trail: [] };
    const second = nextPage(filters, first, 'c1');
    expect(second).toBe('/app/studio?missingAlt=true&aspect=square&cursor=c1&trail=');
    const secondParams = new URL(second, 'https://app.example').searchParams;
    const third = nextPage(filters, { cursor: 'c1', trail: readTrail(secondParams) }, 'c2');
    const thirdParams = new URL(third, 'https://app.example').searchParams;
    expect(readTrail(thirdParams)).toEqual(['', 'c1']);
    expect(previousPage(filters, { cursor: 'c2', trail: readTrail(thirdParams) })).toBe(second);
    expect(previousPage(filters, { cursor: 'c1', trail: [''] })).toBe('/app/studio?missingAlt=true&aspect=square');
    expect(previousPage(filters, first)).toBeNull();
    expect(browserSearch({})).toBe('');
  });
});
