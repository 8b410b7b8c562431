/**
 * Property: whatever reaches the storefront endpoints — random bodies
 * (bytes, text, form fields near and far from valid, JSON values, multipart),
 * content types and charsets, Accept and X-Forwarded-For headers, methods,
 * and missing, bad, stale or foreign signatures — the answer is never a 5xx,
 * and nothing is stored unless the answer says it was (a ticket number, a
 * "sent" outcome) for a request that was valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { satisfactionToken } from '~/modules/inbox/satisfaction.server';
import { callRoute, installShop, proxyRequest, type Signature } from '~/modules/inbox/test-support';
import { action as feedbackAction, loader as feedbackLoader } from './proxy.feedback';
import { action as rateAction, loader as rateLoader } from './proxy.rate';
import { action as supportAction, loader as supportLoader } from './proxy.support';

const SHOP = 'fuzz-shop.myshopify.com';
await installShop(SHOP);
const RATED = await prisma.inboxTicket.create({
  data: {
    shop: SHOP,
    number: 1_000_000,
    channel: 'form',
    subject: 'Rated',
    status: 'solved',
    slaDueAt: new Date(),
    lastMessageAt: new Date(),
  },
});
await prisma.inboxSequence.create({ data: { shop: SHOP, lastNumber: 1_000_000 } });
const TOKEN = satisfactionToken(SHOP, RATED.number, new Date(Date.now() + 86_400_000));

const ROUTES = {
  support: { action: supportAction, loader: supportLoader },
  feedback: { action: feedbackAction, loader: feedbackLoader },
  rate: { action: rateAction, loader: rateLoader },
} as const;
type Endpoint = keyof typeof ROUTES;

const FIELD_NAMES = [
  'name',
  'email',
  'order',
  'topic',
  'message',
  'website',
  'return_to',
  'rating',
  'comment',
  'page',
  't',
  'locale',
];

const nastyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '{{ shop.name }}',
    '<script>',
    '%',
    '%FF',
    '5',
    '0',
    '-1',
    '1e3',
    'x'.repeat(6000),
  ),
  fc.emailAddress(),
  fc.constantFrom('order', 'returns', 'other', 'ada@example.org', '#1001', '/products/x', '//evil.example', TOKEN),
);

/** Fields close to a valid form, each one possibly broken. */
const nearlyValid = fc.record(
  {
    name: fc.oneof(fc.constant('Ada Lovelace'), nastyText),
    email: fc.oneof(fc.constant('ada@example.org'), nastyText),
    topic: fc.oneof(fc.constant('order'), nastyText),
    message: fc.oneof(fc.constant('Where is my parcel?'), nastyText),
    rating: fc.oneof(fc.constantFrom('1', '3', '5'), nastyText),
    comment: nastyText,
    t: fc.oneof(fc.constant(TOKEN), nastyText),
    website: fc.oneof(fc.constant(''), nastyText),
    return_to: nastyText,
    order: nastyText,
    page: nastyText,
  },
  { requiredKeys: [] },
);

/** A form each endpoint takes (the fields of the others are ignored). */
const validForm = fc.record({
  name: fc.constantFrom('Ada Lovelace', 'Zoë Łukasiewicz', '李雷'),
  email: fc.constantFrom('ada@example.org', 'zoe+shop@example.co.uk'),
  topic: fc.constantFrom('order', 'product', 'shipping', 'returns', 'other'),
  message: fc.lorem({ maxCount: 12 }),
  rating: fc.constantFrom('1', '2', '3', '4', '5'),
  comment: fc.lorem({ maxCount: 6 }),
  t: fc.constant(TOKEN),
});

const randomFields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), nastyText, {
  maxKeys: 8,
});

function multipart(fields: Record<string, string>, boundary: string): string {
  return `${Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('')}--${boundary}--\r\n`;
}

const body = fc.oneof(
  validForm.map((fields) => ({
    body: new URLSearchParams(fields).toString(),
    type: 'application/x-www-form-urlencoded',
  })),
  validForm.map((fields) => ({ body: JSON.stringify(fields), type: 'application/json' })),
  nearlyValid.map((fields) => ({
    body: new URLSearchParams(fields).toString(),
    type: 'application/x-www-form-urlencoded',
  })),
  randomFields.map((fields) => ({
    body: new URLSearchParams(fields).toString(),
    type: 'application/x-www-form-urlencoded',
  })),
  nearlyValid.map((fields) => ({ body: JSON.stringify(fields), type: 'application/json' })),
  fc.jsonValue().map((value) => ({ body: JSON.stringify(value) ?? 'null', type: 'application/json' })),
  fc
    .tuple(nearlyValid, fc.constantFrom('b0undary', 'x', '----WebKitFormBoundary7MA4YWxk'))
    .map(([fields, boundary]) => ({
      body: multipart(fields, boundary),
      type: `multipart/form-data; boundary=${boundary}`,
    })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: bytes, type: 'application/x-www-form-urlencoded' })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: bytes, type: 'multipart/form-data; boundary=x' })),
  fc.fullUnicodeString({ maxLength: 200 }).map((text) => ({ body: text, type: 'application/json' })),
  fc.constant({ body: `message=${'y'.repeat(70_000)}`, type: 'application/x-www-form-urlencoded' }),
);

const contentType = (natural: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(natural) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `${natural}; charset=utf-8`,
        `${natural}; charset=latin1`,
        'text/plain',
        '',
        'application/xml',
        ';;;',
        'multipart/form-data',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );

const requestArbitrary = fc
  .record({
    endpoint: fc.constantFrom<Endpoint>('support', 'feedback', 'rate'),
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE') },
    ),
    signature: fc.oneof(
      { weight: 6, arbitrary: fc.constant<Signature>('valid') },
      { weight: 1, arbitrary: fc.constantFrom<Signature>('missing', 'bad', 'stale', 'other-secret') },
    ),
    body,
    accept: fc.constantFrom('application/json', 'html', '*/*', 'application/json, text/html', ''),
    ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 }), fc.constant(null)),
    customerId: fc.oneof(
      fc.constant(null),
      fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
      fc.constantFrom('abc', '-5', '0'),
    ),
    query: fc.dictionary(fc.constantFrom('t', 'steward_rate', 'x', 'locale'), nastyText, { maxKeys: 2 }),
  })
  .chain((request) => contentType(request.body.type).map((type) => ({ ...request, type })));

async function stored() {
  const [tickets, messages, feedback, rated] = await Promise.all([
    prisma.inboxTicket.count({ where: { shop: SHOP } }),
    prisma.inboxMessage.count({ where: { shop: SHOP } }),
    prisma.inboxFeedback.count({ where: { shop: SHOP } }),
    prisma.inboxTicket.findUniqueOrThrow({ where: { id: RATED.id }, select: { ratedAt: true } }),
  ]);
  return { tickets, messages, feedback, ratedAt: rated.ratedAt?.getTime() ?? null };
}

/** Did the answer say the request was taken (as opposed to refused)? */
async function accepted(response: Response): Promise<boolean> {
  if (response.status === 303)
    return /steward_(support|feedback|rate)=sent/.test(response.headers.get('Location') ?? '');
  if (response.status !== 200 && response.status !== 201) return false;
  if (!(response.headers.get('Content-Type') ?? '').startsWith('application/json')) return false;
  return ((await response.clone().json()) as { ok?: boolean }).ok === true;
}

describe('the storefront endpoints under random input', () => {
  it('never answer 5xx and store nothing for a request they refuse', async () => {
    const seen = { taken: 0, refused: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (input) => {
        const request = proxyRequest(input.endpoint, {
          shop: SHOP,
          method: input.method,
          signature: input.signature,
          body: input.body.body,
          contentType: input.type,
          accept: input.accept,
          ip: input.ip,
          customerId: input.customerId,
          query: input.query,
        });
        const route = ROUTES[input.endpoint];
        const before = await stored();
        const response = await callRoute(input.method === 'GET' ? route.loader : route.action, request);
        expect(response.status).toBeLessThan(500);
        const after = await stored();
        if (input.signature !== 'valid') expect(response.status).toBe(401);
        if (!(await accepted(response))) {
          seen.refused += 1;
          expect(after).toEqual(before);
          return;
        }
        seen.taken += 1;
        if (after.tickets > before.tickets) seen.created += 1;
        // Taken: at most one ticket (with its first message, and perhaps an acknowledgement), one feedback, one rating.
        expect(after.tickets - before.tickets).toBeLessThanOrEqual(1);
        expect(after.feedback - before.feedback).toBeLessThanOrEqual(1);
        if (input.endpoint === 'support' && response.status === 201) {
          const answer = (await response.json()) as { ticket?: number };
          expect(after.tickets - before.tickets).toBe(answer.ticket === undefined ? 0 : 1);
        }
      }),
      { numRuns: 250 },
    );
    // The generators reach both sides: requests refused, and valid ones that were stored.
    expect(seen.refused).toBeGreaterThan(50);
    expect(seen.created).toBeGreaterThan(5);
  }, 240_000);
});
