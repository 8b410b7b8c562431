/**
 * For the studio's tests: devstore shops whose products carry images drawn
 * here (a coloured product on a plain background), so every byte a test
 * compares is known, and helpers to read what a product shows.
 */
import sharp from 'sharp';
import type { Devstore } from '../../devstore/index';
import type { ShopState } from '../../devstore/state/shop-state';
import { emptyShop } from '../../devstore/test-support';

export interface ImageSpec {
  width: number;
  height: number;
  /** Background and product colours, [r, g, b]. */
  background?: [number, number, number];
  colour?: [number, number, number];
  format?: 'jpeg' | 'png';
  alt?: string;
  /** Stores the first bytes of the JPEG only: an image no decoder can read. */
  corrupt?: boolean;
  /** Random pixels instead (a PNG that compresses badly: about 3 bytes a pixel). */
  noise?: boolean;
}

export interface ProductSpec {
  title: string;
  images: ImageSpec[];
}

/** A product photo: a rectangle of `colour` on `background`, half the frame. */
export async function drawPhoto(spec: ImageSpec): Promise<Buffer> {
  const { width, height, background = [255, 255, 255], colour = [200, 30, 40], format = 'jpeg' } = spec;
  if (spec.noise) {
    let seed = width * 31 + height;
    const pixels = Buffer.alloc(width * height * 3);
    for (let at = 0; at < pixels.length; at++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      pixels[at] = seed >>> 24;
    }
    return sharp(pixels, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
  }
  const product = await sharp({
    create: { width: Math.round(width / 2), height: Math.round(height / 2), channels: 3, background: colour },
  })
    .png()
    .toBuffer();
  const photo = sharp({ create: { width, height, channels: 3, background } }).composite([
    { input: product, gravity: 'centre' },
  ]);
  const bytes = await (format === 'png' ? photo.png() : photo.jpeg({ quality: 90 })).toBuffer();
  return spec.corrupt ? bytes.subarray(0, Math.min(400, bytes.length)) : bytes;
}

const handleOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A devstore shop holding exactly these products and images. */
export async function studioShop(
  shop: { id: number; domain: string; firstId?: number },
  products: ProductSpec[],
): Promise<ShopState> {
  const state = emptyShop({ id: shop.id, domain: shop.domain, name: shop.domain });
  // Shops of one test use different ids, as Shopify's are unique across shops.
  while (state.nextId() < (shop.firstId ?? 0));
  const now = '2026-09-01T10:00:00.000Z';
  for (const spec of products) {
    const id = state.nextId();
    const handle = handleOf(spec.title);
    const mediaIds: number[] = [];
    for (const [index, image] of spec.images.entries()) {
      const format = image.format ?? 'jpeg';
      const bytes = await drawPhoto(image);
      const mimeType = format === 'png' ? 'image/png' : 'image/jpeg';
      const key = `products/${handle}-${index + 1}.${format === 'png' ? 'png' : 'jpg'}`;
      state.files.set(key, { bytes, mimeType });
      const mediaId = state.nextId();
      state.media.set(mediaId, {
        id: mediaId,
        productId: id,
        alt: image.alt ?? '',
        key,
        width: image.width,
        height: image.height,
        mimeType,
        fileSize: bytes.length,
        status: 'READY',
        createdAt: now,
        updatedAt: now,
      });
      mediaIds.push(mediaId);
    }
    state.products.set(id, {
      id,
      title: spec.title,
      handle,
      descriptionHtml: '',
      vendor: shop.domain,
      productType: '',
      status: 'ACTIVE',
      tags: [],
      seo: { title: null, description: null },
      options: [],
      mediaIds,
      variantIds: [],
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  }
  return state;
}

/** The devstore's own view of a product's media: ids (as gids), alt texts and stored bytes, in order. */
export function productImages(devstore: Devstore, shop: string, productId: string) {
  const state = devstore.state.shop(shop);
  const product = state?.products.get(Number(productId.split('/').pop()));
  if (!state || !product) throw new Error(`No product ${productId} in ${shop}`);
  return product.mediaIds.map((id) => {
    const media = state.media.get(id);
    if (!media) throw new Error(`Product ${productId} lists missing media ${id}`);
    return {
      id: `gid://shopify/MediaImage/${id}`,
      alt: media.alt,
      bytes: state.files.get(media.key)?.bytes ?? null,
      width: media.width,
      height: media.height,
    };
  });
}

/** Products of a shop state, as gids in creation order. */
export function productIdsOf(state: ShopState): string[] {
  return [...state.products.keys()].map((id) => `gid://shopify/Product/${id}`);
}
