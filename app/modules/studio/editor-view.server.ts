/**
 * What the editor page shows: the image (from Shopify, or Steward's copy of
 * the version it saved there), its slot's versions newest first with the one
 * on the product marked, and the shop's saved recipes ready to load into the
 * controls.
 */
import { env } from '~/env.server';
import { adminBaseUrl } from '~/platform/shopify/admin-links';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import type { RecipeOption } from './components/ApplyRecipeModal';
import { numericId } from './components/browser-url';
import { parseRecipe, RecipeError, type Recipe } from './image/recipe';
import { rememberPreviewSource } from './preview.server';
import { listRecipes } from './recipes.server';
import { loadMediaForEdit } from './media.server';
import { listVersions, type StudioVersion } from './versions.server';

export interface VersionView {
  id: string;
  number: number;
  source: 'original' | 'edit' | 'rollback';
  restoredVersion: number | null;
  savedAt: string;
  by: string | null;
  width: number;
  height: number;
  byteSize: number;
  /** This version is the image on the product now. */
  current: boolean;
}

export interface SavedRecipe extends RecipeOption {
  recipe: Recipe;
}

function versionView(version: StudioVersion, currentMediaId: string): VersionView {
  return {
    id: version.id,
    number: version.version ?? 0,
    source: version.source as VersionView['source'],
    restoredVersion: version.restoredVersion,
    savedAt: (version.savedAt ?? version.createdAt).toISOString(),
    by: version.createdByName,
    width: version.width,
    height: version.height,
    byteSize: version.byteSize,
    current: version.shopifyMediaId === currentMediaId,
  };
}

/** The shop's recipes that still parse (a recipe saved by an older Steward that no longer does is left out). */
export async function savedRecipes(shop: string): Promise<SavedRecipe[]> {
  const rows = await listRecipes(shop);
  return rows.flatMap((row) => {
    try {
      const recipe = parseRecipe(row.recipe);
      return [{ id: row.id, name: row.name, operations: recipe.operations.map((operation) => operation.op), recipe }];
    } catch (error) {
      if (error instanceof RecipeError) return [];
      throw error;
    }
  });
}

export async function editorView(gateway: AdminGateway, shop: string, productId: string, mediaId: string) {
  const [{ item, bytes }, profile, recipes] = await Promise.all([
    loadMediaForEdit(gateway, shop, productId, mediaId),
    readShopProfile(gateway),
    savedRecipes(shop),
  ]);
  rememberPreviewSource(shop, productId, mediaId, bytes);
  const versions = await listVersions(shop, productId, item.mediaKey);
  return {
    item: {
      productId: item.productId,
      productTitle: item.productTitle,
      mediaId: item.mediaId,
      alt: item.alt,
      width: item.width,
      height: item.height,
      bytes: item.bytes ?? bytes.length,
      position: item.position,
    },
    productAdminUrl: `${adminBaseUrl(shop, env.DEVSTORE_URL)}/products/${numericId(productId)}`,
    versions: versions.map((version) => versionView(version, mediaId)).reverse(),
    recipes,
    timeZone: profile.timeZone,
  };
}

export type EditorView = Awaited<ReturnType<typeof editorView>>;
