/**
 * Reading the catalogue's search listings and image alt texts from Shopify
 * into ContentProduct: a page of products (20 a page, each with its first 10
 * images; a product with more has the rest read after, so a page stays far
 * under Shopify's 1,000-point query limit), or one product after Steward
 * saved it. Only images (MediaImage) carry an alt text the editor changes.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { listingTooLong } from './limits';
import type { ContentImage } from './types';

// Each document is whole in itself (no shared fragments): the document test
// and codegen read every #graphql string on its own.
const CATALOGUE_PAGE = `#graphql
  query ContentCataloguePage($after: String, $query: String) {
    products(first: 20, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
        title
        handle
        status
        updatedAt
        description(truncateAt: 320)
        seo {
          title
          description
        }
        media(first: 10) {
          nodes {
            ... on MediaImage {
              id
              alt
              image {
                url(transform: { maxWidth: 240, maxHeight: 240 })
                width
                height
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const CATALOGUE_COUNT = `#graphql
  query ContentCatalogueCount($query: String) {
    productsCount(query: $query, limit: null) {
      count
    }
  }
`;

const ONE_PRODUCT = `#graphql
  query ContentProduct($id: ID!) {
    product(id: $id) {
      id
      title
      handle
      status
      updatedAt
      description(truncateAt: 320)
      seo {
        title
        description
      }
      media(first: 10) {
        nodes {
          ... on MediaImage {
            id
            alt
            image {
              url(transform: { maxWidth: 240, maxHeight: 240 })
              width
              height
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

const MORE_MEDIA = `#graphql
  query ContentProductMoreMedia($id: ID!, $after: String) {
    product(id: $id) {
      media(first: 50, after: $after) {
        nodes {
          ... on MediaImage {
            id
            alt
            image {
              url(transform: { maxWidth: 240, maxHeight: 240 })
              width
              height
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

interface MediaNode {
  id?: string;
  alt?: string | null;
  image?: { url: string; width?: number | null; height?: number | null } | null;
}

interface ProductNode {
  id: string;
  title: string;
  handle: string;
  status: string;
  updatedAt: string;
  description: string;
  seo: { title?: string | null; description?: string | null };
  media: { nodes: MediaNode[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}

const PRODUCT_GID = /^gid:\/\/shopify\/Product\/(\d+)$/;

export function productIdOf(gid: string): bigint {
  const match = PRODUCT_GID.exec(gid);
  if (!match) throw new Error(`Not a product id: ${gid}`);
  return BigInt(match[1] as string);
}

export const productGid = (id: bigint | string) => `gid://shopify/Product/${id}`;

const imagesOf = (nodes: MediaNode[]): ContentImage[] =>
  nodes.flatMap((node) =>
    node.id
      ? [
          {
            id: node.id,
            url: node.image?.url ?? null,
            alt: node.alt ?? '',
            width: node.image?.width ?? null,
            height: node.image?.height ?? null,
          },
        ]
      : [],
  );

/** A product with every one of its images (the rest read after the first ten). */
async function withAllImages(gateway: AdminGateway, product: ProductNode): Promise<ContentImage[]> {
  const images = imagesOf(product.media.nodes);
  let pageInfo = product.media.pageInfo;
  while (pageInfo.hasNextPage) {
    const data = await gateway.request(MORE_MEDIA, { id: product.id, after: pageInfo.endCursor ?? null });
    if (!data.product) break;
    images.push(...imagesOf(data.product.media.nodes as MediaNode[]));
    pageInfo = data.product.media.pageInfo;
  }
  return images;
}

const blankToNull = (text: string | null | undefined) => (text && text.trim() !== '' ? text : null);

function rowOf(shop: string, product: ProductNode, images: ContentImage[]) {
  const seoTitle = blankToNull(product.seo.title);
  const seoDescription = blankToNull(product.seo.description);
  return {
    shop,
    productId: productIdOf(product.id),
    title: product.title,
    handle: product.handle,
    status: product.status,
    descriptionText: product.description,
    seoTitle,
    seoDescription,
    images: images as unknown as Prisma.InputJsonValue,
    imageCount: images.length,
    missingAltCount: images.filter((image) => image.alt.trim() === '').length,
    tooLong: listingTooLong(seoTitle, seoDescription),
    productUpdatedAt: new Date(product.updatedAt),
    scannedAt: new Date(),
  };
}

type Db = PrismaClient | Prisma.TransactionClient;

async function writeRows(db: PrismaClient, rows: ReturnType<typeof rowOf>[]): Promise<void> {
  await db.$transaction(
    rows.map((row) =>
      db.contentProduct.upsert({
        where: { shop_productId: { shop: row.shop, productId: row.productId } },
        create: row,
        update: row,
      }),
    ),
  );
}

/** Products Shopify counts for a scan's search (progress). */
export async function countCatalogue(gateway: AdminGateway, query: string | null): Promise<number> {
  const data = await gateway.request(CATALOGUE_COUNT, { query });
  return data.productsCount?.count ?? 0;
}

/** Reads one page of products after `cursor` and writes them; returns where the next page starts. */
export async function scanPage(
  db: PrismaClient,
  gateway: AdminGateway,
  shop: string,
  options: { cursor: string | null; query: string | null },
): Promise<{ written: number; next: string | null }> {
  const data = await gateway.request(CATALOGUE_PAGE, { after: options.cursor, query: options.query });
  const rows = [];
  for (const product of data.products.nodes as ProductNode[]) {
    rows.push(rowOf(shop, product, await withAllImages(gateway, product)));
  }
  await writeRows(db, rows);
  const { hasNextPage, endCursor } = data.products.pageInfo;
  return { written: rows.length, next: hasNextPage ? (endCursor ?? null) : null };
}

/**
 * Reads one product again and writes what Shopify now holds (after a save);
 * a product Shopify no longer has leaves the index. Returns the row, or null.
 */
export async function refreshProduct(db: PrismaClient, gateway: AdminGateway, shop: string, productId: bigint) {
  const data = await gateway.request(ONE_PRODUCT, { id: productGid(productId) });
  if (!data.product) {
    await forgetProduct(db, shop, productId);
    return null;
  }
  const product = data.product as ProductNode;
  const row = rowOf(shop, product, await withAllImages(gateway, product));
  await writeRows(db, [row]);
  return row;
}

export async function forgetProduct(db: Db, shop: string, productId: bigint): Promise<void> {
  await db.contentProduct.deleteMany({ where: { shop, productId } });
}
