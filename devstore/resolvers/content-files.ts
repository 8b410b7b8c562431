/**
 * Files: the `files` connection over every image record (uploaded files and
 * product images, as Shopify lists both), and fileCreate / fileUpdate from a
 * source this devstore holds (a staged upload or a CDN URL). The devstore
 * stores images only; another contentType fails loudly.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { connection } from '../engine/connection';
import { gid, parseGid } from '../engine/ids';
import { NotEmulatedError } from '../engine/strict-resolver';
import type { MediaImageRecord } from '../state/types';
import type { DevstoreContext } from './context';

export interface FilesUserError {
  field: string[];
  message: string;
  code: string;
}

const MAX_ALT_LENGTH = 512;

export const cdnUrl = (context: DevstoreContext, key: string) =>
  `${context.baseUrl}/cdn/${context.state.shop.domain}/${key}`;

export const basename = (key: string) => key.split('/').pop() ?? key;

const extension = (filename: string) => /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';

/** A file name safe in a URL path: letters, digits, dot, dash and underscore. */
export const safeFilename = (filename: string) => filename.trim().replace(/[^A-Za-z0-9._-]+/g, '_');

function imageOf(record: MediaImageRecord, context: DevstoreContext) {
  return {
    __typename: 'Image',
    id: gid('ImageSource', record.id),
    url: cdnUrl(context, record.key),
    altText: record.alt || null,
    width: record.width,
    height: record.height,
    thumbhash: null,
  };
}

/** A file record as a MediaImage (the File and Media interfaces). */
export function fileNode(record: MediaImageRecord, context: DevstoreContext) {
  const ready = record.status === 'READY';
  return {
    __typename: 'MediaImage',
    id: gid('MediaImage', record.id),
    alt: record.alt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    fileStatus: record.status,
    status: record.status,
    fileErrors: [],
    mediaErrors: [],
    mediaWarnings: [],
    mediaContentType: 'IMAGE',
    mimeType: record.mimeType,
    image: ready ? imageOf(record, context) : null,
    originalSource: { url: cdnUrl(context, record.key), fileSize: record.fileSize },
    preview: { status: record.status, image: ready ? imageOf(record, context) : null },
  };
}

export function filesConnection(args: Record<string, unknown>, context: DevstoreContext) {
  const filename = (record: MediaImageRecord) => basename(record.key);
  return connection(
    context.state.media.values(),
    { ...args, sortKey: args.sortKey === 'RELEVANCE' ? 'ID' : (args.sortKey as string) },
    {
      id: (record) => gid('MediaImage', record.id),
      node: (record) => fileNode(record, context),
      sortKeys: {
        CREATED_AT: (record) => record.createdAt,
        UPDATED_AT: (record) => record.updatedAt,
        FILENAME: (record) => filename(record).toLowerCase(),
        ORIGINAL_UPLOAD_SIZE: (record) => record.fileSize,
      },
      searchFields: {
        id: (record) => record.id,
        filename,
        media_type: () => 'IMAGE',
        status: (record) => record.status,
        created_at: (record) => record.createdAt,
        updated_at: (record) => record.updatedAt,
        original_upload_size: (record) => record.fileSize,
        product_id: (record) => record.productId,
      },
      searchText: (record) => `${filename(record)} ${record.alt}`,
    },
  );
}

/** The key under this shop's storage that a devstore URL points at, or null. */
export function localKey(source: string, context: DevstoreContext): string | null {
  const path = source.split(/[?#]/)[0] as string;
  for (const area of ['cdn', 'uploads']) {
    const prefix = `${context.baseUrl}/${area}/${context.state.shop.domain}/`;
    if (path.startsWith(prefix) && path.length > prefix.length) return decodeURIComponent(path.slice(prefix.length));
  }
  return null;
}

export interface StoredImage {
  key: string;
  bytes: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

/** Reads an image the devstore stores at `source`; a userError when it cannot. */
export async function readSourceImage(
  source: string,
  field: string[],
  context: DevstoreContext,
): Promise<StoredImage | FilesUserError> {
  if (!URL.canParse(source)) return { field, message: 'Image URL is invalid', code: 'INVALID_IMAGE_SOURCE_URL' };
  const key = localKey(source, context);
  if (key === null) {
    return {
      field,
      message: `The devstore cannot download ${source}; upload it with stagedUploadsCreate and use the resourceUrl`,
      code: 'INVALID_IMAGE_SOURCE_URL',
    };
  }
  const stored = context.state.files.get(key);
  if (!stored) return { field, message: `No file was uploaded at ${source}`, code: 'INVALID_IMAGE_SOURCE_URL' };
  try {
    const metadata = await sharp(stored.bytes).metadata();
    const mimeType = stored.mimeType.startsWith('image/') ? stored.mimeType : `image/${metadata.format}`;
    return { key, bytes: stored.bytes, mimeType, width: metadata.width ?? 0, height: metadata.height ?? 0 };
  } catch {
    return { field, message: 'The file at originalSource is not a readable image', code: 'INVALID' };
  }
}

const isUserError = (value: StoredImage | FilesUserError): value is FilesUserError => 'code' in value;

interface FileCreateInput {
  alt?: string | null;
  contentType?: string | null;
  duplicateResolutionMode?: string | null;
  filename?: string | null;
  originalSource: string;
}

interface PlannedFile {
  image: StoredImage;
  key: string;
  alt: string;
  replaces: MediaImageRecord | null;
}

const fileAt = (key: string, context: DevstoreContext) =>
  [...context.state.media.values()].find((record) => record.key === key) ?? null;

/** Where a new file goes, by Shopify's duplicate resolution modes. */
function placeFile(
  filename: string,
  mode: string,
  field: string[],
  taken: Set<string>,
  context: DevstoreContext,
): Pick<PlannedFile, 'key' | 'replaces'> | FilesUserError {
  const key = `files/${filename}`;
  const existing = fileAt(key, context);
  if (!existing && !taken.has(key)) return { key, replaces: null };
  if (mode === 'RAISE_ERROR')
    return { field, message: `A file named ${filename} already exists`, code: 'FILENAME_ALREADY_EXISTS' };
  if (mode === 'REPLACE' && existing) return { key, replaces: existing };
  const stem = filename.replace(/\.[^.]+$/, '');
  return { key: `files/${stem}_${randomUUID()}${filename.slice(stem.length)}`, replaces: null };
}

async function planFile(
  input: FileCreateInput,
  index: number,
  taken: Set<string>,
  context: DevstoreContext,
): Promise<PlannedFile | FilesUserError> {
  const at = (name: string) => ['files', String(index), name];
  if (input.contentType && input.contentType !== 'IMAGE')
    throw new NotEmulatedError('FileCreateInput', `contentType ${input.contentType} (the devstore stores images only)`);
  if ((input.alt ?? '').length > MAX_ALT_LENGTH)
    return {
      field: at('alt'),
      message: `Alt value exceeds the maximum length of ${MAX_ALT_LENGTH}`,
      code: 'ALT_VALUE_LIMIT_EXCEEDED',
    };
  const mode = input.duplicateResolutionMode ?? 'APPEND_UUID';
  if (mode === 'REPLACE' && !input.filename)
    return {
      field: at('filename'),
      message: 'A filename is required to replace a file',
      code: 'MISSING_FILENAME_FOR_DUPLICATE_MODE_REPLACE',
    };
  const image = await readSourceImage(input.originalSource, at('originalSource'), context);
  if (isUserError(image)) return image;
  const filename = safeFilename(input.filename ?? basename(image.key));
  if (input.filename && extension(filename) !== extension(basename(image.key))) {
    return {
      field: at('filename'),
      message: 'The filename extension must match the extension of the original source',
      code: 'MISMATCHED_FILENAME_AND_ORIGINAL_SOURCE',
    };
  }
  const place = placeFile(filename, mode, at('filename'), taken, context);
  if ('code' in place) return place;
  taken.add(place.key);
  return { image, key: place.key, alt: input.alt ?? '', replaces: place.replaces };
}

function storeFile(plan: PlannedFile, context: DevstoreContext): MediaImageRecord {
  const { state } = context;
  const now = state.now();
  const { image } = plan;
  state.files.set(plan.key, { bytes: image.bytes, mimeType: image.mimeType });
  const fields = {
    alt: plan.alt,
    key: plan.key,
    width: image.width,
    height: image.height,
    mimeType: image.mimeType,
    fileSize: image.bytes.length,
  };
  if (plan.replaces) return Object.assign(plan.replaces, fields, { status: 'READY', updatedAt: now });
  const record: MediaImageRecord = {
    id: state.nextId(),
    productId: null,
    ...fields,
    status: 'UPLOADED',
    createdAt: now,
    updatedAt: now,
  };
  state.media.set(record.id, record);
  // The bytes are already here: processing finishes at once, or after the delay the devstore is set to.
  const delay = context.devstore.fileProcessingMs;
  if (delay <= 0) {
    record.status = 'READY';
    return record;
  }
  record.status = 'PROCESSING';
  setTimeout(() => {
    if (record.status !== 'PROCESSING') return;
    record.status = 'READY';
    record.updatedAt = state.now();
  }, delay).unref();
  return record;
}

export async function fileCreate(args: Record<string, unknown>, context: DevstoreContext) {
  const inputs = args.files as FileCreateInput[];
  const taken = new Set<string>();
  const plans: PlannedFile[] = [];
  const userErrors: FilesUserError[] = [];
  for (const [index, input] of inputs.entries()) {
    const plan = await planFile(input, index, taken, context);
    if ('code' in plan) userErrors.push(plan);
    else plans.push(plan);
  }
  if (userErrors.length > 0) return { files: null, userErrors };
  return { files: plans.map((plan) => fileNode(storeFile(plan, context), context)), userErrors };
}

interface FileUpdateInput {
  id: string;
  alt?: string | null;
  filename?: string | null;
  originalSource?: string | null;
  previewImageSource?: string | null;
  referencesToAdd?: string[] | null;
  referencesToRemove?: string[] | null;
}

type FileChange = (record: MediaImageRecord, context: DevstoreContext) => void;

async function planUpdate(
  input: FileUpdateInput,
  index: number,
  context: DevstoreContext,
): Promise<{ record: MediaImageRecord; changes: FileChange[] } | FilesUserError> {
  const at = (name: string) => ['files', String(index), name];
  for (const name of ['previewImageSource', 'referencesToAdd', 'referencesToRemove'] as const) {
    if (input[name] != null) throw new NotEmulatedError('FileUpdateInput', name);
  }
  const parsed = parseGid(input.id);
  const record = parsed?.type === 'MediaImage' ? context.state.media.get(Number(parsed.id)) : undefined;
  if (!record) return { field: at('id'), message: `File id ${input.id} does not exist.`, code: 'FILE_DOES_NOT_EXIST' };
  const changes: FileChange[] = [];
  if (input.alt != null) {
    if (input.alt.length > MAX_ALT_LENGTH)
      return {
        field: at('alt'),
        message: `Alt value exceeds the maximum length of ${MAX_ALT_LENGTH}`,
        code: 'ALT_VALUE_LIMIT_EXCEEDED',
      };
    changes.push((file) => (file.alt = input.alt as string));
  }
  if (input.originalSource != null) {
    const image = await readSourceImage(input.originalSource, at('originalSource'), context);
    if (isUserError(image)) return image;
    changes.push((file, { state }) => {
      const sourceExtension = extension(basename(image.key));
      const key = file.key.replace(/(\.[^./]+)?$/, sourceExtension ? `.${sourceExtension}` : '');
      state.files.set(key, { bytes: image.bytes, mimeType: image.mimeType });
      Object.assign(file, {
        key,
        width: image.width,
        height: image.height,
        mimeType: image.mimeType,
        fileSize: image.bytes.length,
      });
    });
  }
  if (input.filename != null) {
    const filename = safeFilename(input.filename);
    if (extension(filename) !== extension(basename(record.key)))
      return {
        field: at('filename'),
        message: 'The filename extension cannot be changed',
        code: 'INVALID_FILENAME_EXTENSION',
      };
    changes.push((file, { state }) => {
      const key = file.key.replace(/[^/]*$/, filename);
      const stored = state.files.get(file.key);
      if (stored) state.files.set(key, stored);
      file.key = key;
    });
  }
  return { record, changes };
}

export async function fileUpdate(args: Record<string, unknown>, context: DevstoreContext) {
  const planned: { record: MediaImageRecord; changes: FileChange[] }[] = [];
  const userErrors: FilesUserError[] = [];
  for (const [index, input] of (args.files as FileUpdateInput[]).entries()) {
    const plan = await planUpdate(input, index, context);
    if ('code' in plan) userErrors.push(plan);
    else planned.push(plan);
  }
  if (userErrors.length > 0) return { files: null, userErrors };
  const files = planned.map(({ record, changes }) => {
    for (const change of changes) change(record, context);
    record.updatedAt = context.state.now();
    return fileNode(record, context);
  });
  return { files, userErrors };
}
