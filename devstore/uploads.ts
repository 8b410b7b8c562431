/**
 * The devstore's file storage over HTTP, shaped like the Google Cloud Storage
 * targets Shopify's stagedUploadsCreate hands out, and the CDN that serves
 * the stored files. Mounted by the devstore's HTTP server:
 *
 *   if (await handleUpload(req, res, devstore)) return;
 *
 * - POST /uploads/<shop>/<key>: a multipart/form-data upload carrying the
 *   parameters of a staged target (policy, x-goog-signature, key,
 *   Content-Type, …) and then the `file` part. The signature is an HMAC of
 *   the policy with the app's secret; the policy names the shop, key,
 *   content type and size range. Answers 201 with a PostResponse XML (or the
 *   success_action_status asked for), 403 for a bad signature or policy, 413
 *   for a file over the policy's size or a body over 20 MB.
 * - PUT /uploads/<shop>/<key>?X-Goog-Expires=…&X-Goog-Signature=…: the raw
 *   bytes, for targets made with httpMethod PUT. Answers 200.
 * - GET|HEAD /cdn/<shop>/<key>: the stored bytes with their Content-Type and
 *   a long Cache-Control; 404 when missing. Query strings (?v=…) are ignored.
 *
 * Bytes live in the shop's state.files under the key, where fileCreate and
 * the resolvers find them. handleUpload answers false for any other path.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type * as http from 'node:http';
import type { DevstoreState } from './state/devstore-state';
import type { ShopState } from './state/shop-state';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Room for the form fields around the file in a multipart body. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface UploadGrant {
  shop: string;
  key: string;
  contentType: string;
  maxBytes: number;
  /** ISO time after which the target no longer accepts the upload. */
  expiresAt: string;
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

function sameSignature(expected: string, given: string | undefined): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** The POST policy (base64 JSON, like GCS's) and its signature. */
export function signPostPolicy(secret: string, grant: UploadGrant): { policy: string; signature: string } {
  const document = {
    expiration: grant.expiresAt,
    conditions: [
      { bucket: grant.shop },
      { key: grant.key },
      { 'Content-Type': grant.contentType },
      { acl: 'private' },
      { success_action_status: '201' },
      ['content-length-range', 0, grant.maxBytes],
    ],
  };
  const policy = Buffer.from(JSON.stringify(document)).toString('base64');
  return { policy, signature: hmac(secret, policy) };
}

/** The signature of a PUT target's URL. */
export function signPutUrl(secret: string, grant: UploadGrant): string {
  return hmac(secret, ['PUT', grant.shop, grant.key, grant.contentType, grant.expiresAt].join('\n'));
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

function xmlError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/xml; charset=UTF-8' },
    body: `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}

class TooLargeError extends Error {}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new TooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface FormData {
  fields: Map<string, string>;
  file: { bytes: Buffer; contentType: string | null } | null;
}

function headerParam(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(header);
  return match ? (match[1] as string) : null;
}

/** A multipart/form-data body: text fields by name, and the part named `file`. */
export function parseMultipart(body: Buffer, boundary: string): FormData | null {
  const opening = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const form: FormData = { fields: new Map(), file: null };
  let position = body.indexOf(opening);
  if (position === -1) return null;
  position += opening.length;
  while (body.subarray(position, position + 2).toString() === '\r\n') {
    const headerEnd = body.indexOf('\r\n\r\n', position);
    const next = headerEnd === -1 ? -1 : body.indexOf(separator, headerEnd + 4);
    if (next === -1) return null;
    const headers = body.subarray(position + 2, headerEnd).toString('utf8');
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    if (name === 'file')
      form.file = { bytes: data, contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? null };
    else if (name !== null) form.fields.set(name, data.toString('utf8'));
    position = next + separator.length;
  }
  return body.subarray(position, position + 2).toString() === '--' ? form : null;
}

type Condition = Record<string, string> | [string, number, number];

/** Checks a POST upload against its signed policy; null when it may be stored. */
function checkPolicy(form: FormData, shop: string, key: string, secret: string): Reply | null {
  const policy = form.fields.get('policy');
  if (!policy || !sameSignature(hmac(secret, policy), form.fields.get('x-goog-signature'))) {
    return xmlError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: Condition[];
  };
  if (Date.parse(document.expiration) < Date.now()) return xmlError(403, 'AccessDenied', 'Policy expired.');
  const values: Record<string, string> = { bucket: shop, ...Object.fromEntries(form.fields) };
  for (const condition of document.conditions) {
    if (Array.isArray(condition)) {
      const size = form.file?.bytes.length ?? 0;
      if (size > condition[2])
        return xmlError(413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
      continue;
    }
    for (const [name, expected] of Object.entries(condition)) {
      if (values[name] !== expected)
        return xmlError(
          403,
          'AccessDenied',
          `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${expected}"]`,
        );
    }
  }
  if (values.key !== key) return xmlError(403, 'AccessDenied', 'The key does not match the upload URL.');
  return null;
}

function postResponse(form: FormData, req: http.IncomingMessage, shop: string, key: string): Reply {
  const status = Number(form.fields.get('success_action_status') ?? 204);
  if (status !== 201) return { status: status === 200 ? 200 : 204 };
  const location = `http://${req.headers.host ?? 'localhost'}/cdn/${shop}/${key}`;
  const body = `<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>${location}</Location><Bucket>${shop}</Bucket><Key>${key}</Key><ETag>"${hmac('etag', key)}"</ETag></PostResponse>`;
  return { status: 201, headers: { 'Content-Type': 'application/xml; charset=UTF-8' }, body };
}

async function postUpload(req: http.IncomingMessage, shop: ShopState, key: string, secret: string): Promise<Reply> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
  if (!boundary) return xmlError(400, 'InvalidArgument', 'Expected a multipart/form-data body.');
  const form = parseMultipart(
    await readBody(req, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD),
    (boundary[1] ?? boundary[2] ?? '').trim(),
  );
  if (!form?.file) return xmlError(400, 'InvalidArgument', 'The form has no file part.');
  const refused = checkPolicy(form, shop.shop.domain, key, secret);
  if (refused) return refused;
  const mimeType = form.fields.get('Content-Type') ?? form.file.contentType ?? 'application/octet-stream';
  shop.files.set(key, { bytes: form.file.bytes, mimeType });
  return postResponse(form, req, shop.shop.domain, key);
}

async function putUpload(
  req: http.IncomingMessage,
  url: URL,
  shop: ShopState,
  key: string,
  secret: string,
): Promise<Reply> {
  const contentType = req.headers['content-type'] ?? '';
  const expiresAt = url.searchParams.get('X-Goog-Expires') ?? '';
  const grant = { shop: shop.shop.domain, key, contentType, maxBytes: MAX_UPLOAD_BYTES, expiresAt };
  if (!sameSignature(signPutUrl(secret, grant), url.searchParams.get('X-Goog-Signature') ?? undefined)) {
    return xmlError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  if (Date.parse(expiresAt) < Date.now()) return xmlError(403, 'AccessDenied', 'Request has expired.');
  shop.files.set(key, { bytes: await readBody(req, MAX_UPLOAD_BYTES), mimeType: contentType });
  return { status: 200 };
}

function serveFile(req: http.IncomingMessage, shop: ShopState, key: string): Reply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return xmlError(405, 'MethodNotAllowed', 'Use GET.');
  const file = shop.files.get(key);
  if (!file) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
  return {
    status: 200,
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'public, max-age=31536000',
    },
    body: req.method === 'HEAD' ? undefined : file.bytes,
  };
}

async function route(
  req: http.IncomingMessage,
  url: URL,
  devstore: DevstoreState,
  area: string,
  rest: string[],
): Promise<Reply> {
  const [shopDomain, ...keyParts] = rest.map((part) => decodeURIComponent(part));
  const shop = shopDomain ? devstore.shop(shopDomain) : undefined;
  const key = keyParts.join('/');
  if (!shop || !key) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
  if (area === 'cdn') return serveFile(req, shop, key);
  if (req.method === 'POST') return postUpload(req, shop, key, devstore.app.apiSecret);
  if (req.method === 'PUT') return putUpload(req, url, shop, key, devstore.app.apiSecret);
  return xmlError(405, 'MethodNotAllowed', 'Upload with POST or PUT.');
}

/** Serves /uploads/… and /cdn/…; false when the request is for another path. */
export async function handleUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  devstore: DevstoreState,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://devstore.local');
  const [, area, ...rest] = url.pathname.split('/');
  if (area !== 'uploads' && area !== 'cdn') return false;
  let reply: Reply;
  try {
    reply = await route(req, url, devstore, area, rest);
  } catch (error) {
    if (!(error instanceof TooLargeError)) throw error;
    reply = xmlError(413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    res.setHeader('Connection', 'close');
    req.resume();
  }
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body);
  return true;
}
