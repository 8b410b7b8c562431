import { describe, expect, it } from 'vitest';

import { OPERATION_NAMES, parseRecipe, RecipeError } from './recipe';

function issuesOf(json: unknown) {
  try {
    parseRecipe(json);
  } catch (error) {
    if (error instanceof RecipeError) return error.issues;
    throw error;
  }
  throw new Error('the recipe was accepted');
}

describe('parseRecipe', () => {
  it('accepts every operation and fills in the defaults', () => {
    const recipe = parseRecipe({
      version: 1,
      operations: [
        { op: 'crop', aspect: '4:5', x: 0, y: 0.1, width: 1, height: 0.9 },
        { op: 'rotate', degrees: 90 },
        { op: 'straighten', degrees: -2.5 },
        { op: 'adjust', exposure: 10 },
        { op: 'sharpen', amount: 40 },
        { op: 'denoise', amount: 20 },
        { op: 'autoColour' },
        { op: 'colourChange', fromHue: 0, toHue: 240 },
        { op: 'removeBackground', output: 'colour', colour: '#ffffff' },
        { op: 'resize', maxWidth: 1600 },
      ],
    });
    expect(recipe.operations.map((operation) => operation.op)).toEqual(OPERATION_NAMES);
    expect(recipe.operations[3]).toEqual({ op: 'adjust', exposure: 10, contrast: 0, saturation: 0 });
    expect(recipe.operations[6]).toEqual({ op: 'autoColour', whiteBalance: true, levels: true });
    expect(recipe.operations[8]).toMatchObject({ op: 'removeBackground', feather: 2, shadow: false });
    expect(recipe.output).toEqual({ quality: 85 });
  });

  it('names the field of each problem, all at once', () => {
    const issues = issuesOf({
      version: 1,
      operations: [
        { op: 'sharpen', amount: 140 },
        { op: 'rotate', degrees: 45 },
        { op: 'crop', x: 0.5, y: 0, width: 0.6, height: 1 },
        { op: 'resize' },
      ],
      output: { format: 'gif', quality: 0 },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'operations[0].amount', message: 'Number must be less than or equal to 100' },
        { path: 'operations[1].degrees', message: 'Must be 90, 180 or 270' },
        { path: 'output.format', message: expect.stringContaining("'webp' | 'jpeg' | 'png'") },
        { path: 'output.quality', message: 'Number must be greater than or equal to 1' },
      ]),
    );
  });

  it('checks what crosses fields once each field is valid', () => {
    expect(
      issuesOf({
        version: 1,
        operations: [{ op: 'crop', x: 0.5, y: 0, width: 0.6, height: 1 }, { op: 'resize' }],
      }),
    ).toEqual([
      { path: 'operations[0].width', message: 'The crop goes past the right edge (x + width must be at most 1)' },
      { path: 'operations[1]', message: 'A resize needs maxWidth, maxHeight or both' },
    ]);
  });

  it('lists the operations it knows when given one it does not', () => {
    const issues = issuesOf({ version: 1, operations: [{ op: 'blur', radius: 3 }] });
    expect(issues).toEqual([
      { path: 'operations[0].op', message: `Unknown operation; use one of ${OPERATION_NAMES.join(', ')}` },
    ]);
  });

  it('refuses an empty recipe, a too-long one and an unknown version', () => {
    expect(issuesOf({ version: 1, operations: [] })).toEqual([
      { path: 'operations', message: 'A recipe needs at least one operation' },
    ]);
    expect(issuesOf({ version: 1, operations: Array(31).fill({ op: 'sharpen', amount: 1 }) })[0]?.message).toBe(
      'A recipe has at most 30 operations',
    );
    expect(issuesOf({ version: 2, operations: [{ op: 'sharpen', amount: 1 }] })[0]?.path).toBe('version');
    expect(issuesOf('not a recipe')).toEqual([{ path: '', message: 'Expected object, received string' }]);
  });

  it('puts every problem in the error message too', () => {
    expect(() => parseRecipe({ version: 1, operations: [{ op: 'denoise', amount: -1 }] })).toThrow(
      'Invalid recipe: operations[0].amount: Number must be greater than or equal to 0',
    );
  });
});
