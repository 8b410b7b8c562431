/**
 * The editor's form posts: save the edit to Shopify, restore a version, save
 * the settings as a recipe. Each is checked with zod; a refusal is an answer
 * ({ ok: false, code, message } and its status), never a 500, and the form's
 * shop is never trusted (the context's comes from the session).
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import { StudioError } from './errors';
import { studioFailure, type StudioFailure } from './http.server';
import { saveRecipe } from './recipes.server';
import { rollback, saveEdit, type StudioContext } from './save.server';

export type EditorActionResult =
  | { ok: true; intent: 'save' | 'rollback'; mediaId: string; version: number }
  | { ok: true; intent: 'saveRecipe'; name: string }
  | StudioFailure;

const recipeText = z.string().min(1).max(20_000);

const EditorForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), recipe: recipeText, requestKey: z.string().uuid() }),
  z.object({ intent: z.literal('rollback'), versionId: z.string().min(1).max(64), requestKey: z.string().uuid() }),
  z.object({ intent: z.literal('saveRecipe'), name: z.string().max(200), recipe: recipeText }),
]);

function recipeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioError('invalid', 'The recipe is not JSON');
  }
}

export async function editorAction(ctx: StudioContext, image: { productId: string; mediaId: string }, form: FormData) {
  const parsed = EditorForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`)
      .join('; ');
    return data({ ok: false, code: 'invalid', message } satisfies EditorActionResult, { status: 400 });
  }
  const input = parsed.data;
  try {
    if (input.intent === 'saveRecipe') {
      const saved = await saveRecipe(ctx.shop, { name: input.name, recipe: recipeJson(input.recipe) });
      return { ok: true, intent: 'saveRecipe', name: saved.name } satisfies EditorActionResult;
    }
    const result =
      input.intent === 'save'
        ? await saveEdit(ctx, { ...image, recipe: recipeJson(input.recipe), requestKey: `edit:${input.requestKey}` })
        : await rollback(ctx, {
            productId: image.productId,
            versionId: input.versionId,
            requestKey: `rollback:${input.requestKey}`,
          });
    return {
      ok: true,
      intent: input.intent,
      mediaId: result.mediaId,
      version: result.version.version ?? 0,
    } satisfies EditorActionResult;
  } catch (error) {
    return studioFailure(error);
  }
}
