/**
 * The studio's conversation with Shopify about product images, through the
 * Admin API gateway (2026-10, no deprecated fields):
 *
 * - reading a product's media in order (`product.media`, position = index)
 *   and pages of products with theirs for the media browser;
 * - putting new bytes in Shopify: `stagedUploadsCreate` → a multipart POST of
 *   the bytes to the staged target with its parameters (as Shopify's own
 *   uploader does) → `fileCreate` from the target's resourceUrl → polling the
 *   file (`node`) until its status is READY;
 * - setting a product's media list with `productSet(files:)`: every media
 *   listed by id stays, in the listed order, with the alt given; media left
 *   out is detached from the product and stays in Files. The deprecated
 *   productCreateMedia / productDeleteMedia / productReorderMedia dance is
 *   not needed.
 *
 * Downloads read images at the URLs Shopify hands out, with a size limit.
 */
import type { AdminGateway, OperationData } from '~/platform/shopify/admin-gateway.server';
import { StudioError } from './errors';

/** A product's media, a hundred at a time (Shopify allows 250 a product). */
export const PRODUCT_MEDIA_QUERY = `#graphql
  query StudioProductMedia($id: ID!, $after: String) {
    product(id: $id) {
      id
      title
      handle
      media(first: 100, after: $after) {
        nodes {
          id
          alt
          mediaContentType
          status
          ... on MediaImage {
            mimeType
            updatedAt
            image {
              url
              width
              height
              thumbnail: url(transform: { maxWidth: 320, maxHeight: 320 })
            }
            originalSource {
              fileSize
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

/** Products with their first media, for the browser; a product with more is read whole. */
export const MEDIA_PAGE_QUERY = `#graphql
  query StudioMediaPage($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: TITLE) {
      nodes {
        id
        title
        handle
        mediaCount {
          count
        }
        media(first: 20) {
          nodes {
            id
          alt
          mediaContentType
          status
          ... on MediaImage {
            mimeType
            updatedAt
            image {
              url
              width
              height
              thumbnail: url(transform: { maxWidth: 320, maxHeight: 320 })
            }
            originalSource {
              fileSize
            }
          }
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

export const STAGED_UPLOAD_MUTATION = `#graphql
  mutation StudioStagedUpload($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        resourceUrl
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const FILE_CREATE_MUTATION = `#graphql
  mutation StudioFileCreate($files: [FileCreateInput!]!) {
    fileCreate(files: $files) {
      files {
        id
        fileStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const FILE_BY_NAME_QUERY = `#graphql
  query StudioFileByName($query: String!) {
    files(first: 1, query: $query) {
      nodes {
        id
        fileStatus
      }
    }
  }
`;

export const FILE_STATUS_QUERY = `#graphql
  query StudioFileStatus($id: ID!) {
    node(id: $id) {
      ... on MediaImage {
        id
        fileStatus
        fileErrors {
          code
          message
          details
        }
      }
    }
  }
`;

export const PRODUCT_FILES_SET_MUTATION = `#graphql
  mutation StudioProductFilesSet($identifier: ProductSetIdentifiers!, $input: ProductSetInput!) {
    productSet(identifier: $identifier, input: $input, synchronous: true) {
      product {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** What Shopify takes as a product image: files under 20 MB, up to 5000 × 5000 px or 25 megapixels. */
export const SHOPIFY_IMAGE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxEdge: 5000, maxPixels: 25_000_000 } as const;

/** Why Shopify would refuse these bytes as a product image, or null when it would take them. */
export function shopifyRefusal(image: { bytes: number; width: number; height: number }): string | null {
  const { maxBytes, maxEdge, maxPixels } = SHOPIFY_IMAGE_LIMITS;
  if (image.bytes >= maxBytes) return 'The image is 20 MB or more, which Shopify does not accept; add a resize';
  if (Math.max(image.width, image.height) > maxEdge || image.width * image.height > maxPixels)
    return `The image is ${image.width}×${image.height}; Shopify accepts up to 5000×5000 px or 25 megapixels; add a resize`;
  return null;
}

/** One media of a product, as the studio needs it. */
export interface ProductMedia {
  id: string;
  /** 0-based among the product's media. */
  position: number;
  alt: string | null;
  isImage: boolean;
  status: string;
  url: string | null;
  thumbnailUrl: string | null;
  width: number | null;
  height: number | null;
  fileSize: number | null;
  mimeType: string | null;
  updatedAt: string | null;
}

export interface ProductWithMedia {
  id: string;
  title: string;
  handle: string;
  media: ProductMedia[];
}

interface MediaNode {
  id: string;
  alt?: string | null;
  mediaContentType: string;
  status: string;
  mimeType?: string | null;
  updatedAt?: string | null;
  image?: { url: string; width?: number | null; height?: number | null; thumbnail: string } | null;
  originalSource?: { fileSize?: number | null } | null;
}

function toProductMedia(node: MediaNode, position: number): ProductMedia {
  return {
    id: node.id,
    position,
    alt: node.alt ?? null,
    isImage: node.mediaContentType === 'IMAGE',
    status: node.status,
    url: node.image?.url ?? null,
    thumbnailUrl: node.image?.thumbnail ?? null,
    width: node.image?.width ?? null,
    height: node.image?.height ?? null,
    fileSize: node.originalSource?.fileSize ?? null,
    mimeType: node.mimeType ?? null,
    updatedAt: node.updatedAt ?? null,
  };
}

/** The product and all its media in order, or null when the shop has no such product. */
export async function readProductMedia(gateway: AdminGateway, productId: string): Promise<ProductWithMedia | null> {
  let read: ProductWithMedia | null = null;
  let after: string | null = null;
  do {
    const { product }: OperationData<typeof PRODUCT_MEDIA_QUERY> = await gateway.request(PRODUCT_MEDIA_QUERY, {
      id: productId,
      after,
    });
    if (!product) return null;
    read ??= { id: product.id, title: product.title, handle: product.handle, media: [] };
    for (const node of product.media.nodes) read.media.push(toProductMedia(node as MediaNode, read.media.length));
    after = product.media.pageInfo.hasNextPage ? (product.media.pageInfo.endCursor ?? null) : null;
  } while (after);
  return read;
}

export interface MediaPage {
  products: ProductWithMedia[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A page of products (by title) with all their media. */
export async function readMediaPage(
  gateway: AdminGateway,
  page: { first: number; after?: string | null; query?: string | null },
): Promise<MediaPage> {
  const { products } = await gateway.request(MEDIA_PAGE_QUERY, {
    first: page.first,
    after: page.after ?? null,
    query: page.query ?? null,
  });
  const read: ProductWithMedia[] = [];
  for (const node of products.nodes) {
    const media = node.media.nodes.map((entry, index) => toProductMedia(entry as MediaNode, index));
    if ((node.mediaCount?.count ?? 0) > media.length) {
      const whole = await readProductMedia(gateway, node.id);
      if (whole) read.push(whole);
      continue;
    }
    read.push({ id: node.id, title: node.title, handle: node.handle, media });
  }
  return { products: read, hasNextPage: products.pageInfo.hasNextPage, endCursor: products.pageInfo.endCursor ?? null };
}

/** Where a file goes before Shopify takes it. */
interface StagedTarget {
  url: string;
  resourceUrl: string;
  parameters: { name: string; value: string }[];
}

async function stageUpload(
  gateway: AdminGateway,
  file: { filename: string; mimeType: string; size: number },
): Promise<StagedTarget> {
  const payload = await gateway.mutate(
    STAGED_UPLOAD_MUTATION,
    {
      input: [
        {
          filename: file.filename,
          mimeType: file.mimeType,
          resource: 'IMAGE',
          httpMethod: 'POST',
          fileSize: String(file.size),
        },
      ],
    },
    (data) => data.stagedUploadsCreate,
  );
  const target = payload.stagedTargets?.[0];
  if (!target?.url || !target.resourceUrl) throw new StudioError('shopify', 'Shopify gave no upload target');
  return { url: target.url, resourceUrl: target.resourceUrl, parameters: target.parameters };
}

const UPLOAD_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs the bytes to a staged target as multipart/form-data: the target's
 * parameters first, in order, then the file (the storage checks the signed
 * policy against the fields before it reads the file). The same key may be
 * written again, so 5xx and network failures are tried again.
 */
async function uploadToTarget(
  target: StagedTarget,
  file: { bytes: Buffer; filename: string; mimeType: string },
): Promise<void> {
  let problem = '';
  for (let attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
    const form = new FormData();
    for (const parameter of target.parameters) form.append(parameter.name, parameter.value);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    try {
      const response = await fetch(target.url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
      if (response.ok) return;
      problem = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
      if (response.status < 500) break;
    } catch (error) {
      problem = (error as Error).message;
    }
    if (attempt < UPLOAD_ATTEMPTS) await sleep(500 * 2 ** (attempt - 1));
  }
  throw new StudioError('shopify', `The upload to Shopify failed (${problem})`);
}

/** The id of the shop's file with exactly this name, or null. */
export async function findFileByName(gateway: AdminGateway, filename: string): Promise<string | null> {
  const { files } = await gateway.request(FILE_BY_NAME_QUERY, { query: `filename:${JSON.stringify(filename)}` });
  return files.nodes[0]?.id ?? null;
}

/**
 * Uploads the bytes and creates a file (a MediaImage in Files, attached to
 * nothing yet) named `filename`; returns its id. The name is the save's own,
 * so a save run again after a crash can find the file it already created.
 */
export async function createImageFile(
  gateway: AdminGateway,
  file: { bytes: Buffer; filename: string; mimeType: string; alt: string | null },
): Promise<string> {
  const target = await stageUpload(gateway, {
    filename: file.filename,
    mimeType: file.mimeType,
    size: file.bytes.length,
  });
  await uploadToTarget(target, file);
  const payload = await gateway.mutate(
    FILE_CREATE_MUTATION,
    {
      files: [
        {
          originalSource: target.resourceUrl,
          contentType: 'IMAGE',
          filename: file.filename,
          alt: file.alt ?? '',
          duplicateResolutionMode: 'RAISE_ERROR',
        },
      ],
    },
    (data) => data.fileCreate,
  );
  const created = payload.files?.[0];
  if (!created) throw new StudioError('shopify', 'Shopify created no file');
  return created.id;
}

export interface WaitOptions {
  /** First pause between polls; each later one is 1.5 times longer, up to maxIntervalMs. */
  firstIntervalMs?: number;
  maxIntervalMs?: number;
  /** Gives up after this long. */
  timeoutMs?: number;
}

/** Polls the file until Shopify has processed it; a failed or never-ready file is a StudioError. */
export async function waitUntilReady(gateway: AdminGateway, fileId: string, options: WaitOptions = {}): Promise<void> {
  const { firstIntervalMs = 250, maxIntervalMs = 3_000, timeoutMs = 120_000 } = options;
  const deadline = Date.now() + timeoutMs;
  let interval = firstIntervalMs;
  for (;;) {
    const { node } = await gateway.request(FILE_STATUS_QUERY, { id: fileId });
    if (!node || !('fileStatus' in node)) throw new StudioError('shopify', `Shopify has no file ${fileId}`);
    if (node.fileStatus === 'READY') return;
    if (node.fileStatus === 'FAILED') {
      const reasons = node.fileErrors.map((error) => error.details ?? error.message).join('; ');
      throw new StudioError('shopify', `Shopify could not process the image: ${reasons || 'no reason given'}`);
    }
    if (Date.now() + interval > deadline)
      throw new StudioError('shopify', `Shopify was still processing the image after ${timeoutMs / 1000} s`);
    await sleep(interval);
    interval = Math.min(Math.round(interval * 1.5), maxIntervalMs);
  }
}

/** Makes the product's media exactly `files`, in that order (by id; alt set where given). */
export async function setProductFiles(
  gateway: AdminGateway,
  productId: string,
  files: { id: string; alt?: string | null }[],
): Promise<void> {
  const payload = await gateway.mutate(
    PRODUCT_FILES_SET_MUTATION,
    {
      identifier: { id: productId },
      input: { files: files.map((file) => (file.alt == null ? { id: file.id } : { id: file.id, alt: file.alt })) },
    },
    (data) => data.productSet,
  );
  if (!payload.product) throw new StudioError('shopify', 'Shopify returned no product after updating its media');
}

/** Reads the bytes at `url` (an image URL Shopify gave), refusing more than `maxBytes`. */
export async function downloadImage(url: string, maxBytes: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new StudioError('shopify', `The image could not be downloaded (${(error as Error).message})`);
  }
  if (!response.ok || !response.body) {
    throw new StudioError('shopify', `The image could not be downloaded (HTTP ${response.status})`);
  }
  const tooLarge = () =>
    new StudioError('image', `The image is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
}
