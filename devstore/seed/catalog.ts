/**
 * The catalog: locations, products with variants, inventory and images,
 * collections and a few product metafields. Returns the sellable variants
 * as flat tables for the order generator.
 */
import { gid } from '../engine/ids';
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import type { MediaImageRecord, ProductRecord, VariantRecord } from '../state/types';
import { type ImageSpec, productImage } from './images';
import { between, DAY_MS, iso, money, shuffled, slugify } from './util';
import {
  COLOURS,
  DEPARTMENTS,
  DESCRIPTION_SENTENCES,
  FEATURES,
  PRODUCT_TAGS,
  type Department,
  type ProductKind,
  type Region,
  TITLE_PREFIXES,
  VENDORS,
} from './words';

export interface CatalogOptions {
  products: number;
  images: boolean;
  /** Catalog history: products exist from `since`; edits happen up to `now`. */
  since: number;
  rangeStart: number;
  now: number;
  region: Region;
}

/** Active variants as parallel arrays, so an order draws a line in O(log n). */
export interface SellableVariants {
  productIds: number[];
  variantIds: number[];
  titles: string[];
  variantTitles: (string | null)[];
  skus: string[];
  priceCents: number[];
  handles: string[];
  /** How often each sells, relative to the others (a few bestsellers, a long tail). */
  popularity: number[];
}

type Colour = (typeof COLOURS)[number];
type ProductOptions = ProductRecord['options'];

/** Option values for at most six variants: sizes × colours, the kind's own option × colours, or colours. */
function draftOptions(random: Random, kind: ProductKind): ProductOptions {
  const colours = shuffled(random, COLOURS).map((colour) => colour.name);
  const option = kind.option;
  if (option?.name === 'Size' && option.values.length === 5) {
    const colourCount = random.int(1, 2);
    const sizes = colourCount === 1 ? option.values.slice(random.int(0, 2)) : ['S', 'M', 'L'];
    return [
      { name: 'Size', values: sizes },
      { name: 'Color', values: colours.slice(0, colourCount) },
    ];
  }
  if (option) {
    const values = option.values.slice(0, random.int(1, option.values.length));
    const colourCount = values.length <= 3 && random.chance(0.4) ? 2 : 1;
    return [
      { name: option.name, values },
      { name: 'Color', values: colours.slice(0, colourCount) },
    ];
  }
  if (random.chance(0.4)) return [{ name: 'Title', values: ['Default Title'] }];
  return [{ name: 'Color', values: colours.slice(0, random.int(2, 3)) }];
}

function colourNamed(name: string | undefined, random: Random): Colour {
  return COLOURS.find((colour) => colour.name === name) ?? random.pick(COLOURS);
}

/** Every combination of option values, first option varying slowest. */
function combinations(options: ProductOptions): string[][] {
  return options.reduce<string[][]>(
    (rows, option) => rows.flatMap((row) => option.values.map((value) => [...row, value])),
    [[]],
  );
}

function roundPrice(cents: number, region: Region): number {
  const whole = Math.round(cents / 100) * 100;
  return region.countryCode === 'FR' ? whole - 10 : whole;
}

function description(random: Random, title: string): string {
  if (random.chance(0.1)) return '';
  const sentences = shuffled(random, DESCRIPTION_SENTENCES).slice(0, random.int(1, 3));
  const features = shuffled(random, FEATURES).slice(0, random.int(2, 4));
  return `<p>The ${title}. ${sentences.join(' ')}</p><ul>${features.map((feature) => `<li>${feature}</li>`).join('')}</ul>`;
}

function seo(random: Random, title: string, shopName: string, productType: string): ProductRecord['seo'] {
  const roll = random.next();
  if (roll < 0.6) {
    return {
      title: `${title} | ${shopName}`,
      description: `Shop the ${title}: ${productType.toLowerCase()} made to last, shipped fast from ${shopName}.`,
    };
  }
  if (roll < 0.68) return { title: `${title} | ${shopName}`, description: null };
  return { title: null, description: null };
}

function uniqueHandle(title: string, taken: Set<string>): string {
  const base = slugify(title);
  let handle = base;
  for (let suffix = 2; taken.has(handle); suffix++) handle = `${base}-${suffix}`;
  taken.add(handle);
  return handle;
}

export function emptySellableVariants(): SellableVariants {
  return {
    productIds: [],
    variantIds: [],
    titles: [],
    variantTitles: [],
    skus: [],
    priceCents: [],
    handles: [],
    popularity: [],
  };
}

export function seedLocations(state: ShopState, region: Region): number[] {
  return region.locations.map((location) => {
    const id = state.nextId();
    state.locations.set(id, {
      id,
      name: location.name,
      isActive: true,
      address: { city: location.city, countryCode: region.countryCode },
    });
    return id;
  });
}

interface ImageJob {
  record: MediaImageRecord;
  spec: ImageSpec;
}

export async function seedCatalog(
  state: ShopState,
  random: Random,
  mediaRandom: Random,
  options: CatalogOptions,
): Promise<SellableVariants> {
  const locationIds = seedLocations(state, options.region);
  const sellable = emptySellableVariants();
  const handles = new Set<string>();
  const titles = new Set<string>();
  const materials = new Map<number, string>();
  const imageJobs: ImageJob[] = [];
  const departmentIndex = DEPARTMENTS.map((department) => [department, department.weight] as const);
  for (let index = 0; index < options.products; index++) {
    const department = random.weighted(departmentIndex);
    const kind = random.pick(department.kinds);
    let material = random.pick(department.materials);
    let title = `${random.pick(TITLE_PREFIXES)} ${material} ${kind.noun}`;
    for (let attempt = 0; titles.has(title) && attempt < 5; attempt++) {
      material = random.pick(department.materials);
      title = `${random.pick(TITLE_PREFIXES)} ${material} ${kind.noun}`;
    }
    titles.add(title);
    const product = seedProduct(state, random, {
      index,
      title,
      handle: uniqueHandle(title, handles),
      department,
      kind,
      options,
      locationIds,
      sellable,
    });
    materials.set(product.id, material);
    if (options.images) imageJobs.push(...planImages(state, mediaRandom, product, kind, index));
  }
  await renderImages(state, imageJobs);
  seedCollections(state, random, options);
  seedProductMetafields(state, random, options, materials);
  return sellable;
}

interface ProductInput {
  index: number;
  title: string;
  handle: string;
  department: Department;
  kind: ProductKind;
  options: CatalogOptions;
  locationIds: number[];
  sellable: SellableVariants;
}

function seedProduct(state: ShopState, random: Random, input: ProductInput): ProductRecord {
  const { options, kind, department, title } = input;
  const createdAt = between(random, options.since, options.rangeStart);
  const updatedAt = between(random, options.rangeStart, options.now);
  const drawn = random.weighted([
    ['ACTIVE', 0.85],
    ['DRAFT', 0.1],
    ['ARCHIVED', 0.05],
  ] as const);
  // The first product is always on sale, so even a tiny catalog can take orders.
  const status = input.index === 0 ? 'ACTIVE' : drawn;
  const productOptions = draftOptions(random, kind);
  const tags = [
    ...new Set([department.productType.toLowerCase(), ...shuffled(random, PRODUCT_TAGS).slice(0, random.int(0, 3))]),
  ];
  const product: ProductRecord = {
    id: state.nextId(),
    title,
    handle: input.handle,
    descriptionHtml: description(random, title),
    vendor: random.chance(0.55) ? state.shop.name : random.pick(VENDORS),
    productType: department.productType,
    status,
    tags,
    seo: seo(random, title, state.shop.name, department.productType),
    options: productOptions,
    mediaIds: [],
    variantIds: [],
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    publishedAt: status === 'ACTIVE' ? iso(createdAt + random.int(0, 2) * DAY_MS) : null,
  };
  state.products.set(product.id, product);
  const basePrice = roundPrice(random.int(kind.price[0], kind.price[1]), options.region);
  const compareAt = random.chance(0.2) ? Math.round((basePrice * (1.2 + random.next() * 0.2)) / 100) * 100 : null;
  const popularity = (tags.includes('bestseller') ? 4 : 1) / (1 + (input.index % 40) / 8);
  combinations(productOptions).forEach((values, position) => {
    const variant = seedVariant(state, random, { product, values, basePrice, compareAt, input });
    if (status !== 'ACTIVE') return;
    const { sellable } = input;
    sellable.productIds.push(product.id);
    sellable.variantIds.push(variant.id);
    sellable.titles.push(product.title);
    sellable.variantTitles.push(variant.title === 'Default Title' ? null : variant.title);
    sellable.skus.push(variant.sku);
    sellable.priceCents.push(Math.round(Number(variant.price) * 100));
    sellable.handles.push(product.handle);
    sellable.popularity.push(popularity * (position === 0 ? 1.5 : 1));
  });
  return product;
}

interface VariantInput {
  product: ProductRecord;
  values: string[];
  basePrice: number;
  compareAt: number | null;
  input: ProductInput;
}

function seedVariant(
  state: ShopState,
  random: Random,
  { product, values, basePrice, compareAt, input }: VariantInput,
): VariantRecord {
  const step = input.kind.option?.step ?? 0;
  const priceCents = basePrice + step * Math.max(0, input.kind.option?.values.indexOf(values[0] ?? '') ?? 0);
  const codes = values.map((value) => slugify(value).replace(/-/g, '').slice(0, 3).toUpperCase());
  const sku = `${input.department.code}-${String(input.index + 1).padStart(3, '0')}${values[0] === 'Default Title' ? '' : `-${codes.join('-')}`}`;
  const variant: VariantRecord = {
    id: state.nextId(),
    productId: product.id,
    title: values.join(' / '),
    sku,
    price: money(priceCents),
    compareAtPrice: compareAt === null ? null : money(compareAt + (priceCents - basePrice)),
    selectedOptions: values.map((value, optionIndex) => ({
      name: product.options[optionIndex]?.name ?? 'Title',
      value,
    })),
    inventoryItemId: state.nextId(),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
  state.variants.set(variant.id, variant);
  product.variantIds.push(variant.id);
  state.inventoryItems.set(variant.inventoryItemId, {
    id: variant.inventoryItemId,
    variantId: variant.id,
    sku,
    unitCost: random.chance(0.8) ? money(Math.round(priceCents * (0.28 + random.next() * 0.22))) : null,
    tracked: random.chance(0.95),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  });
  input.locationIds.forEach((locationId, locationIndex) => {
    const id = state.nextId();
    const roll = random.next();
    const stock = locationIndex === 0 ? random.int(6, 150) : random.int(2, 30);
    const available = roll < 0.08 ? 0 : roll < 0.2 ? random.int(1, 5) : stock;
    state.inventoryLevels.set(id, {
      id,
      inventoryItemId: variant.inventoryItemId,
      locationId,
      available,
      updatedAt: iso(between(random, input.options.rangeStart, input.options.now)),
    });
  });
  return variant;
}

/** 1–3 images per product; a handful oversized (3000×3000) for the storefront audit. */
function planImages(
  state: ShopState,
  random: Random,
  product: ProductRecord,
  kind: ProductKind,
  index: number,
): ImageJob[] {
  const colourName = product.options.find((option) => option.name === 'Color')?.values[0];
  const colour = colourNamed(colourName, random);
  const count = random.int(1, 3);
  return Array.from({ length: count }, (_, position) => {
    const oversized = position === 0 && index % 50 === 7;
    const portrait = kind.shape === 'shirt';
    const spec: ImageSpec = {
      shape: kind.shape,
      colour: colour.hex,
      background:
        position === 0
          ? random.weighted([
              ['white', 0.6],
              ['tint', 0.25],
              ['gradient', 0.15],
            ] as const)
          : random.pick(['white', 'tint', 'gradient'] as const),
      width: oversized ? 3000 : portrait ? 1200 : 800,
      height: oversized ? 3000 : portrait ? 1500 : 800,
      format: random.chance(0.15) ? 'png' : 'jpeg',
    };
    const altText = position === 0 ? `${product.title} in ${colour.name}` : `${product.title}, view ${position + 1}`;
    const record: MediaImageRecord = {
      id: state.nextId(),
      productId: product.id,
      alt: random.chance(0.3) ? '' : altText,
      key: `products/${product.handle}-${position + 1}.${spec.format === 'png' ? 'png' : 'jpg'}`,
      width: spec.width,
      height: spec.height,
      mimeType: spec.format === 'png' ? 'image/png' : 'image/jpeg',
      fileSize: 0,
      status: 'READY',
      createdAt: product.createdAt,
      updatedAt: product.createdAt,
    };
    state.media.set(record.id, record);
    product.mediaIds.push(record.id);
    return { record, spec };
  });
}

async function renderImages(state: ShopState, jobs: ImageJob[]): Promise<void> {
  const images = await Promise.all(jobs.map((job) => productImage(job.spec)));
  jobs.forEach(({ record }, index) => {
    const image = images[index];
    if (!image) return;
    record.fileSize = image.bytes.length;
    state.files.set(record.key, { bytes: image.bytes, mimeType: image.mimeType });
  });
}

const COLLECTIONS = [
  { title: 'Apparel', types: ['Apparel'], body: 'Layers for every season, cut to last.' },
  { title: 'Home & Kitchen', types: ['Home Decor', 'Kitchen'], body: 'Lamps, candles and mugs for slow mornings.' },
  {
    title: 'Accessories',
    types: ['Accessories'],
    body: 'Bags and carry goods for the daily commute and the weekend away.',
  },
  { title: 'Stationery', types: ['Stationery'], body: 'Notebooks and planners on recycled paper.' },
  { title: 'Best Sellers', types: [], body: 'What everyone is buying right now.' },
  { title: 'Gift Guide', types: [], body: '' },
];

function seedCollections(state: ShopState, random: Random, options: CatalogOptions): void {
  const products = [...state.products.values()];
  for (const collection of COLLECTIONS) {
    const productIds =
      collection.title === 'Best Sellers'
        ? products
            .filter((product) => product.status === 'ACTIVE' && product.tags.includes('bestseller'))
            .map((product) => product.id)
        : products.filter((product) => collection.types.includes(product.productType)).map((product) => product.id);
    const id = state.nextId();
    const withSeo = collection.body !== '' && random.chance(0.7);
    state.collections.set(id, {
      id,
      title: collection.title,
      handle: slugify(collection.title),
      descriptionHtml: collection.body ? `<p>${collection.body}</p>` : '',
      productIds,
      seo: withSeo
        ? { title: `${collection.title} | ${state.shop.name}`, description: collection.body }
        : { title: null, description: null },
      updatedAt: iso(between(random, options.rangeStart, options.now)),
    });
  }
}

/** Material, care guide and rating metafields on the first ten active products. */
function seedProductMetafields(
  state: ShopState,
  random: Random,
  options: CatalogOptions,
  materials: Map<number, string>,
): void {
  const products = [...state.products.values()].filter((product) => product.status === 'ACTIVE').slice(0, 10);
  for (const product of products) {
    const at = iso(between(random, options.rangeStart, options.now));
    const entries = [
      {
        namespace: 'custom',
        key: 'material',
        type: 'single_line_text_field',
        value: materials.get(product.id) ?? '',
      },
      {
        namespace: 'custom',
        key: 'care_guide',
        type: 'multi_line_text_field',
        value: 'Wash cold, inside out.\nDry flat.\nDo not bleach.',
      },
      {
        namespace: 'reviews',
        key: 'rating',
        type: 'rating',
        value: JSON.stringify({ value: (3.8 + random.next() * 1.2).toFixed(1), scale_min: '1.0', scale_max: '5.0' }),
      },
    ];
    for (const entry of entries.slice(0, random.int(1, 3))) {
      const id = state.nextId();
      state.metafields.set(id, { id, ownerId: gid('Product', product.id), ...entry, createdAt: at, updatedAt: at });
    }
  }
}
