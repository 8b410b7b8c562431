/**
 * The storefront's way in (Shopify's app proxy, /apps/steward/* → /proxy/*):
 * what every proxy endpoint does before its own work, and how it answers.
 *
 * 1. authenticateProxy: Shopify's signature through the library
 *    (authenticate.public.appProxy). The library answers a bad or missing
 *    signature with 400; Shopify's app review expects 401, so that is what we
 *    send. A shop without Steward's offline session (not installed) gets 404.
 *    The shop and logged_in_customer_id are trusted only after this.
 * 2. readFields: the body, at most MAX_BODY_BYTES (64 KB; read with a cap, not
 *    trusted from Content-Length), as URL-encoded, multipart or JSON, UTF-8
 *    only. Anything else is refused with 413, 415 or 400 — never a 500.
 * 3. answer: JSON for the blocks' script (Accept: application/json), else a
 *    303 back to the page the form was on (return_to: a path on the shop,
 *    never another site) with the outcome in the query
 *    (?steward_support=sent|invalid|limited&steward_errors=email,message) and,
 *    when return_to names a fragment, that fragment + "-<status>".
 */
import type { Session } from '@shopify/shopify-api';
import { resolveLocale, SUPPORTED_LOCALES, type Locale } from '~/i18n/i18n';
import { authenticate } from '~/shopify.server';
import { hasControlCharacter, NOT_TEXT, type Fields } from './storefront-forms';

/** Room for the longest form in any script: 5,000 CJK characters URL-encode to 45 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ProxyContext {
  shop: string;
  session: Session;
  /** The signed-in customer, as Shopify's signed query names them. */
  customerId: bigint | null;
  /** Where the app proxy lives on the storefront ("/apps/steward"). */
  pathPrefix: string;
  wantsJson: boolean;
}

export function jsonAnswer(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function wantsJson(request: Request): boolean {
  return (request.headers.get('Accept') ?? '').toLowerCase().includes('application/json');
}

export async function authenticateProxy(request: Request): Promise<ProxyContext> {
  let context: Awaited<ReturnType<typeof authenticate.public.appProxy>>;
  try {
    context = await authenticate.public.appProxy(request);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 400) {
      throw jsonAnswer({ ok: false, error: 'unauthorized' }, 401);
    }
    throw thrown;
  }
  if (!context.session) throw jsonAnswer({ ok: false, error: 'not_installed' }, 404);
  const params = new URL(request.url).searchParams;
  const customer = params.get('logged_in_customer_id') ?? '';
  const prefix = params.get('path_prefix') ?? '';
  return {
    shop: context.session.shop,
    session: context.session,
    customerId: /^\d{1,19}$/.test(customer) && BigInt(customer) > 0n ? BigInt(customer) : null,
    pathPrefix: /^\/[A-Za-z0-9/_-]{1,100}$/.test(prefix) ? prefix.replace(/\/$/, '') : '/apps/steward',
    wantsJson: wantsJson(request),
  };
}

/** Why a body could not be read: its HTTP status and error code. */
export class BodyError extends Error {
  override name = 'BodyError';
  readonly status: 400 | 413 | 415;
  readonly code: 'malformed' | 'too_large' | 'unsupported_media_type';
  constructor(status: BodyError['status'], code: BodyError['code']) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

async function readCapped(request: Request, limit: number): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, 'too_large');
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new BodyError(413, 'too_large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError(400, 'malformed');
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BodyError(400, 'malformed');
  }
}

/** The body's fields (the first value of each name), or BodyError. */
export async function readFields(request: Request, limit = MAX_BODY_BYTES): Promise<Fields> {
  const contentType = request.headers.get('Content-Type') ?? '';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const charset = parameters
    .find((parameter) => parameter.toLowerCase().startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '')
    .toLowerCase();
  const type = mediaType.toLowerCase();
  const known = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'];
  if (!known.includes(type) || (charset && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new BodyError(415, 'unsupported_media_type');
  }
  const bytes = await readCapped(request, limit);
  const fields: Fields = Object.create(null);
  const put = (name: string, value: string | typeof NOT_TEXT) => {
    if (!(name in fields)) fields[name] = value;
  };
  if (type === 'application/x-www-form-urlencoded') {
    for (const [name, value] of new URLSearchParams(decode(bytes))) put(name, value);
  } else if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'Content-Type': contentType } }).formData();
    } catch {
      throw new BodyError(400, 'malformed');
    }
    for (const [name, value] of form) put(name, typeof value === 'string' ? value : NOT_TEXT);
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decode(bytes));
    } catch {
      throw new BodyError(400, 'malformed');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BodyError(400, 'malformed');
    for (const [name, value] of Object.entries(parsed)) {
      if (value === null) continue;
      put(
        name,
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : NOT_TEXT,
      );
    }
  }
  return fields;
}

/** The customer's language: the form's `locale` (the storefront's), else Accept-Language. */
export function formLocale(fields: Fields, request: Request): Locale {
  const given = fields.locale;
  const language = typeof given === 'string' ? given.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  return SUPPORTED_LOCALES.find((locale) => locale === language) ?? resolveLocale(request);
}

/**
 * A path on the shop to send the visitor back to: `return_to` when it is one
 * (with its fragment, which names where the form's notes are: "#steward-support"),
 * else the page they came from, else "/".
 */
export function returnPath(fields: Fields | null, request: Request): string {
  const base = 'https://shop.invalid';
  const candidates = [
    typeof fields?.return_to === 'string' ? fields.return_to : null,
    (() => {
      try {
        const referer = new URL(request.headers.get('Referer') ?? '');
        return `${referer.pathname}${referer.search}`;
      } catch {
        return null;
      }
    })(),
  ];
  for (const candidate of candidates) {
    if (!candidate || candidate.length > 1000 || !candidate.startsWith('/') || /^\/[/\\]/.test(candidate)) continue;
    if (/[\s\\]/.test(candidate) || hasControlCharacter(candidate)) continue;
    try {
      const url = new URL(candidate, base);
      const fragment = /^#[A-Za-z0-9_-]{1,64}$/.test(url.hash) ? url.hash : '';
      if (url.origin === base) return `${url.pathname}${url.search}${fragment}`;
    } catch {
      continue;
    }
  }
  return '/';
}

/**
 * A 303 to `path` with the outcome parameters set (earlier steward_* parameters
 * replaced) and, when the path names a fragment, the fragment `<it>-<status>`
 * ("#steward-support-sent"): a theme cannot read the query string in Liquid, but
 * CSS can show the note the fragment targets.
 */
export function redirectBack(path: string, outcome: Record<string, string>, status: string): Response {
  const url = new URL(path, 'https://shop.invalid');
  for (const name of [...url.searchParams.keys()]) if (name.startsWith('steward_')) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(outcome)) url.searchParams.set(name, value);
  const fragment = url.hash ? `${url.hash}-${status}` : '';
  return new Response(null, {
    status: 303,
    headers: { Location: `${url.pathname}${url.search}${fragment}`, 'Cache-Control': 'no-store' },
  });
}
