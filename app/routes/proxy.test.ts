/**
 * The storefront endpoints (/apps/steward/support, /feedback, /rate through
 * Shopify's app proxy) called with real signed requests on a real database:
 * the signature check and its 401, answers for the script (JSON) and for a
 * form without JavaScript (303 back with the outcome), field errors, the
 * honeypot, size and media-type limits, rate limits per address and per
 * shop, the signed-in customer, rules on create, feedback, and the
 * satisfaction page and its rating. Mail is not configured in this file
 * (SMTP_URL unset): acknowledgements are stored as not sent.
 */
import { RequestType, setUpValidRequest } from '@shopify/shopify-api/test-helpers';
import { describe, expect, it } from 'vitest';
import prisma from '~/db.server';
import { PROXY_LIMITS } from '~/modules/inbox/rate-limit.server';
import { satisfactionToken } from '~/modules/inbox/satisfaction.server';
import { callRoute, installShop, proxyRequest, proxyUrl } from '~/modules/inbox/test-support';
import { applyCustomers, applyOrders } from '~/platform/mirror/apply.server';
import { at, customer, order } from '~/platform/mirror/fixtures';
import { action as feedbackAction, loader as feedbackLoader } from './proxy.feedback';
import { action as rateAction, loader as rateLoader } from './proxy.rate';
import { action as supportAction, loader as supportLoader } from './proxy.support';

const SHOP = 'proxy-shop.myshopify.com';
await installShop(SHOP);

const FORM = {
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  topic: 'shipping',
  message: 'Where is my parcel?\nIt was due on Monday.',
};

let address = 0;
/** A fresh visitor address, so one test's requests never meet another's per-address limit. */
const nextIp = () => `198.51.100.${++address}`;

async function counts(shop: string) {
  const [tickets, messages, feedback] = await Promise.all([
    prisma.inboxTicket.count({ where: { shop } }),
    prisma.inboxMessage.count({ where: { shop } }),
    prisma.inboxFeedback.count({ where: { shop } }),
  ]);
  return { tickets, messages, feedback };
}

const support = (options: Partial<Parameters<typeof proxyRequest>[1]> = {}) =>
  callRoute(supportAction, proxyRequest('support', { shop: SHOP, ip: nextIp(), body: FORM, ...options }));

describe('the app proxy signature', () => {
  it('answers 401 to a missing, bad, stale or foreign signature and stores nothing', async () => {
    const before = await counts(SHOP);
    for (const signature of ['missing', 'bad', 'stale', 'other-secret'] as const) {
      const response = await support({ signature });
      expect(response.status, signature).toBe(401);
      expect(await response.json()).toEqual({ ok: false, error: 'unauthorized' });
    }
    // A parameter Shopify sends once, sent twice.
    const url = new URL(proxyUrl('support', { shop: SHOP }));
    url.searchParams.append('shop', 'evil.myshopify.com');
    const doubled = await callRoute(
      supportAction,
      new Request(url, { method: 'POST', body: new URLSearchParams(FORM) }),
    );
    expect(doubled.status).toBe(401);
    // The shop named differently from the one signed.
    const forged = new URL(proxyUrl('support', { shop: SHOP }));
    forged.searchParams.set('shop', 'other.myshopify.com');
    expect((await callRoute(supportAction, new Request(forged, { method: 'POST' }))).status).toBe(401);
    expect(await counts(SHOP)).toEqual(before);
  });

  it("accepts a request signed by the library's own test helper, and answers 404 for a shop Steward is not installed on", async () => {
    const signed = await setUpValidRequest(
      { type: RequestType.Public, store: 'proxy-shop', apiSecretKey: 'testApiSecretKey' },
      new Request(
        'https://my-test-app.myshopify.io/proxy/support?path_prefix=%2Fapps%2Fsteward&logged_in_customer_id=',
      ),
    );
    const response = await callRoute(
      supportAction,
      new Request(signed.url, {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-Forwarded-For': nextIp() },
        body: new URLSearchParams(FORM),
      }),
    );
    expect(response.status).toBe(201);
    const stranger = await callRoute(
      supportAction,
      proxyRequest('support', { shop: 'nobody.myshopify.com', body: FORM }),
    );
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toEqual({ ok: false, error: 'not_installed' });
  });

  it('answers 405 to a GET of the form endpoints, after checking the signature', async () => {
    const get = proxyRequest('support', { shop: SHOP, method: 'GET' });
    expect((await callRoute(supportLoader, get)).status).toBe(405);
    expect((await callRoute(feedbackLoader, proxyRequest('feedback', { shop: SHOP, method: 'GET' }))).status).toBe(405);
    expect(
      (await callRoute(supportLoader, proxyRequest('support', { shop: SHOP, method: 'GET', signature: 'bad' }))).status,
    ).toBe(401);
  });
});

describe('POST /apps/steward/support', () => {
  it('opens a ticket from the script and answers its number', async () => {
    const before = Date.now();
    const response = await support({ body: { ...FORM, order: '#4401', locale: 'fr', website: '' } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ok: boolean; ticket: number };
    expect(body.ok).toBe(true);
    const ticket = await prisma.inboxTicket.findUniqueOrThrow({
      where: { shop_number: { shop: SHOP, number: body.ticket } },
    });
    expect(ticket).toMatchObject({
      status: 'open',
      priority: 'normal',
      channel: 'form',
      topic: 'shipping',
      subject: 'Where is my parcel?',
      customerId: null,
      customerName: 'Ada Lovelace',
      customerEmail: 'ada@example.org',
      orderRef: '#4401',
      orderId: null,
      locale: 'fr',
    });
    // The first response is due 24 hours after opening at normal priority.
    expect(ticket.slaDueAt.getTime() - ticket.createdAt.getTime()).toBe(24 * 3_600_000);
    expect(ticket.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const messages = await prisma.inboxMessage.findMany({ where: { shop: SHOP, ticketId: ticket.id } });
    expect(messages).toEqual([
      expect.objectContaining({
        direction: 'in',
        authorType: 'customer',
        authorName: 'Ada Lovelace',
        body: FORM.message,
      }),
    ]);
    const activity = await prisma.activityEntry.findFirstOrThrow({
      where: { shop: SHOP, resourceType: 'ticket', resourceId: String(ticket.number) },
    });
    // A guest: their typed name stays out of the activity log (only customer ids can be redacted there).
    expect(activity).toMatchObject({ verb: 'created', actorType: 'customer', actorName: null, source: 'steward' });
  });

  it('sends a form without JavaScript back where it came from, with the outcome', async () => {
    const sent = await support({
      accept: 'html',
      body: { ...FORM, return_to: '/products/linen-shirt?variant=3&steward_support=old' },
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('Location')).toBe('/products/linen-shirt?variant=3&steward_support=sent');

    const before = await counts(SHOP);
    const invalid = await support({
      accept: 'html',
      body: { name: 'Ada', email: 'not-an-address', message: '  ', return_to: '/pages/contact' },
    });
    expect(invalid.status).toBe(303);
    expect(invalid.headers.get('Location')).toBe(
      '/pages/contact?steward_support=invalid&steward_errors=email%2Cmessage',
    );
    expect(await counts(SHOP)).toEqual(before);

    // The fragment names where the form's notes are: the outcome is added to it, for CSS :target.
    const anchored = await support({ accept: 'html', body: { ...FORM, return_to: '/products/mug#steward-help' } });
    expect(anchored.headers.get('Location')).toBe('/products/mug?steward_support=sent#steward-help-sent');
    const oddFragment = await support({ accept: 'html', body: { ...FORM, return_to: '/products/mug#"><img/src=x>' } });
    expect(oddFragment.headers.get('Location')).toBe('/products/mug?steward_support=sent');

    // Only a path on the shop: another site, a protocol-relative URL or a backslash trick goes home instead.
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/ok\nSet-Cookie: x=1',
    ]) {
      const response = await support({ accept: 'html', body: { ...FORM, return_to: returnTo } });
      expect(response.headers.get('Location'), returnTo).toBe('/?steward_support=sent');
    }
  });

  it('answers field errors and stores nothing for bad input', async () => {
    const before = await counts(SHOP);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { ...FORM, email: 'ada@', topic: 'refund-now', order: 'DROP TABLE;' },
        { email: 'invalid', topic: 'invalid', order: 'invalid' },
      ],
      [{ ...FORM, message: '' }, { message: 'required' }],
      [{ ...FORM, message: 'x'.repeat(5_001) }, { message: 'too_long' }],
      [{ ...FORM, name: 'Ada\u0000Lovelace' }, { name: 'invalid' }],
      [{ ...FORM, name: 'Ada\nLovelace' }, { name: 'invalid' }],
      [
        { topic: 'order', message: 'Hello' },
        { name: 'required', email: 'required' },
      ],
    ];
    for (const [body, errors] of cases) {
      const response = await support({ body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(await response.json()).toEqual({ ok: false, errors });
    }
    expect(await counts(SHOP)).toEqual(before);
  });

  it('pretends success to a bot that fills the honeypot, and stores nothing', async () => {
    const before = await counts(SHOP);
    const json = await support({ body: { ...FORM, website: 'https://spam.example' } });
    expect(json.status).toBe(201);
    expect(await json.json()).toEqual({ ok: true });
    const html = await support({ accept: 'html', body: { ...FORM, website: 'x', return_to: '/cart' } });
    expect(html.headers.get('Location')).toBe('/cart?steward_support=sent');
    expect(await counts(SHOP)).toEqual(before);
  });

  it('reads URL-encoded, multipart and JSON bodies, and refuses other types, other charsets, broken UTF-8 and big bodies', async () => {
    const multipart = new FormData();
    for (const [name, value] of Object.entries(FORM)) multipart.set(name, value);
    const viaMultipart = await callRoute(
      supportAction,
      new Request(proxyUrl('support', { shop: SHOP }), {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-Forwarded-For': nextIp() },
        body: multipart,
      }),
    );
    expect(viaMultipart.status).toBe(201);
    // The longest message the form allows, in a script that URL-encodes to 9 bytes a character, fits.
    const cjk = await support({ body: { ...FORM, message: '荷'.repeat(5_000) } });
    expect(cjk.status).toBe(201);
    const viaJson = await support({
      body: JSON.stringify({ ...FORM, topic: 'returns' }),
      contentType: 'application/json; charset=UTF-8',
    });
    expect(viaJson.status).toBe(201);

    const before = await counts(SHOP);
    const refusals: [Parameters<typeof support>[0], number, string][] = [
      [{ body: 'name=Ada', contentType: 'text/plain' }, 415, 'unsupported_media_type'],
      [{ body: 'name=Ada', contentType: null }, 415, 'unsupported_media_type'],
      [
        {
          body: new URLSearchParams(FORM).toString(),
          contentType: 'application/x-www-form-urlencoded; charset=iso-8859-1',
        },
        415,
        'unsupported_media_type',
      ],
      [
        {
          body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]),
          contentType: 'application/x-www-form-urlencoded',
        },
        400,
        'malformed',
      ],
      [{ body: '{"name": "Ada"', contentType: 'application/json' }, 400, 'malformed'],
      [{ body: '["Ada"]', contentType: 'application/json' }, 400, 'malformed'],
      [{ body: '--x\r\nbroken', contentType: 'multipart/form-data; boundary=y' }, 400, 'malformed'],
      [
        {
          body: new URLSearchParams({ ...FORM, message: 'x'.repeat(70_000) }).toString(),
          contentType: 'application/x-www-form-urlencoded',
        },
        413,
        'too_large',
      ],
    ];
    for (const [options, status, error] of refusals) {
      const response = await support(options);
      expect(response.status, error).toBe(status);
      expect(await response.json()).toEqual({ ok: false, error });
    }
    // A JSON field that is not text is a field error.
    const nested = await support({
      body: JSON.stringify({ ...FORM, name: { first: 'Ada' } }),
      contentType: 'application/json',
    });
    expect(await nested.json()).toEqual({ ok: false, errors: { name: 'invalid' } });
    // Too big without JavaScript: back to the page the visitor was on.
    const big = await support({
      accept: 'html',
      headers: { Referer: 'https://proxy-shop.myshopify.com/pages/help?x=1' },
      body: { ...FORM, message: 'x'.repeat(70_000) },
    });
    expect(big.headers.get('Location')).toBe('/pages/help?x=1&steward_support=invalid&steward_errors=too_large');
    expect(await counts(SHOP)).toEqual(before);
  });

  it('limits each visitor address and each shop, counting refused requests too', async () => {
    const shop = 'limited-shop.myshopify.com';
    await installShop(shop);
    const ip = '192.0.2.44';
    const statuses: number[] = [];
    for (let index = 0; index < PROXY_LIMITS.support.perAddress.limit + 2; index += 1) {
      statuses.push((await callRoute(supportAction, proxyRequest('support', { shop, ip, body: FORM }))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const limited = await callRoute(supportAction, proxyRequest('support', { shop, ip, body: FORM }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ ok: false, error: 'rate_limited' });
    // Without JavaScript: back with the outcome.
    const html = await callRoute(
      supportAction,
      proxyRequest('support', { shop, ip, accept: 'html', body: { ...FORM, return_to: '/x' } }),
    );
    expect(html.headers.get('Location')).toBe('/x?steward_support=limited');
    // The first X-Forwarded-For hop is the visitor: another visitor is still welcome.
    const other = await callRoute(
      supportAction,
      proxyRequest('support', { shop, ip: `203.0.113.9, ${ip}`, body: FORM }),
    );
    expect(other.status).toBe(201);
    expect(await prisma.inboxTicket.count({ where: { shop } })).toBe(6);
    // Addresses are kept only as keyed hashes.
    const keys = await prisma.inboxRateBucket.findMany({ where: { shop }, select: { key: true } });
    expect(keys.map((row) => row.key).join(' ')).not.toContain('192.0.2.44');

    // The shop's own ceiling: a flood from many addresses.
    const windowMs = PROXY_LIMITS.support.perShop.windowSeconds * 1000;
    await prisma.inboxRateBucket.updateMany({
      where: { shop, key: 'support:shop', windowStart: new Date(Math.floor(Date.now() / windowMs) * windowMs) },
      data: { count: PROXY_LIMITS.support.perShop.limit },
    });
    const flooded = await callRoute(supportAction, proxyRequest('support', { shop, ip: '203.0.113.200', body: FORM }));
    expect(flooded.status).toBe(429);
    expect(await prisma.inboxTicket.count({ where: { shop } })).toBe(6);
  });

  it('links the signed-in customer, fills their name and e-mail from the mirror, and links their own order only', async () => {
    const shop = 'customer-shop.myshopify.com';
    await installShop(shop);
    await applyCustomers(prisma, shop, [
      customer(81n, at(1), { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' }),
    ]);
    await applyOrders(prisma, shop, [
      order(9101n, at(2), { name: '#9101', customerId: 81n, email: 'grace@example.org' }),
      order(9102n, at(2), { name: '#9102', customerId: 82n, email: 'someone@example.net' }),
    ]);
    const response = await callRoute(
      supportAction,
      proxyRequest('support', {
        shop,
        customerId: 81,
        body: { topic: 'order', order: '9101', message: 'Change the address' },
      }),
    );
    expect(response.status).toBe(201);
    const mine = await prisma.inboxTicket.findFirstOrThrow({ where: { shop, orderRef: '9101' } });
    expect(mine).toMatchObject({
      customerId: 81n,
      customerName: 'Grace Hopper',
      customerEmail: 'grace@example.org',
      orderId: 9101n,
    });

    // Another customer's order number is kept as typed but not linked.
    await callRoute(
      supportAction,
      proxyRequest('support', { shop, customerId: 81, body: { message: 'And this one?', order: '#9102' } }),
    );
    expect(await prisma.inboxTicket.findFirstOrThrow({ where: { shop, orderRef: '#9102' } })).toMatchObject({
      orderId: null,
    });

    // What the customer typed wins over the record; a guest's guess at an order is not linked either.
    await callRoute(
      supportAction,
      proxyRequest('support', { shop, customerId: 81, body: { ...FORM, message: 'Typed' } }),
    );
    expect(await prisma.inboxTicket.findFirstOrThrow({ where: { shop, subject: 'Typed' } })).toMatchObject({
      customerId: 81n,
      customerEmail: 'ada@example.org',
    });
    await callRoute(
      supportAction,
      proxyRequest('support', { shop, body: { ...FORM, message: 'Guest', order: '#9101' } }),
    );
    expect(await prisma.inboxTicket.findFirstOrThrow({ where: { shop, subject: 'Guest' } })).toMatchObject({
      customerId: null,
      orderId: null,
    });
    // A customer id that is not a number is ignored, not trusted.
    const odd = await callRoute(
      supportAction,
      proxyRequest('support', { shop, customerId: '81abc', body: { message: 'No one' } }),
    );
    expect(await odd.json()).toEqual({ ok: false, errors: { name: 'required', email: 'required' } });
  });

  it("runs the shop's rules on a new ticket and stores the acknowledgement, unsent without SMTP", async () => {
    const shop = 'rules-shop.myshopify.com';
    await installShop(shop);
    const template = await prisma.inboxTemplate.create({
      data: { shop, name: 'Got it', body: 'Hi {{customer.first_name}}, ticket #{{ticket.number}} is with us.' },
    });
    await prisma.inboxRule.createMany({
      data: [
        { shop, name: 'Acknowledge', position: 0, autoAcknowledge: true, acknowledgeTemplateId: template.id },
        {
          shop,
          name: 'Refunds',
          position: 1,
          keywords: ['remboursement', 'refund'],
          addTags: ['refund'],
          setPriority: 'high',
        },
        {
          shop,
          name: 'Broken',
          position: 2,
          keywords: ['broken', 'cassé'],
          topic: 'returns',
          addTags: ['damage'],
          setPriority: 'urgent',
          assigneeId: '71',
          assigneeName: 'Sam',
        },
      ],
    });
    const response = await callRoute(
      supportAction,
      proxyRequest('support', {
        shop,
        body: { ...FORM, topic: 'returns', message: 'Mug CASSÉ, je veux un remboursement' },
      }),
    );
    const { ticket: number } = (await response.json()) as { ticket: number };
    const ticket = await prisma.inboxTicket.findUniqueOrThrow({ where: { shop_number: { shop, number } } });
    expect(ticket).toMatchObject({
      tags: ['refund', 'damage'],
      priority: 'urgent',
      assigneeId: '71',
      assigneeName: 'Sam',
    });
    expect(ticket.slaDueAt.getTime() - ticket.createdAt.getTime()).toBe(3_600_000);
    const out = await prisma.inboxMessage.findFirstOrThrow({ where: { shop, ticketId: ticket.id, direction: 'out' } });
    expect(out).toMatchObject({
      authorType: 'steward',
      body: `Hi Ada, ticket #${number} is with us.`,
      templateId: template.id,
      mailStatus: 'not_configured',
    });
  });
});

describe('POST /apps/steward/feedback', () => {
  const feedback = (body: Record<string, string>, options: Partial<Parameters<typeof proxyRequest>[1]> = {}) =>
    callRoute(feedbackAction, proxyRequest('feedback', { shop: SHOP, ip: nextIp(), body, ...options }));

  it('stores a rating; a rating with a comment also opens a feedback ticket', async () => {
    const before = await counts(SHOP);
    expect((await feedback({ rating: '5', page: '/products/mug' })).status).toBe(201);
    const commented = await feedback(
      { rating: '2', comment: 'The size chart is wrong', page: '/products/shirt' },
      { accept: 'html' },
    );
    expect(commented.status).toBe(303);
    expect(commented.headers.get('Location')).toBe('/?steward_feedback=sent');
    expect(await counts(SHOP)).toEqual({
      tickets: before.tickets + 1,
      messages: before.messages + 1,
      feedback: before.feedback + 2,
    });
    const rows = await prisma.inboxFeedback.findMany({ where: { shop: SHOP }, orderBy: { createdAt: 'asc' } });
    expect(rows.slice(-2).map(({ rating, comment, page }) => ({ rating, comment, page }))).toEqual([
      { rating: 5, comment: null, page: '/products/mug' },
      { rating: 2, comment: 'The size chart is wrong', page: '/products/shirt' },
    ]);
    const ticket = await prisma.inboxTicket.findFirstOrThrow({ where: { shop: SHOP, id: rows.at(-1)!.ticketId! } });
    expect(ticket).toMatchObject({ channel: 'feedback', subject: 'The size chart is wrong' });
  });

  it('refuses a rating outside 1–5 and a page that is not a path', async () => {
    const before = await counts(SHOP);
    for (const rating of ['0', '6', '4.5', '', 'five']) {
      const response = await feedback({ rating });
      expect(response.status, rating).toBe(422);
    }
    expect(await (await feedback({ rating: '3', page: 'https://evil.example' })).json()).toEqual({
      ok: false,
      errors: { page: 'invalid' },
    });
    expect(await counts(SHOP)).toEqual(before);
  });
});

describe('/apps/steward/rate', () => {
  const shop = 'rate-shop.myshopify.com';

  async function solvedTicket(fields: { status?: 'solved' | 'closed'; locale?: string } = {}) {
    await installShop(shop);
    const number = (await prisma.inboxTicket.count({ where: { shop } })) + 1;
    return prisma.inboxTicket.create({
      data: {
        shop,
        number,
        channel: 'form',
        subject: 'Parcel',
        status: fields.status ?? 'solved',
        locale: fields.locale ?? 'en',
        customerEmail: 'ada@example.org',
        slaDueAt: new Date(),
        lastMessageAt: new Date(),
      },
    });
  }

  const token = (number: number, tokenShop = shop, days = 30) =>
    satisfactionToken(tokenShop, number, new Date(Date.now() + days * 86_400_000));

  it('answers a token with a lone UTF-16 surrogate as invalid, linking back to the bare rating page', async () => {
    await installShop(shop);
    const rated = await callRoute(
      rateAction,
      // JSON may escape half a pair (a form field cannot: its bytes are UTF-8, which has no half pairs).
      proxyRequest('rate', {
        shop,
        accept: 'html',
        ip: nextIp(),
        body: '{"t":"x\\ud800","rating":"4"}',
        contentType: 'application/json',
      }),
    );
    expect(rated.status).toBe(303);
    expect(rated.headers.get('Location')).toBe('/apps/steward/rate?steward_rate=invalid&steward_errors=t');
  });

  it('shows the rating page as Liquid, and stores the rating; the customer may change it', async () => {
    const ticket = await solvedTicket();
    const t = token(ticket.number);
    const page = await callRoute(
      rateLoader,
      proxyRequest('rate', { shop, method: 'GET', accept: 'html', query: { t } }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^application\/liquid/);
    const html = await page.text();
    expect(html).toContain(`Your request #${ticket.number}`);
    expect(html.match(/type="radio" name="rating"/g)).toHaveLength(5);
    expect(html).toContain('action="/apps/steward/rate"');

    const rated = await callRoute(
      rateAction,
      proxyRequest('rate', { shop, accept: 'html', ip: nextIp(), body: { t, rating: '4', comment: 'Quick, thanks' } }),
    );
    expect(rated.status).toBe(303);
    expect(rated.headers.get('Location')).toBe(`/apps/steward/rate?t=${encodeURIComponent(t)}&steward_rate=sent`);
    expect(await prisma.inboxTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      rating: 4,
      ratingComment: 'Quick, thanks',
    });

    const again = await callRoute(rateAction, proxyRequest('rate', { shop, ip: nextIp(), body: { t, rating: '5' } }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true });
    expect(await prisma.inboxTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      rating: 5,
      ratingComment: null,
    });
    expect(
      await prisma.activityEntry.count({ where: { shop, verb: 'rated', resourceId: String(ticket.number) } }),
    ).toBe(2);
  });

  it('never lets a comment be read as Liquid or HTML, and speaks the customer’s language', async () => {
    const ticket = await solvedTicket({ locale: 'fr' });
    await prisma.inboxTicket.update({
      where: { id: ticket.id },
      data: { rating: 2, ratingComment: '{{ shop.metafields.secret }} {% render "x" %} <script>alert(1)</script>' },
    });
    const html = await (
      await callRoute(rateLoader, proxyRequest('rate', { shop, method: 'GET', query: { t: token(ticket.number) } }))
    ).text();
    expect(html).toContain('Votre note');
    expect(html).not.toMatch(/\{\{|\{%|<script/);
    expect(html).toContain('&#123;&#123; shop.metafields.secret &#125;&#125;');
    expect(html).toContain('&#60;script&#62;');
  });

  it('refuses a tampered, expired or other shop’s link, and a closed ticket', async () => {
    const ticket = await solvedTicket();
    const valid = token(ticket.number);
    const tampered = `${Buffer.from(JSON.stringify([shop, ticket.number + 1, 9_999_999_999])).toString('base64url')}.${valid.split('.')[1]}`;
    for (const t of [
      tampered,
      token(ticket.number, shop, -1),
      token(ticket.number, 'other-shop.myshopify.com'),
      'garbage',
    ]) {
      const response = await callRoute(
        rateAction,
        proxyRequest('rate', { shop, ip: nextIp(), body: { t, rating: '1' } }),
      );
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ ok: false, errors: { t: 'invalid' } });
      const page = await (
        await callRoute(rateLoader, proxyRequest('rate', { shop, method: 'GET', query: { t } }))
      ).text();
      expect(page).toContain('This link has expired or is not valid');
    }
    expect(await prisma.inboxTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ rating: null });

    const closed = await solvedTicket({ status: 'closed' });
    const refused = await callRoute(
      rateAction,
      proxyRequest('rate', { shop, ip: nextIp(), body: { t: token(closed.number), rating: '5' } }),
    );
    expect(refused.status).toBe(409);
    expect(await prisma.inboxTicket.findUniqueOrThrow({ where: { id: closed.id } })).toMatchObject({ rating: null });
  });
});
