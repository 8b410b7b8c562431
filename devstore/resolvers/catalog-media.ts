/**
 * Media images: the MediaImage node (product media and files alike), its CDN
 * url, and new media records made from an `originalSource` URL. A URL on the
 * devstore's own CDN (/cdn/<shop domain>/<key>, or a staged upload's
 * /uploads/<shop domain>/<key>) points at stored bytes, whose
 * real dimensions are read; any other URL becomes a record keyed after it.
 */
import sharp from 'sharp';
import { gid } from '../engine/ids';
import type { MediaImageRecord } from '../state/types';
import type { DevstoreContext } from './context';
import { metafieldFields } from './catalog-metafields';

type Args = Record<string, unknown>;

interface ImageTransform {
  maxWidth?: number | null;
  maxHeight?: number | null;
  crop?: string | null;
  scale?: number | null;
  preferredContentType?: string | null;
}

/** Where the devstore serves a stored file. */
export function cdnUrl(key: string, { baseUrl, state }: DevstoreContext): string {
  return `${baseUrl}/cdn/${state.shop.domain}/${key}`;
}

function transformedUrl(url: string, transform: ImageTransform | null | undefined): string {
  if (!transform) return url;
  const params = new URLSearchParams();
  if (transform.maxWidth) params.set('width', String(transform.maxWidth));
  if (transform.maxHeight) params.set('height', String(transform.maxHeight));
  if (transform.crop) params.set('crop', transform.crop.toLowerCase());
  if (transform.scale) params.set('scale', String(transform.scale));
  if (transform.preferredContentType) params.set('format', transform.preferredContentType.toLowerCase());
  const query = params.toString();
  return query ? `${url}?${query}` : url;
}

function imageNode(media: MediaImageRecord, context: DevstoreContext) {
  return {
    id: gid('ImageSource', media.id),
    url: (args: Args) => transformedUrl(cdnUrl(media.key, context), args.transform as ImageTransform | null),
    altText: media.alt || null,
    width: media.width || null,
    height: media.height || null,
  };
}

function mediaErrors(media: MediaImageRecord) {
  if (media.status !== 'FAILED') return [];
  return [
    { code: 'IMAGE_DOWNLOAD_FAILURE', details: null, message: 'Image could not be downloaded from the source URL' },
  ];
}

export function mediaImageNode(media: MediaImageRecord, context: DevstoreContext) {
  const ready = media.status === 'READY';
  return {
    __typename: 'MediaImage',
    id: gid('MediaImage', media.id),
    alt: media.alt,
    mediaContentType: 'IMAGE',
    status: media.status,
    fileStatus: media.status,
    mimeType: media.mimeType,
    image: ready ? imageNode(media, context) : null,
    preview: { image: ready ? imageNode(media, context) : null, status: media.status },
    originalSource: { url: cdnUrl(media.key, context), fileSize: media.fileSize },
    mediaErrors: mediaErrors(media),
    fileErrors: mediaErrors(media),
    mediaWarnings: [],
    createdAt: media.createdAt,
    updatedAt: media.updatedAt,
    ...metafieldFields(gid('MediaImage', media.id), context),
  };
}

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

function mimeTypeOf(path: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[extension] ?? 'image/jpeg';
}

/** The storage key a devstore URL (CDN or staged upload) points at, or null for any other URL. */
export function cdnKeyOf(source: string, { state }: DevstoreContext): string | null {
  const path = new URL(source).pathname;
  for (const area of ['cdn', 'uploads']) {
    const prefix = `/${area}/${state.shop.domain}/`;
    if (path.startsWith(prefix) && path.length > prefix.length) return decodeURIComponent(path.slice(prefix.length));
  }
  return null;
}

/** Whether Shopify would accept the string as an originalSource URL. */
export function isSourceUrl(source: string): boolean {
  return URL.canParse(source) && /^https?:$/.test(new URL(source).protocol);
}

async function dimensions(bytes: Buffer): Promise<{ width: number; height: number }> {
  try {
    const metadata = await sharp(bytes).metadata();
    return { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  } catch {
    return { width: 0, height: 0 };
  }
}

/** The stored fields of an image made from `source` (the caller assigns id and owner). */
export async function imageFromSource(source: string, context: DevstoreContext) {
  const cdnKey = cdnKeyOf(source, context);
  if (cdnKey === null) {
    const url = new URL(source);
    const key = `external/${url.host}${url.pathname}`.replace(/[^A-Za-z0-9._/-]/g, '_');
    return { key, width: 0, height: 0, mimeType: mimeTypeOf(url.pathname), fileSize: 0, status: 'READY' as const };
  }
  const file = context.state.files.get(cdnKey);
  if (!file)
    return { key: cdnKey, width: 0, height: 0, mimeType: mimeTypeOf(cdnKey), fileSize: 0, status: 'FAILED' as const };
  return {
    key: cdnKey,
    ...(await dimensions(file.bytes)),
    mimeType: file.mimeType,
    fileSize: file.bytes.length,
    status: 'READY' as const,
  };
}

/** Creates and stores a MediaImage from a source URL. */
export async function createMediaImage(
  source: string,
  alt: string | null | undefined,
  productId: number | null,
  context: DevstoreContext,
): Promise<MediaImageRecord> {
  const { state } = context;
  const now = state.now();
  const record: MediaImageRecord = {
    id: state.nextId(),
    productId,
    alt: alt ?? '',
    ...(await imageFromSource(source, context)),
    createdAt: now,
    updatedAt: now,
  };
  state.media.set(record.id, record);
  return record;
}
