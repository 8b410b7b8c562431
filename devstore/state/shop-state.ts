/** One shop's tables and id sequence. */
import type * as R from './types';

export class ShopState {
  readonly shop: R.ShopRecord;
  readonly products = new Map<number, R.ProductRecord>();
  readonly variants = new Map<number, R.VariantRecord>();
  readonly inventoryItems = new Map<number, R.InventoryItemRecord>();
  readonly inventoryLevels = new Map<number, R.InventoryLevelRecord>();
  readonly locations = new Map<number, R.LocationRecord>();
  readonly media = new Map<number, R.MediaImageRecord>();
  readonly collections = new Map<number, R.CollectionRecord>();
  readonly customers = new Map<number, R.CustomerRecord>();
  readonly orders = new Map<number, R.OrderRecord>();
  readonly discounts = new Map<number, R.DiscountRecord>();
  readonly marketingActivities = new Map<number, R.MarketingActivityRecord>();
  readonly themes = new Map<number, R.ThemeRecord>();
  readonly pages = new Map<number, R.PageRecord>();
  readonly blogs = new Map<number, R.BlogRecord>();
  readonly articles = new Map<number, R.ArticleRecord>();
  readonly menus = new Map<number, R.MenuRecord>();
  readonly staff = new Map<number, R.StaffMemberRecord>();
  readonly metafields = new Map<number, R.MetafieldRecord>();
  readonly bulkOperations = new Map<number, R.BulkOperationRecord>();
  /** Uploaded and generated file bytes, by CDN key. */
  readonly files = new Map<string, { bytes: Buffer; mimeType: string }>();
  /** Scopes granted to the app on this shop (currentAppInstallation.accessScopes). */
  grantedScopes: string[] = [];
  #nextId: number;

  constructor(shop: R.ShopRecord, firstId = 1000) {
    this.shop = shop;
    this.#nextId = firstId;
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** The moment of a change: strictly increasing, so updated_at filters never miss one. */
  #lastTime = 0;
  now(): string {
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    return new Date(this.#lastTime).toISOString();
  }
}
