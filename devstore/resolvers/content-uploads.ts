/**
 * stagedUploadsCreate: upload targets on this devstore (devstore/uploads.ts
 * accepts them), with parameters shaped like the Google Cloud Storage targets
 * Shopify returns: a POST form with a signed policy, or a signed PUT URL.
 */
import { randomUUID } from 'node:crypto';
import { MAX_UPLOAD_BYTES, signPostPolicy, signPutUrl, type UploadGrant } from '../uploads';
import { safeFilename } from './content-files';
import type { DevstoreContext } from './context';

interface StagedUploadInput {
  filename: string;
  mimeType: string;
  resource: string;
  fileSize?: string | number | null;
  httpMethod?: 'POST' | 'PUT' | null;
}

interface UserError {
  field: string[];
  message: string;
}

/** How long a target accepts its upload. */
const TARGET_LIFETIME_MS = 24 * 60 * 60 * 1000;

const FOLDERS: Record<string, string> = {
  IMAGE: 'products',
  COLLECTION_IMAGE: 'collections',
  SHOP_IMAGE: 'shop',
  FILE: 'files',
  VIDEO: 'videos',
  MODEL_3D: 'models',
  BULK_MUTATION_VARIABLES: 'bulk',
  URL_REDIRECT_IMPORT: 'url_redirects',
  RETURN_LABEL: 'return_labels',
  DISPUTE_FILE_UPLOAD: 'disputes',
};

function validate(input: StagedUploadInput, index: number): UserError[] {
  const at = (name: string) => ['input', String(index), name];
  const errors: UserError[] = [];
  if (!input.filename.trim()) errors.push({ field: at('filename'), message: "Filename can't be blank" });
  if (!input.mimeType.trim()) errors.push({ field: at('mimeType'), message: "Mime type can't be blank" });
  const size = input.fileSize == null ? null : Number(input.fileSize);
  if ((input.resource === 'VIDEO' || input.resource === 'MODEL_3D') && size === null) {
    errors.push({ field: at('fileSize'), message: `File size is required for ${input.resource} uploads` });
  }
  if (size !== null && size > MAX_UPLOAD_BYTES) {
    errors.push({
      field: at('fileSize'),
      message: `File size ${size} exceeds the maximum of ${MAX_UPLOAD_BYTES} bytes (20 MB)`,
    });
  }
  return errors;
}

function target(input: StagedUploadInput, context: DevstoreContext) {
  const { state, baseUrl, devstore } = context;
  const key = `tmp/${state.shop.id}/${FOLDERS[input.resource] ?? 'files'}/${randomUUID()}/${safeFilename(input.filename)}`;
  const grant: UploadGrant = {
    shop: state.shop.domain,
    key,
    contentType: input.mimeType,
    maxBytes: MAX_UPLOAD_BYTES,
    expiresAt: new Date(Date.now() + TARGET_LIFETIME_MS).toISOString(),
  };
  const url = `${baseUrl}/uploads/${grant.shop}/${key}`;
  const resourceUrl = `${baseUrl}/cdn/${grant.shop}/${key}`;
  if (input.httpMethod === 'PUT') {
    const query = new URLSearchParams({
      'X-Goog-Expires': grant.expiresAt,
      'X-Goog-Signature': signPutUrl(devstore.app.apiSecret, grant),
    });
    return {
      url: `${url}?${query}`,
      resourceUrl,
      parameters: [
        { name: 'content_type', value: input.mimeType },
        { name: 'acl', value: 'private' },
      ],
    };
  }
  const { policy, signature } = signPostPolicy(devstore.app.apiSecret, grant);
  const date = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  const parameters: Record<string, string> = {
    'Content-Type': input.mimeType,
    success_action_status: '201',
    acl: 'private',
    key,
    'x-goog-date': date,
    'x-goog-credential': `devstore/${date.slice(0, 8)}/auto/storage/goog4_request`,
    'x-goog-algorithm': 'GOOG4-HMAC-SHA256',
    'x-goog-signature': signature,
    policy,
  };
  return { url, resourceUrl, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) };
}

export function stagedUploadsCreate(args: Record<string, unknown>, context: DevstoreContext) {
  const inputs = args.input as StagedUploadInput[];
  const userErrors = inputs.flatMap(validate);
  if (userErrors.length > 0) return { stagedTargets: null, userErrors };
  return { stagedTargets: inputs.map((input) => target(input, context)), userErrors };
}
