/**
 * The devstore's data: plain records, one table per resource, per shop. The
 * resolvers (devstore/resolvers) turn records into the Admin API's shapes;
 * the seed (devstore/seed) fills them; mutations change them.
 * Ids are the numeric part of Shopify's gids. Money is a decimal string in the
 * shop's currency. Times are ISO 8601 strings (UTC).
 */

export interface ShopRecord {
  id: number;
  domain: string; // e.g. maple-thread.myshopify.com
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  plan: { publicDisplayName: string; partnerDevelopment: boolean; shopifyPlus: boolean };
  primaryDomain: { host: string; sslEnabled: boolean };
  passwordProtected: boolean;
  /** Whether shopifyqlQuery answers (it needs a plan with analytics). */
  shopifyqlAvailable: boolean;
  createdAt: string;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  tags: string[];
  seo: { title: string | null; description: string | null };
  options: { name: string; values: string[] }[];
  mediaIds: number[];
  variantIds: number[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface VariantRecord {
  id: number;
  productId: number;
  title: string;
  sku: string;
  price: string;
  compareAtPrice: string | null;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: number;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryItemRecord {
  id: number;
  variantId: number;
  sku: string;
  unitCost: string | null;
  tracked: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryLevelRecord {
  id: number;
  inventoryItemId: number;
  locationId: number;
  available: number;
  updatedAt: string;
}

export interface LocationRecord {
  id: number;
  name: string;
  isActive: boolean;
  address: { city: string; countryCode: string };
}

/** An image: product media, or a file uploaded through fileCreate. */
export interface MediaImageRecord {
  id: number;
  productId: number | null;
  alt: string;
  /** Path under the devstore's CDN: /cdn/<shop>/<key>. */
  key: string;
  width: number;
  height: number;
  mimeType: string;
  fileSize: number;
  status: 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';
  createdAt: string;
  updatedAt: string;
}

export interface CollectionRecord {
  id: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  productIds: number[];
  seo: { title: string | null; description: string | null };
  updatedAt: string;
}

export interface CustomerRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  state: 'ENABLED' | 'DISABLED' | 'INVITED' | 'DECLINED';
  acceptsMarketing: boolean;
  address: { city: string; provinceCode: string | null; countryCode: string; zip: string; address1: string };
  createdAt: string;
  updatedAt: string;
}

export interface LineItemRecord {
  id: number;
  productId: number | null;
  variantId: number | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  unitPrice: string;
  /** Discount allocated to the whole line. */
  discount: string;
}

export interface RefundRecord {
  id: number;
  createdAt: string;
  note: string | null;
  lines: { lineItemId: number; quantity: number; subtotal: string }[];
  /** Money returned, lines and shipping together. */
  total: string;
}

export interface DiscountApplicationRecord {
  kind: 'DISCOUNT_CODE' | 'AUTOMATIC' | 'MANUAL';
  code: string | null;
  title: string;
  valueType: 'PERCENTAGE' | 'FIXED_AMOUNT';
  value: string;
  allocationMethod: 'ACROSS' | 'EACH';
  targetType: 'LINE_ITEM' | 'SHIPPING_LINE';
}

export interface JourneyRecord {
  occurredAt: string;
  source: string;
  landingPage: string;
  referrerUrl: string | null;
  utm: {
    source: string | null;
    medium: string | null;
    campaign: string | null;
    content: string | null;
    term: string | null;
  } | null;
  daysToConversion: number;
}

export interface AddressRecord {
  firstName: string;
  lastName: string;
  address1: string;
  city: string;
  provinceCode: string | null;
  countryCode: string;
  zip: string;
}

export interface OrderRecord {
  id: number;
  number: number; // name is `#${number}`
  customerId: number | null;
  email: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** The shop's currency; presentment is what the buyer saw. */
  presentmentCurrencyCode: string;
  /** presentment amount = shop amount × presentmentRate */
  presentmentRate: number;
  sourceName: string;
  lineItems: LineItemRecord[];
  shipping: string;
  tax: string;
  discountCodes: string[];
  discountApplications: DiscountApplicationRecord[];
  refunds: RefundRecord[];
  financialStatus: 'PENDING' | 'AUTHORIZED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED';
  fulfillmentStatus: 'UNFULFILLED' | 'PARTIALLY_FULFILLED' | 'FULFILLED';
  risk: {
    level: 'LOW' | 'MEDIUM' | 'HIGH';
    facts: { description: string; sentiment: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE' }[];
  };
  journey: JourneyRecord | null;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  test: boolean;
}

export interface DiscountRecord {
  id: number;
  title: string;
  codes: string[];
  kind: 'percentage' | 'amount';
  value: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MarketingActivityRecord {
  id: number;
  remoteId: string;
  title: string;
  status: string;
  tactic: string;
  marketingChannelType: string;
  remoteUrl: string | null;
  utm: { source: string; medium: string; campaign: string } | null;
  budget: { amount: string; currencyCode: string; budgetType: string } | null;
  adSpend: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ThemeRecord {
  id: number;
  name: string;
  role: 'MAIN' | 'UNPUBLISHED' | 'DEVELOPMENT';
  files: Map<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface PageRecord {
  id: number;
  title: string;
  handle: string;
  body: string;
  isPublished: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BlogRecord {
  id: number;
  title: string;
  handle: string;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleRecord {
  id: number;
  blogId: number;
  title: string;
  handle: string;
  body: string;
  summary: string | null;
  author: string;
  tags: string[];
  isPublished: boolean;
  publishedAt: string | null;
  imageId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface MenuItemRecord {
  title: string;
  type:
    | 'FRONTPAGE'
    | 'COLLECTION'
    | 'COLLECTIONS'
    | 'PRODUCT'
    | 'PAGE'
    | 'BLOG'
    | 'ARTICLE'
    | 'HTTP'
    | 'SEARCH'
    | 'CATALOG';
  url: string;
  /** gid of the linked resource, when the type has one. */
  resourceId: string | null;
  items: MenuItemRecord[];
}

export interface MenuRecord {
  id: number;
  title: string;
  handle: string;
  items: MenuItemRecord[];
}

export interface StaffMemberRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  isShopOwner: boolean;
  active: boolean;
  accountType: 'REGULAR' | 'RESTRICTED' | 'INVITED' | 'COLLABORATOR';
  locale: string;
}

export interface MetafieldRecord {
  id: number;
  ownerId: string; // gid
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface BulkOperationRecord {
  id: number;
  type: 'QUERY' | 'MUTATION';
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'EXPIRED';
  query: string;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  /** Key of the JSONL result under /bulk/. */
  resultKey: string | null;
  createdAt: string;
  completedAt: string | null;
}
