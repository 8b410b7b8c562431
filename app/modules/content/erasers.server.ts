/**
 * Content's rows in the compliance registry (app/platform/compliance): the
 * catalogue's search listings and alt texts, the scan's progress, and save
 * batches. They hold product texts and, on a batch, the staff member who
 * saved it, never customer data, so customers/redact and
 * customers/data_request have nothing here; shop/redact removes every row.
 */
import type { ShopDataEraser } from '~/platform/compliance/erasers.server';

export const CONTENT_DATA_ERASERS: ShopDataEraser[] = [
  {
    model: 'ContentProduct',
    eraseShop: async (tx, shop) => (await tx.contentProduct.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'ContentScan',
    eraseShop: async (tx, shop) => (await tx.contentScan.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'ContentSaveItem',
    eraseShop: async (tx, shop) => (await tx.contentSaveItem.deleteMany({ where: { shop } })).count,
  },
  {
    model: 'ContentSaveBatch',
    eraseShop: async (tx, shop) => (await tx.contentSaveBatch.deleteMany({ where: { shop } })).count,
  },
];
