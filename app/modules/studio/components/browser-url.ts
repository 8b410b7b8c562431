/**
 * The media browser's address: its filters, the page's cursor, and the
 * cursors of the pages before it (Shopify's product pages go forward from a
 * cursor; "Previous" goes back along the trail). Also where an image's
 * editor and a batch live.
 */
import type { Aspect, BackgroundType, SizeClass } from '../media.server';

export const STUDIO_PATH = '/app/studio';

export interface BrowserFilters {
  query?: string;
  missingAlt?: boolean;
  size?: SizeClass;
  aspect?: Aspect;
  background?: BackgroundType;
}

export interface BrowserPlace {
  /** The cursor this page starts after; null on the first page. */
  cursor: string | null;
  /** The cursors of the pages before this one, oldest first ("" for the first page). */
  trail: string[];
}

/** Pages back one can go; older ones are forgotten (the first page is always a link away). */
const TRAIL_LIMIT = 20;

export const SIZE_CLASS_CHOICES = ['small', 'medium', 'large'] as const satisfies readonly SizeClass[];
export const ASPECT_CHOICES = ['square', 'portrait', 'landscape'] as const satisfies readonly Aspect[];
export const BACKGROUND_CHOICES = [
  'white',
  'solid',
  'gradient',
  'complex',
] as const satisfies readonly BackgroundType[];

export function browserSearch(filters: BrowserFilters, place: BrowserPlace = { cursor: null, trail: [] }): string {
  const params = new URLSearchParams();
  if (filters.query) params.set('query', filters.query);
  if (filters.missingAlt) params.set('missingAlt', 'true');
  if (filters.size) params.set('size', filters.size);
  if (filters.aspect) params.set('aspect', filters.aspect);
  if (filters.background) params.set('background', filters.background);
  if (place.cursor) {
    params.set('cursor', place.cursor);
    for (const cursor of place.trail.slice(-TRAIL_LIMIT)) params.append('trail', cursor);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The trail of pages before the current one, as the URL carries it. */
export function readTrail(params: URLSearchParams): string[] {
  return params
    .getAll('trail')
    .slice(-TRAIL_LIMIT)
    .filter((cursor) => cursor.length <= 1000);
}

export function nextPage(filters: BrowserFilters, place: BrowserPlace, endCursor: string): string {
  return `${STUDIO_PATH}${browserSearch(filters, { cursor: endCursor, trail: [...place.trail, place.cursor ?? ''] })}`;
}

export function previousPage(filters: BrowserFilters, place: BrowserPlace): string | null {
  if (!place.cursor) return null;
  const trail = [...place.trail];
  const cursor = trail.pop() || null;
  return `${STUDIO_PATH}${browserSearch(filters, { cursor, trail })}`;
}

/** The numeric id in a Shopify gid ("gid://shopify/Product/123" → "123"). */
export const numericId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);

export const productGid = (id: string) => `gid://shopify/Product/${id}`;
export const mediaImageGid = (id: string) => `gid://shopify/MediaImage/${id}`;

/** The editor of an image (gids or numeric ids). */
export const editorPath = (productId: string, mediaId: string) =>
  `${STUDIO_PATH}/${numericId(productId)}/${numericId(mediaId)}`;

export const batchPath = (batchId: string) => `${STUDIO_PATH}/batches/${batchId}`;
