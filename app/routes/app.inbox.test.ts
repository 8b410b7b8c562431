/**
 * The inbox pages' loaders and actions, called with real Requests and
 * session tokens against the devstore (the shop's time zone and its staff
 * come from Shopify), on a real migrated database, with tickets opened
 * through the module as the storefront opens them: the list's tabs,
 * filters, search, cursor pages and counts, bulk actions, a ticket's thread
 * and customer, filling a template, replying, notes, editing a ticket, the
 * settings pages — each scoped to the session's shop.
 */
import { TEST_SHOP, USER_ID } from '@shopify/shopify-api/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyShop } from '../../devstore/test-support';
import { installOn, startAppDevstore } from '../../tests/support/installed-app';
import { bearerRequest, sessionToken } from '../../tests/support/shopify-requests';

const OTHER_SHOP = 'harbor-goods.myshopify.com';
const EMPTY_SHOP = 'brand-new.myshopify.com';

const maple = emptyShop({
  id: 1,
  domain: TEST_SHOP,
  name: 'Maple & Thread',
  currencyCode: 'CAD',
  ianaTimezone: 'America/Toronto',
});
for (const [id, firstName, lastName] of [
  [USER_ID, 'Sam', 'Rivera'],
  [71, 'Alex', 'Kim'],
] as const) {
  maple.staff.set(id, {
    id,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}@maple.example`,
    isShopOwner: id === USER_ID,
    active: true,
    accountType: 'REGULAR',
    locale: 'en',
  });
}
const devstore = await startAppDevstore({
  shops: [
    maple,
    emptyShop({ id: 2, domain: OTHER_SHOP, name: 'Harbor Goods', currencyCode: 'EUR', ianaTimezone: 'Europe/Paris' }),
    emptyShop({ id: 3, domain: EMPTY_SHOP, name: 'Brand New' }),
  ],
});
const list = await import('./app.inbox._index');
const ticketPage = await import('./app.inbox.$number');
const settings = await import('./app.inbox.settings');
const templatePage = await import('./app.inbox.templates.$id');
const rulePage = await import('./app.inbox.rules.$id');
const { default: prisma } = await import('~/db.server');
const { openTicket } = await import('~/modules/inbox/tickets.server');
const { recordSatisfaction } = await import('~/modules/inbox/satisfaction.server');
const { saveTemplate } = await import('~/modules/inbox/settings.server');

await installOn(devstore, [TEST_SHOP, OTHER_SHOP, EMPTY_SHOP]);
afterAll(() => devstore.close());

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
type Route<T> = (args: Args) => Promise<T>;
type ListData = Exclude<Awaited<ReturnType<typeof list.loader>>, Response>;
type TicketData = Exclude<Awaited<ReturnType<typeof ticketPage.loader>>, Response>;

const HOUR = 3_600_000;
const now = Date.now();

/** Calls a loader or action as Remix does; a thrown Response or data() comes back as { status, data }. */
async function run<T>(
  route: Route<T>,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; data: unknown; response: Response | null }> {
  try {
    const result = await route({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, data: undefined, response: result };
    const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (wrapped?.type === 'DataWithResponseInit') {
      return { status: wrapped.init?.status ?? 200, data: wrapped.data, response: null };
    }
    return { status: 200, data: result, response: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: undefined, response: thrown };
    const wrapped = thrown as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (wrapped?.type === 'DataWithResponseInit') {
      return { status: wrapped.init?.status ?? 500, data: wrapped.data, response: null };
    }
    throw thrown;
  }
}

async function get(path: string, shop = TEST_SHOP) {
  return bearerRequest(path, await sessionToken(shop));
}

async function post(path: string, fields: Record<string, string | string[]>, shop = TEST_SHOP) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
  }
  return new Request(await get(path, shop), { method: 'POST', body });
}

async function loadList(query = '', shop = TEST_SHOP): Promise<ListData> {
  const path = query.startsWith('/') ? query : `/app/inbox${query}`;
  const result = await run(list.loader, await get(path, shop));
  if (result.status !== 200) throw new Error(`list answered ${result.status}`);
  return result.data as ListData;
}

async function loadTicket(number: number, shop = TEST_SHOP): Promise<TicketData> {
  const result = await run(ticketPage.loader, await get(`/app/inbox/${number}`, shop), { number: String(number) });
  if (result.status !== 200) throw new Error(`ticket answered ${result.status}`);
  return result.data as TicketData;
}

const numbers = (loaded: ListData) => loaded.tickets.map((ticket) => ticket.number);

function customerTicket(
  shop: string,
  message: string,
  fields: {
    at: number;
    topic?: 'order' | 'product' | 'shipping' | 'returns' | 'other';
    customer?: { id: bigint | null; name: string | null; email: string | null };
    orderRef?: string;
  },
) {
  return openTicket(
    prisma,
    shop,
    {
      channel: 'form',
      topic: fields.topic ?? 'other',
      message,
      customer: fields.customer ?? { id: null, name: 'Guest Shopper', email: 'guest@example.com' },
      orderRef: fields.orderRef ?? null,
      locale: 'en',
    },
    null,
    new Date(fields.at),
  );
}

// Ada has an account with two mirrored orders; her ticket names one of them.
const ADA = { id: 901n, name: 'Ada Lovelace', email: 'ada@example.com' };
let adaTicket = 0;
let urgentTicket = 0;

beforeAll(async () => {
  await prisma.customer.create({
    data: {
      shop: TEST_SHOP,
      id: ADA.id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: ADA.email,
      numberOfOrders: 2,
      updatedAt: new Date(now),
    },
  });
  for (const [id, name, total, at, fulfillment] of [
    [5001n, '#1001', '40.00', now - 40 * 24 * HOUR, 'FULFILLED'],
    [5002n, '#1002', '84.50', now - 3 * 24 * HOUR, 'UNFULFILLED'],
  ] as const) {
    await prisma.order.create({
      data: {
        shop: TEST_SHOP,
        id,
        name,
        customerId: ADA.id,
        email: ADA.email,
        processedAt: new Date(at),
        updatedAt: new Date(at),
        currency: 'CAD',
        totalPrice: total,
        financialStatus: 'PAID',
        fulfillmentStatus: fulfillment,
      },
    });
  }
  // A rule tags and prioritises returns as they arrive.
  await prisma.inboxRule.create({
    data: { shop: TEST_SHOP, name: 'Returns', keywords: ['refund'], addTags: ['returns'], setPriority: 'high' },
  });
  // 30 tickets from guests, one an hour (oldest first), none overdue yet (low priority: 72 h).
  for (let index = 0; index < 30; index += 1) {
    await openTicket(
      prisma,
      TEST_SHOP,
      {
        channel: 'form',
        topic: 'product',
        message: `Question ${index} about the wool hat`,
        customer: { id: null, name: `Guest ${index}`, email: `guest${index}@example.com` },
        orderRef: null,
        locale: 'en',
      },
      null,
      new Date(now - (40 - index) * HOUR),
    );
  }
  await prisma.inboxTicket.updateMany({ where: { shop: TEST_SHOP }, data: { priority: 'low' } });
  await prisma.inboxTicket.updateMany({
    where: { shop: TEST_SHOP },
    data: { slaDueAt: new Date(now + 48 * HOUR) },
  });
  adaTicket = (
    await customerTicket(TEST_SHOP, 'Where is my parcel?\nIt was due on Monday.\n<script>alert(1)</script>', {
      at: now - 30 * HOUR,
      topic: 'order',
      customer: ADA,
      orderRef: '1002',
    })
  ).number;
  urgentTicket = (await customerTicket(TEST_SHOP, 'I want a refund for the scarf', { at: now - 10 * HOUR })).number;
  // Another shop's tickets: never shown to Maple & Thread.
  await customerTicket(OTHER_SHOP, 'Bonjour, where is the wool hat?', { at: now - HOUR });
});

describe('Inbox list', () => {
  it('shows an empty shop its empty state', async () => {
    const loaded = await loadList('', EMPTY_SHOP);
    expect(loaded).toMatchObject({ tickets: [], shopHasTickets: false, nextUrl: null, previousUrl: null });
    expect(loaded.satisfaction).toEqual({ average: null, count: 0 });
  });

  it('lists the newest tickets first, 25 to a page, with the counts per tab and the shop’s staff', async () => {
    const loaded = await loadList('');
    expect(loaded.shopHasTickets).toBe(true);
    expect(loaded.timeZone).toBe('America/Toronto');
    expect(loaded.tickets).toHaveLength(25);
    expect(numbers(loaded).slice(0, 2)).toEqual([urgentTicket, 30]);
    expect(loaded.counts).toMatchObject({ open: 32, pending: 0, solved: 0, closed: 0, all: 32 });
    expect(loaded.staff).toEqual([
      { id: '71', name: 'Alex Kim' },
      { id: String(USER_ID), name: 'Sam Rivera' },
    ]);
    expect(loaded.tags).toEqual(['returns']);
    const urgent = loaded.tickets[0];
    expect(urgent).toMatchObject({
      subject: 'I want a refund for the scarf',
      priority: 'high',
      tags: ['returns'],
      status: 'open',
      sla: { state: 'overdue' },
    });
    expect(loaded.tickets[1]?.sla).toEqual({ state: 'due', dueAt: new Date(now + 48 * HOUR).toISOString() });
  });

  it('walks the pages by cursor and back, without gaps or repeats', async () => {
    const first = await loadList('');
    expect(first.previousUrl).toBeNull();
    expect(first.nextUrl).toMatch(/^\/app\/inbox\?cursor=/);
    const second = await loadList(first.nextUrl as string);
    expect(second.tickets).toHaveLength(7);
    expect(second.nextUrl).toBeNull();
    const all = [...numbers(first), ...numbers(second)];
    expect(new Set(all).size).toBe(32);
    const back = await loadList(second.previousUrl as string);
    expect(numbers(back)).toEqual(numbers(first));
  });

  it('filters by tab, priority, assignee, tag, overdue and search, keeping the filters in the page links', async () => {
    expect(numbers(await loadList('?priority=high'))).toEqual([urgentTicket]);
    expect(numbers(await loadList('?tag=returns'))).toEqual([urgentTicket]);
    expect(numbers(await loadList('?overdue=1'))).toEqual([urgentTicket, adaTicket]);
    expect(numbers(await loadList('?q=parcel'))).toEqual([adaTicket]);
    expect(numbers(await loadList('?q=ada%40example'))).toEqual([adaTicket]);
    expect(numbers(await loadList(`?q=%23${adaTicket}`))).toEqual([adaTicket]);
    expect(numbers(await loadList('?status=solved'))).toEqual([]);
    const low = await loadList('?priority=low&status=open');
    expect(low.tickets).toHaveLength(25);
    expect(low.nextUrl).toMatch(/^\/app\/inbox\?status=open&priority=low&cursor=/);
    expect(low.counts).toMatchObject({ open: 30, all: 30 });
    expect((await loadList('?assignee=none')).counts.all).toBe(32);
    expect(numbers(await loadList('?assignee=71'))).toEqual([]);
  });

  it('answers 400 naming the parameter for a filter it cannot read', async () => {
    for (const [query, param] of [
      ['?status=archived', 'status'],
      ['?priority=DROP%20TABLE', 'priority'],
      [`?q=${'x'.repeat(201)}`, 'q'],
    ] as const) {
      const result = await run(list.loader, await get(`/app/inbox${query}`));
      expect(result.status, query).toBe(400);
      expect(result.data, query).toEqual({ param });
    }
  });

  it('never shows another shop’s tickets, and refuses a forged session token', async () => {
    const theirs = await loadList('', OTHER_SHOP);
    expect(theirs.tickets.map((ticket) => ticket.subject)).toEqual(['Bonjour, where is the wool hat?']);
    expect((await loadList('?q=bonjour')).tickets).toEqual([]);
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    expect((await run(list.loader, bearerRequest('/app/inbox', forged))).status).toBe(401);
  });
});

describe('Inbox bulk actions', () => {
  it('sets the status of the selected tickets and assigns them, as the staff member, skipping another shop’s', async () => {
    const [a, b] = [1, 2];
    const solved = await run(
      list.action,
      await post('/app/inbox', { intent: 'bulk-status', status: 'solved', numbers: [String(a), String(b), '999'] }),
    );
    expect(solved).toMatchObject({ status: 200, data: { ok: true, updated: 2, skipped: 1 } });
    const assigned = await run(
      list.action,
      await post('/app/inbox', { intent: 'bulk-assign', assigneeId: '71', numbers: [String(a), String(b)] }),
    );
    expect(assigned.data).toEqual({ ok: true, updated: 2, skipped: 0 });
    const loaded = await loadList('?status=solved');
    expect(numbers(loaded).sort()).toEqual([a, b]);
    expect(loaded.tickets.map((ticket) => ticket.assigneeName)).toEqual(['Alex Kim', 'Alex Kim']);
    expect(numbers(await loadList('?assignee=71')).sort()).toEqual([a, b]);
    const entries = await prisma.activityEntry.findMany({
      where: {
        shop: TEST_SHOP,
        resourceType: 'ticket',
        resourceId: String(a),
        verb: { in: ['status_changed', 'assigned'] },
      },
    });
    expect(entries.map((entry) => [entry.verb, entry.actorType, entry.actorId, entry.actorName])).toEqual(
      expect.arrayContaining([
        ['status_changed', 'steward', String(USER_ID), 'Sam Rivera'],
        ['assigned', 'steward', String(USER_ID), 'Sam Rivera'],
      ]),
    );
    // Unassign one again.
    await run(list.action, await post('/app/inbox', { intent: 'bulk-assign', assigneeId: '', numbers: [String(b)] }));
    expect(numbers(await loadList('?assignee=71'))).toEqual([a]);
  });

  it('refuses a bulk form it cannot read, changing nothing', async () => {
    const forms: Record<string, string | string[]>[] = [
      { intent: 'bulk-status', status: 'archived', numbers: ['3'] },
      { intent: 'bulk-status', status: 'solved', numbers: [] },
      { intent: 'bulk-status', status: 'solved', numbers: ['three'] },
      { intent: 'drop-table', numbers: ['3'] },
    ];
    for (const fields of forms) {
      const result = await run(list.action, await post('/app/inbox', fields));
      expect(result.status, JSON.stringify(fields)).toBe(400);
    }
    expect(
      (await prisma.inboxTicket.findUniqueOrThrow({ where: { shop_number: { shop: TEST_SHOP, number: 3 } } })).status,
    ).toBe('open');
  });
});

describe('Ticket page', () => {
  it('shows the thread as written, the customer with their last orders and what they spent, and the templates', async () => {
    await saveTemplate(
      prisma,
      { shop: TEST_SHOP, actor: { type: 'steward' } },
      {
        name: 'Where is my order',
        body: 'Hello {{customer.first_name}},\nyour order {{order.name}} is {{order.fulfillment_status}}.\n— {{shop.name}}',
      },
    );
    const loaded = await loadTicket(adaTicket);
    expect(loaded.ticket).toMatchObject({
      number: adaTicket,
      subject: 'Where is my parcel?',
      topic: 'order',
      orderRef: '1002',
      status: 'open',
      customerName: 'Ada Lovelace',
    });
    expect(loaded.ticket.messages).toHaveLength(1);
    expect(loaded.ticket.messages[0]).toMatchObject({
      direction: 'in',
      body: 'Where is my parcel?\nIt was due on Monday.\n<script>alert(1)</script>',
    });
    const admin = `${devstore.url.replace(/\/$/, '')}/store/test-shop`;
    expect(loaded.customer).toEqual({
      id: '901',
      name: 'Ada Lovelace',
      email: ADA.email,
      numberOfOrders: 2,
      totalSpent: { amount: '124.50', currencyCode: 'CAD' },
      adminUrl: `${admin}/customers/901`,
      lastOrders: [
        expect.objectContaining({
          name: '#1002',
          total: '84.5',
          fulfillmentStatus: 'UNFULFILLED',
          adminUrl: `${admin}/orders/5002`,
        }),
        expect.objectContaining({ name: '#1001', financialStatus: 'PAID', fulfillmentStatus: 'FULFILLED' }),
      ],
    });
    expect(loaded.templates.map((template) => template.name)).toEqual(['Where is my order']);
    expect(loaded.emailConfigured).toBe(false);
    expect(loaded.staff.map((member) => member.name)).toEqual(['Alex Kim', 'Sam Rivera']);
  });

  it('shows a guest as the name and address they typed', async () => {
    const loaded = await loadTicket(3);
    expect(loaded.customer).toMatchObject({
      id: null,
      name: 'Guest 2',
      email: 'guest2@example.com',
      adminUrl: null,
      lastOrders: [],
    });
  });

  it('answers 404 for a number the shop has no ticket for, or that is no number', async () => {
    const theirs = await loadList('', OTHER_SHOP);
    const only = theirs.tickets[0]?.number as number;
    expect(only).toBe(1);
    for (const param of ['999', 'abc', '0', '-1', '1e3']) {
      const result = await run(ticketPage.loader, await get(`/app/inbox/${param}`), { number: param });
      expect(result.status, param).toBe(404);
    }
    // Ticket #1 of Harbor Goods is theirs; Maple & Thread's #1 is its own.
    expect((await loadTicket(1)).ticket.subject).toBe('Question 0 about the wool hat');
  });

  it('fills a template from this customer and order, and previews a text, on the server', async () => {
    const [template] = await prisma.inboxTemplate.findMany({ where: { shop: TEST_SHOP } });
    const filled = await run(
      ticketPage.action,
      await post(`/app/inbox/${adaTicket}`, { intent: 'render', templateId: template!.id }),
      { number: String(adaTicket) },
    );
    expect(filled.data).toEqual({
      ok: true,
      intent: 'render',
      rendered: { text: 'Hello Ada,\nyour order #1002 is not yet shipped.\n— Maple & Thread', problems: [] },
    });
    // A guest has no order: the variable stays and is reported.
    const guest = await run(
      ticketPage.action,
      await post('/app/inbox/3', { intent: 'render', templateId: template!.id }),
      {
        number: '3',
      },
    );
    expect(guest.data).toMatchObject({
      ok: true,
      rendered: {
        text: expect.stringContaining('{{order.name}}'),
        problems: expect.arrayContaining([
          { variable: 'order.name', reason: 'missing' },
          { variable: 'order.fulfillment_status', reason: 'missing' },
        ]),
      },
    });
    const typed = await run(
      ticketPage.action,
      await post(`/app/inbox/${adaTicket}`, {
        intent: 'render',
        body: 'Hi {{customer.first_name}} {{customer.shoe_size}}',
      }),
      { number: String(adaTicket) },
    );
    expect(typed.data).toMatchObject({
      rendered: {
        text: 'Hi Ada {{customer.shoe_size}}',
        problems: [{ variable: 'customer.shoe_size', reason: 'unknown' }],
      },
    });
    // Another shop's template id is not this shop's.
    const theirTemplate = await saveTemplate(
      prisma,
      { shop: OTHER_SHOP, actor: { type: 'steward' } },
      {
        name: 'Theirs',
        body: 'Not yours',
      },
    );
    const crossed = await run(
      ticketPage.action,
      await post(`/app/inbox/${adaTicket}`, { intent: 'render', templateId: theirTemplate.id }),
      { number: String(adaTicket) },
    );
    expect(crossed).toMatchObject({ status: 422, data: { ok: false, errors: { templateId: 'invalid' } } });
  });

  it('refuses a reply whose variables cannot be filled, keeping nothing, then sends one and marks it solved', async () => {
    const refused = await run(
      ticketPage.action,
      await post('/app/inbox/3', { intent: 'reply', body: 'Your order {{order.name}} left today.' }),
      { number: '3' },
    );
    expect(refused).toMatchObject({
      status: 422,
      data: {
        ok: false,
        intent: 'reply',
        errors: { body: 'unresolved' },
        problems: [{ variable: 'order.name', reason: 'missing' }],
      },
    });
    const empty = await run(ticketPage.action, await post('/app/inbox/3', { intent: 'reply', body: '   ' }), {
      number: '3',
    });
    expect(empty).toMatchObject({ status: 422, data: { errors: { body: 'required' } } });
    expect((await loadTicket(3)).ticket.messages).toHaveLength(1);

    const sent = await run(
      ticketPage.action,
      await post(`/app/inbox/${adaTicket}`, {
        intent: 'reply',
        body: 'Hello {{customer.first_name}}, it ships today.',
        status: 'solved',
      }),
      { number: String(adaTicket) },
    );
    expect(sent.data).toEqual({ ok: true, intent: 'reply', mailStatus: 'not_configured' });
    const loaded = await loadTicket(adaTicket);
    expect(loaded.ticket.status).toBe('solved');
    expect(loaded.ticket.sla).toEqual({ state: 'met' });
    expect(loaded.ticket.messages.at(-1)).toMatchObject({
      direction: 'out',
      authorType: 'staff',
      authorName: 'Sam Rivera',
      body: 'Hello Ada, it ships today.',
      mailStatus: 'not_configured',
    });
  });

  it('adds internal notes into the thread in order, and saves the ticket’s properties with each change logged', async () => {
    const noted = await run(
      ticketPage.action,
      await post(`/app/inbox/${urgentTicket}`, { intent: 'note', body: 'Check the scarf’s batch <b>first</b>' }),
      { number: String(urgentTicket) },
    );
    expect(noted.data).toEqual({ ok: true, intent: 'note' });
    const updated = await run(
      ticketPage.action,
      await post(`/app/inbox/${urgentTicket}`, {
        intent: 'update',
        status: 'pending',
        priority: 'urgent',
        assigneeId: '71',
        tags: ['returns', 'Scarf  Batch'],
      }),
      { number: String(urgentTicket) },
    );
    expect(updated.data).toEqual({ ok: true, intent: 'update' });
    const loaded = await loadTicket(urgentTicket);
    expect(loaded.ticket).toMatchObject({
      status: 'pending',
      priority: 'urgent',
      assigneeId: '71',
      assigneeName: 'Alex Kim',
      tags: ['returns', 'scarf batch'],
    });
    expect(loaded.ticket.messages.map((message) => [message.direction, message.body])).toEqual([
      ['in', 'I want a refund for the scarf'],
      ['note', 'Check the scarf’s batch <b>first</b>'],
    ]);
    const verbs = await prisma.activityEntry.findMany({
      where: { shop: TEST_SHOP, resourceType: 'ticket', resourceId: String(urgentTicket), source: 'steward' },
      orderBy: { id: 'asc' },
    });
    expect(verbs.map((entry) => entry.verb)).toEqual(
      expect.arrayContaining(['noted', 'priority_changed', 'assigned', 'tagged', 'status_changed']),
    );
    // Removing a tag and unassigning.
    await run(
      ticketPage.action,
      await post(`/app/inbox/${urgentTicket}`, {
        intent: 'update',
        status: 'pending',
        priority: 'urgent',
        assigneeId: '',
        tags: ['returns'],
      }),
      { number: String(urgentTicket) },
    );
    expect((await loadTicket(urgentTicket)).ticket).toMatchObject({ assigneeId: null, tags: ['returns'] });
  });

  it('keeps a closed ticket closed: replies and changes refused with a reason, notes still taken', async () => {
    await run(
      ticketPage.action,
      await post('/app/inbox/4', { intent: 'update', status: 'closed', priority: 'low', assigneeId: '', tags: [] }),
      { number: '4' },
    );
    const reply = await run(ticketPage.action, await post('/app/inbox/4', { intent: 'reply', body: 'Hello' }), {
      number: '4',
    });
    expect(reply).toMatchObject({ status: 422, data: { ok: false, errors: { status: 'closed' } } });
    const reopen = await run(
      ticketPage.action,
      await post('/app/inbox/4', { intent: 'update', status: 'open', priority: 'urgent', assigneeId: '', tags: [] }),
      { number: '4' },
    );
    expect(reopen).toMatchObject({ status: 422, data: { errors: { status: 'closed', priority: 'closed' } } });
    const note = await run(ticketPage.action, await post('/app/inbox/4', { intent: 'note', body: 'For the record' }), {
      number: '4',
    });
    expect(note.data).toEqual({ ok: true, intent: 'note' });
  });

  it('refuses a form it cannot read, and another shop’s ticket', async () => {
    const bad = await run(ticketPage.action, await post('/app/inbox/5', { intent: 'update', status: 'gone' }), {
      number: '5',
    });
    expect(bad).toMatchObject({ status: 422, data: { errors: { form: 'invalid' } } });
    const theirs = await run(ticketPage.action, await post('/app/inbox/999', { intent: 'note', body: 'Hi' }), {
      number: '999',
    });
    expect(theirs.status).toBe(404);
  });

  it('shows the rating and the satisfaction average once customers rate', async () => {
    expect(await recordSatisfaction(prisma, TEST_SHOP, adaTicket, 5, 'Quick and kind\n<i>thanks</i>')).toBe('saved');
    expect(await recordSatisfaction(prisma, TEST_SHOP, 1, 4, null)).toBe('saved');
    const loaded = await loadTicket(adaTicket);
    expect(loaded.ticket).toMatchObject({ rating: 5, ratingComment: 'Quick and kind\n<i>thanks</i>' });
    expect((await loadList('')).satisfaction).toEqual({ average: 4.5, count: 2 });
    expect((await loadList('', OTHER_SHOP)).satisfaction).toEqual({ average: null, count: 0 });
  });
});

describe('Inbox settings', () => {
  it('lists templates, rules and the first-reply targets, and says e-mail is not set up', async () => {
    const result = await run(settings.loader, await get('/app/inbox/settings'));
    expect(result.data).toMatchObject({
      emailConfigured: false,
      slaHours: { urgent: 1, high: 4, normal: 24, low: 72 },
      templates: [{ name: 'Where is my order' }],
      rules: [{ name: 'Returns', keywords: ['refund'], addTags: ['returns'], setPriority: 'high' }],
    });
  });

  it('creates, renames and deletes a template, with field errors for a taken name or an unknown variable', async () => {
    const created = await run(
      templatePage.action,
      await post('/app/inbox/templates/new', {
        intent: 'save',
        name: 'Thanks',
        body: 'Thank you, {{customer.first_name}}!',
      }),
      { id: 'new' },
    );
    expect(created).toMatchObject({ status: 200, data: { ok: true, intent: 'save' } });
    const id = (created.data as { id: string }).id;
    const page = await run(templatePage.loader, await get(`/app/inbox/templates/${id}`), { id });
    expect(page.data).toEqual({ template: { id, name: 'Thanks', body: 'Thank you, {{customer.first_name}}!' } });
    const taken = await run(
      templatePage.action,
      await post(`/app/inbox/templates/${id}`, { intent: 'save', name: 'Where is my order', body: 'x' }),
      { id },
    );
    expect(taken).toMatchObject({ status: 422, data: { ok: false, errors: { name: 'taken' } } });
    const unknown = await run(
      templatePage.action,
      await post(`/app/inbox/templates/${id}`, { intent: 'save', name: 'Thanks', body: 'Hi {{customer.nickname}}' }),
      { id },
    );
    expect(unknown).toMatchObject({ status: 422, data: { errors: { body: 'unknown_variable' } } });
    const empty = await run(
      templatePage.action,
      await post('/app/inbox/templates/new', { intent: 'save', name: '', body: '' }),
      {
        id: 'new',
      },
    );
    expect(empty).toMatchObject({ status: 422, data: { errors: { name: 'required' } } });
    const deleted = await run(templatePage.action, await post(`/app/inbox/templates/${id}`, { intent: 'delete' }), {
      id,
    });
    expect(deleted.data).toEqual({ ok: true, intent: 'delete', id: null });
    expect((await run(templatePage.loader, await get(`/app/inbox/templates/${id}`), { id })).status).toBe(404);
    // Another shop cannot open, change or delete Maple & Thread's templates.
    const [ours] = await prisma.inboxTemplate.findMany({ where: { shop: TEST_SHOP } });
    expect(
      (await run(templatePage.loader, await get(`/app/inbox/templates/${ours!.id}`, OTHER_SHOP), { id: ours!.id }))
        .status,
    ).toBe(404);
    const crossDelete = await run(
      templatePage.action,
      await post(`/app/inbox/templates/${ours!.id}`, { intent: 'delete' }, OTHER_SHOP),
      { id: ours!.id },
    );
    expect(crossDelete.status).toBe(404);
    expect(await prisma.inboxTemplate.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it('saves a rule from the form: keywords and tags as lists, the assignee named from the staff', async () => {
    const page = await run(rulePage.loader, await get('/app/inbox/rules/new'), { id: 'new' });
    expect(page.data).toMatchObject({
      rule: null,
      nextPosition: 1,
      staff: [{ name: 'Alex Kim' }, { name: 'Sam Rivera' }],
    });
    const saved = await run(
      rulePage.action,
      await post('/app/inbox/rules/new', {
        intent: 'save',
        name: 'Shipping',
        enabled: 'true',
        position: '1',
        topic: 'shipping',
        keywords: 'late, where is, ,parcel',
        addTags: 'Shipping, Delay',
        setPriority: 'urgent',
        assigneeId: '71',
        autoAcknowledge: 'true',
        acknowledgeTemplateId: '',
      }),
      { id: 'new' },
    );
    expect(saved).toMatchObject({ status: 200, data: { ok: true } });
    const rule = await prisma.inboxRule.findFirstOrThrow({ where: { shop: TEST_SHOP, name: 'Shipping' } });
    expect(rule).toMatchObject({
      keywords: ['late', 'where is', 'parcel'],
      addTags: ['shipping', 'delay'],
      topic: 'shipping',
      setPriority: 'urgent',
      assigneeId: '71',
      assigneeName: 'Alex Kim',
      autoAcknowledge: true,
    });
    const bad = await run(
      rulePage.action,
      await post(`/app/inbox/rules/${rule.id}`, { intent: 'save', name: '', topic: 'weather', setPriority: 'asap' }),
      { id: rule.id },
    );
    expect(bad).toMatchObject({ status: 422, data: { ok: false, errors: { name: 'required' } } });
    expect(
      (await run(rulePage.loader, await get(`/app/inbox/rules/${rule.id}`, OTHER_SHOP), { id: rule.id })).status,
    ).toBe(404);
    const deleted = await run(rulePage.action, await post(`/app/inbox/rules/${rule.id}`, { intent: 'delete' }), {
      id: rule.id,
    });
    expect(deleted.data).toEqual({ ok: true, intent: 'delete', id: null });
  });

  it('refuses a request without a valid session token', async () => {
    const forged = await sessionToken(TEST_SHOP, { secret: 'notTheAppSecretAtAll' });
    expect((await run(settings.loader, bearerRequest('/app/inbox/settings', forged))).status).toBe(401);
    const request = new Request(bearerRequest('/app/inbox/templates/new', forged), {
      method: 'POST',
      body: new URLSearchParams({ intent: 'save', name: 'x', body: 'y' }),
    });
    expect((await run(templatePage.action, request, { id: 'new' })).status).toBe(401);
  });
});
