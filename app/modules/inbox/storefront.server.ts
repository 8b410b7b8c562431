/**
 * The storefront endpoints' work, after authenticateProxy (proxy.server.ts):
 *
 *   POST /apps/steward/support   the support form → a ticket
 *   POST /apps/steward/feedback  the feedback block → a rating (+ a ticket when commented)
 *   GET  /apps/steward/rate?t=…  the satisfaction page (Liquid, inside the theme)
 *   POST /apps/steward/rate      its form → the ticket's rating
 *
 * Each POST: method, rate limits (per visitor address and per shop,
 * counted before any work), body (at most 64 KB), honeypot (`website` filled: the
 * success answer, nothing stored), validation with field errors, then the
 * work. Bad input never stores anything and is answered 4xx, never 500.
 */
import type { PrismaClient } from '@prisma/client';
import { createI18n } from '~/i18n/i18n';
import { storeFeedback } from './feedback.server';
import {
  BodyError,
  formLocale,
  jsonAnswer,
  readFields,
  redirectBack,
  returnPath,
  type ProxyContext,
} from './proxy.server';
import { checkProxyLimits, type ProxyEndpoint } from './rate-limit.server';
import { ratePage } from './rate-page';
import { readSatisfactionToken, recordSatisfaction } from './satisfaction.server';
import {
  feedbackFormSchema,
  ratingFormSchema,
  supportFormSchema,
  validateForm,
  type FieldErrors,
  type Fields,
} from './storefront-forms';
import { ticketLocale } from './template-values.server';
import { openTicket } from './tickets.server';

/** The query parameter each endpoint's no-JS answer uses. */
const OUTCOME_PARAM: Record<ProxyEndpoint, string> = {
  support: 'steward_support',
  feedback: 'steward_feedback',
  rate: 'steward_rate',
};

type Outcome =
  | { kind: 'sent'; body?: Record<string, unknown>; status?: number }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'body'; error: BodyError }
  | { kind: 'limited'; retryAfter: number }
  | { kind: 'refused'; status: number; error: string };

function answer(
  proxy: ProxyContext,
  endpoint: ProxyEndpoint,
  outcome: Outcome,
  back: string,
  extra: Record<string, string> = {},
): Response {
  const param = OUTCOME_PARAM[endpoint];
  switch (outcome.kind) {
    case 'sent':
      return proxy.wantsJson
        ? jsonAnswer({ ok: true, ...outcome.body }, outcome.status ?? 201)
        : redirectBack(back, { ...extra, [param]: 'sent' }, 'sent');
    case 'invalid':
      return proxy.wantsJson
        ? jsonAnswer({ ok: false, errors: outcome.errors }, 422)
        : redirectBack(
            back,
            { ...extra, [param]: 'invalid', steward_errors: Object.keys(outcome.errors).join(',') },
            'invalid',
          );
    case 'body':
      return proxy.wantsJson
        ? jsonAnswer({ ok: false, error: outcome.error.code }, outcome.error.status)
        : redirectBack(back, { ...extra, [param]: 'invalid', steward_errors: outcome.error.code }, 'invalid');
    case 'limited':
      return proxy.wantsJson
        ? jsonAnswer({ ok: false, error: 'rate_limited' }, 429, { 'Retry-After': String(outcome.retryAfter) })
        : redirectBack(back, { ...extra, [param]: 'limited' }, 'limited');
    case 'refused':
      return proxy.wantsJson
        ? jsonAnswer({ ok: false, error: outcome.error }, outcome.status)
        : redirectBack(back, { ...extra, [param]: outcome.error }, outcome.error);
  }
}

export function methodNotAllowed(allow: string): Response {
  return jsonAnswer({ ok: false, error: 'method_not_allowed' }, 405, { Allow: allow });
}

/** Limits, body and honeypot: the fields to validate, or the answer already. */
async function intake(
  db: PrismaClient,
  proxy: ProxyContext,
  request: Request,
  endpoint: ProxyEndpoint,
  back: (fields: Fields | null) => string,
): Promise<{ fields: Fields } | { response: Response }> {
  if (request.method !== 'POST') return { response: methodNotAllowed(endpoint === 'rate' ? 'GET, POST' : 'POST') };
  const limit = await checkProxyLimits(db, proxy.shop, endpoint, request.headers);
  let fields: Fields;
  try {
    fields = await readFields(request);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    const outcome: Outcome = limit.allowed
      ? { kind: 'body', error }
      : { kind: 'limited', retryAfter: limit.retryAfter };
    return { response: answer(proxy, endpoint, outcome, back(null)) };
  }
  if (!limit.allowed) {
    // Read only to know where to send a form without JavaScript back to.
    return { response: answer(proxy, endpoint, { kind: 'limited', retryAfter: limit.retryAfter }, back(fields)) };
  }
  if (typeof fields.website === 'string' ? fields.website.trim() !== '' : fields.website !== undefined) {
    // A bot filled the field people never see: it hears what a person would, and nothing is kept.
    return { response: answer(proxy, endpoint, { kind: 'sent' }, back(fields)) };
  }
  return { fields };
}

async function mirroredCustomer(db: PrismaClient, proxy: ProxyContext) {
  if (proxy.customerId === null) return null;
  return db.customer.findFirst({
    where: { shop: proxy.shop, id: proxy.customerId, deletedAt: null },
    select: { firstName: true, lastName: true, email: true },
  });
}

export async function submitSupport(db: PrismaClient, proxy: ProxyContext, request: Request): Promise<Response> {
  const back = (fields: Fields | null) => returnPath(fields, request);
  const taken = await intake(db, proxy, request, 'support', back);
  if ('response' in taken) return taken.response;
  const { fields } = taken;
  const form = validateForm(supportFormSchema, fields);
  if (!form.ok) return answer(proxy, 'support', { kind: 'invalid', errors: form.errors }, back(fields));

  // A signed-in customer who left name or e-mail out: the shop's record of them fills the gap.
  const known = form.data.name && form.data.email ? null : await mirroredCustomer(db, proxy);
  const name = form.data.name ?? ([known?.firstName, known?.lastName].filter(Boolean).join(' ') || undefined);
  const email = form.data.email ?? known?.email ?? undefined;
  const missing: FieldErrors = {};
  if (!name) missing.name = 'required';
  if (!email) missing.email = 'required';
  if (Object.keys(missing).length > 0)
    return answer(proxy, 'support', { kind: 'invalid', errors: missing }, back(fields));

  const ticket = await openTicket(db, proxy.shop, {
    channel: 'form',
    topic: form.data.topic ?? 'other',
    message: form.data.message as string,
    customer: { id: proxy.customerId, name: name ?? null, email: email ?? null },
    orderRef: form.data.order ?? null,
    locale: formLocale(fields, request),
  });
  return answer(proxy, 'support', { kind: 'sent', body: { ticket: ticket.number } }, back(fields));
}

export async function submitFeedback(db: PrismaClient, proxy: ProxyContext, request: Request): Promise<Response> {
  const back = (fields: Fields | null) => returnPath(fields, request);
  const taken = await intake(db, proxy, request, 'feedback', back);
  if ('response' in taken) return taken.response;
  const { fields } = taken;
  const form = validateForm(feedbackFormSchema, fields);
  if (!form.ok) return answer(proxy, 'feedback', { kind: 'invalid', errors: form.errors }, back(fields));
  const known = form.data.comment ? await mirroredCustomer(db, proxy) : null;
  await storeFeedback(db, proxy.shop, {
    rating: Number(form.data.rating),
    comment: form.data.comment ?? null,
    page: form.data.page ?? null,
    customer: {
      id: proxy.customerId,
      name: [known?.firstName, known?.lastName].filter(Boolean).join(' ') || null,
      email: known?.email ?? null,
    },
    locale: formLocale(fields, request),
  });
  return answer(proxy, 'feedback', { kind: 'sent' }, back(fields));
}

// ─── The satisfaction page ──────────────────────────────────────────────────

export async function showRatePage(db: PrismaClient, proxy: ProxyContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get('t') ?? '';
  const check = readSatisfactionToken(token, proxy.shop);
  const ticket = check.ok
    ? await db.inboxTicket.findUnique({
        where: { shop_number: { shop: proxy.shop, number: check.number } },
        select: { number: true, status: true, rating: true, ratingComment: true, locale: true },
      })
    : null;
  const locale = ticket ? ticketLocale(ticket.locale) : formLocale({}, request);
  const state = url.searchParams.get('steward_rate');
  const html = ratePage(createI18n(locale), {
    action: `${proxy.pathPrefix}/rate`,
    token,
    ticket,
    notice: state === 'sent' || state === 'invalid' || state === 'closed' ? state : null,
  });
  return new Response(html, {
    status: 200,
    headers: { 'Content-Type': 'application/liquid; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** A UTF-16 half pair on its own: no URL can carry it (encodeURIComponent throws), and no token holds one. */
const LONE_SURROGATE = /\p{Cs}/u;

export async function submitRating(db: PrismaClient, proxy: ProxyContext, request: Request): Promise<Response> {
  const page = (fields: Fields | null) =>
    typeof fields?.t === 'string' && fields.t.length <= 600 && !LONE_SURROGATE.test(fields.t)
      ? `${proxy.pathPrefix}/rate?t=${encodeURIComponent(fields.t)}`
      : `${proxy.pathPrefix}/rate`;
  const taken = await intake(db, proxy, request, 'rate', page);
  if ('response' in taken) return taken.response;
  const { fields } = taken;
  const form = validateForm(ratingFormSchema, fields);
  if (!form.ok) return answer(proxy, 'rate', { kind: 'invalid', errors: form.errors }, page(fields));
  const check = readSatisfactionToken(form.data.t as string, proxy.shop);
  if (!check.ok) return answer(proxy, 'rate', { kind: 'invalid', errors: { t: 'invalid' } }, page(fields));
  const outcome = await recordSatisfaction(
    db,
    proxy.shop,
    check.number,
    Number(form.data.rating),
    form.data.comment ?? null,
  );
  if (outcome === 'not_found')
    return answer(proxy, 'rate', { kind: 'invalid', errors: { t: 'invalid' } }, page(fields));
  if (outcome === 'closed')
    return answer(proxy, 'rate', { kind: 'refused', status: 409, error: 'closed' }, page(fields));
  return answer(proxy, 'rate', { kind: 'sent', status: 200 }, page(fields));
}
