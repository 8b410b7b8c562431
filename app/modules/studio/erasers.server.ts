/**
 * The studio's rows in the compliance registry (app/platform/compliance):
 * image versions and our copies of their bytes, recipes, batches and the
 * media browser's background analyses. They hold product images, edit
 * settings and progress, never customer data, so customers/redact and
 * customers/data_request have nothing here; shop/redact removes every row.
 */
import type { ShopDataEraser } from '~/platform/compliance/erasers.server';

export const STUDIO_DATA_ERASERS: ShopDataEraser[] = [
  {
    model: 'StudioVersion',
    eraseShop: async (tx, shop) => (await tx.studioVersion.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'StudioBlob',
    eraseShop: async (tx, shop) => (await tx.studioBlob.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'StudioRecipe',
    eraseShop: async (tx, shop) => (await tx.studioRecipe.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'StudioBatch',
    eraseShop: async (tx, shop) => (await tx.studioBatch.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'StudioBatchItem',
    eraseShop: async (tx, shop) => (await tx.studioBatchItem.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'StudioMediaAnalysis',
    eraseShop: async (tx, shop) => (await tx.studioMediaAnalysis.deleteMany({ where: { shop } })).count,
  },
];
