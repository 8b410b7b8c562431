/**
 * Saved recipes: a name (unique in the shop) and a recipe, checked by
 * parseRecipe before it is stored. Saving under an existing name replaces
 * that recipe.
 */
import type { Prisma, StudioRecipe } from '@prisma/client';
import { z } from 'zod';
import prisma from '~/db.server';
import { StudioError } from './errors';
import { parseRecipe, RecipeError } from './image/recipe';

export type { StudioRecipe };

export const RecipeNameSchema = z
  .string({ required_error: 'A recipe needs a name' })
  .trim()
  .min(1, 'A recipe needs a name')
  .max(80, 'A recipe name has at most 80 characters');

export async function saveRecipe(shop: string, input: { name: unknown; recipe: unknown }): Promise<StudioRecipe> {
  const name = RecipeNameSchema.safeParse(input.name);
  if (!name.success) throw new StudioError('invalid', name.error.issues[0]?.message ?? 'Invalid name');
  let recipe: Prisma.InputJsonValue;
  try {
    recipe = parseRecipe(input.recipe);
  } catch (error) {
    if (error instanceof RecipeError) throw new StudioError('invalid', error.message);
    throw error;
  }
  return prisma.studioRecipe.upsert({
    where: { shop_name: { shop, name: name.data } },
    create: { shop, name: name.data, recipe },
    update: { recipe },
  });
}

export async function listRecipes(shop: string): Promise<StudioRecipe[]> {
  return prisma.studioRecipe.findMany({ where: { shop }, orderBy: { name: 'asc' } });
}

/** The shop's recipe, or a not-found StudioError. */
export async function requireRecipe(shop: string, id: string): Promise<StudioRecipe> {
  const recipe = await prisma.studioRecipe.findFirst({ where: { shop, id } });
  if (!recipe) throw new StudioError('not-found', 'This recipe does not exist');
  return recipe;
}

/** Deletes the shop's recipe; false when there was none. */
export async function deleteRecipe(shop: string, id: string): Promise<boolean> {
  const { count } = await prisma.studioRecipe.deleteMany({ where: { shop, id } });
  return count > 0;
}
