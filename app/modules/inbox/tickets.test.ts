/**
 * The inbox's module API on a real database, with Shopify played by the
 * devstore for what the mirror lacks: the list (filters, search, keyset
 * pages both ways, counts), one ticket, every staff change and its activity
 * entry, replies (variables, first response, status), closed being final,
 * SLA and overdue tickets, templates and rules, and the customer beside a
 * ticket (mirror first, Shopify for a customer or order not mirrored).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emptyShop, orderRecord } from '../../../devstore/test-support';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';

const SHOP = 'inbox-api.myshopify.com';
const state = emptyShop({
  id: 1,
  domain: SHOP,
  name: 'Harbor Goods',
  email: 'hello@harbor.example',
  currencyCode: 'EUR',
});
const devstore = await startAppDevstore({ shops: [state] });
await installOn(devstore, [SHOP]);
afterAll(() => devstore.close());

const { default: prisma } = await import('~/db.server');
const { applyCustomers, applyOrders } = await import('~/platform/mirror/apply.server');
const { at, customer, order } = await import('~/platform/mirror/fixtures');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { customerContext } = await import('./customer-context.server');
const { InboxInputError, InboxNotFoundError } = await import('./errors');
const { overdueTickets } = await import('./overdue.server');
const { deleteRule, deleteTemplate, listRules, listTemplates, saveRule, saveTemplate } =
  await import('./settings.server');
const { addNote, assign, reply, setPriority, setStatus, tag, TemplateProblemsError, untag } =
  await import('./ticket-changes.server');
const { templateValues } = await import('./template-values.server');
const { getTicket, listTickets, openTicket, PAGE_SIZE, subjectOf } = await import('./tickets.server');

const STAFF = { shop: SHOP, actor: { type: 'steward' as const, id: '71', name: 'Sam Rivera' } };
const T0 = new Date('2026-02-02T09:00:00.000Z');
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

function open(shop: string, message: string, fields: Partial<Parameters<typeof openTicket>[2]> = {}, now = T0) {
  return openTicket(
    prisma,
    shop,
    {
      channel: 'form',
      topic: 'other',
      message,
      customer: { id: null, name: 'Ada Lovelace', email: 'ada@example.org' },
      orderRef: null,
      locale: 'en',
      ...fields,
    },
    null,
    now,
  );
}

async function activityOf(shop: string, number: number) {
  const entries = await prisma.activityEntry.findMany({
    where: { shop, resourceType: 'ticket', resourceId: String(number) },
    orderBy: { id: 'asc' },
  });
  return entries.map((entry) => ({ verb: entry.verb, actor: entry.actorName, details: entry.details }));
}

describe('the ticket list', () => {
  const shop = 'list.myshopify.com';
  const created: number[] = [];

  it('pages through tickets newest activity first, both ways, with counts per status', async () => {
    for (let index = 0; index < PAGE_SIZE + 5; index += 1) {
      // Two tickets per minute: equal timestamps are ordered by number.
      created.push((await open(shop, `Question ${index}`, {}, minutes(Math.floor(index / 2)))).number);
    }
    const first = await listTickets(prisma, shop, {}, minutes(60));
    expect(first.tickets).toHaveLength(PAGE_SIZE);
    expect(first.tickets[0]!.number).toBe(created.at(-1));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, previousCursor: null });
    const second = await listTickets(prisma, shop, { cursor: first.pageInfo.nextCursor }, minutes(60));
    expect(second.tickets.map((ticket) => ticket.number)).toEqual(created.slice(0, 5).reverse());
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await listTickets(prisma, shop, { cursor: second.pageInfo.previousCursor }, minutes(60));
    expect(back.tickets.map((ticket) => ticket.number)).toEqual(first.tickets.map((ticket) => ticket.number));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.counts).toEqual({
      open: PAGE_SIZE + 5,
      pending: 0,
      solved: 0,
      closed: 0,
      all: PAGE_SIZE + 5,
      overdue: 0,
    });
    // A cursor the list did not write starts at the first page.
    expect((await listTickets(prisma, shop, { cursor: 'bm90IGEgY3Vyc29y' }, minutes(60))).tickets[0]!.number).toBe(
      created.at(-1),
    );
  });

  it('filters by status, priority, assignee, tag, overdue and words, keeping the counts of the other filters', async () => {
    const [a, b, c] = created as [number, number, number];
    await setStatus(prisma, { shop, actor: STAFF.actor }, a, 'pending', minutes(1));
    await setPriority(prisma, { shop, actor: STAFF.actor }, b, 'urgent', minutes(1));
    await assign(prisma, { shop, actor: STAFF.actor }, b, { id: '71', name: 'Sam Rivera' }, minutes(1));
    await tag(prisma, { shop, actor: STAFF.actor }, c, '  Wrong   Size ', minutes(1));
    await reply(
      prisma,
      { shop, actor: STAFF.actor },
      c,
      { body: 'The blue parcel left today.', status: 'open' },
      minutes(2),
    );

    const numbers = async (filters: Parameters<typeof listTickets>[2]) =>
      (await listTickets(prisma, shop, filters, minutes(24 * 60 + 30))).tickets
        .map((ticket) => ticket.number)
        .sort((x, y) => x - y);
    expect(await numbers({ status: 'pending' })).toEqual([a]);
    expect(await numbers({ priority: 'urgent' })).toEqual([b]);
    expect(await numbers({ assignee: '71' })).toEqual([b]);
    expect((await numbers({ assignee: 'none' })).includes(b)).toBe(false);
    expect(await numbers({ tag: 'WRONG SIZE' })).toEqual([c]);
    expect(await numbers({ query: '#' + b })).toEqual([b]);
    expect(await numbers({ query: 'blue PARCEL' })).toEqual([c]);
    expect(await numbers({ query: 'Question 1' })).toEqual(
      created.filter((_, index) => `Question ${index}`.startsWith('Question 1')).sort((x, y) => x - y),
    );
    expect(await numbers({ query: '100%_' })).toEqual([]);
    // A day and a half later, every ticket but the one answered is past its first response.
    const late = await listTickets(prisma, shop, { overdue: true }, minutes(36 * 60));
    expect(late.tickets.map((ticket) => ticket.number)).not.toContain(c);
    expect(late.counts.overdue).toBe(PAGE_SIZE + 4);
    const pending = await listTickets(prisma, shop, { status: 'pending', priority: 'normal' }, minutes(60));
    expect(pending.counts).toMatchObject({ open: PAGE_SIZE + 3, pending: 1, all: PAGE_SIZE + 4 });
  });
});

describe('one ticket', () => {
  it('changes status, priority, assignee and tags, each logged; closed is final but takes notes', async () => {
    const ticket = await open(SHOP, 'My mug is chipped\nPlease help', { topic: 'returns' });
    expect(ticket.slaDueAt.getTime() - T0.getTime()).toBe(24 * 3_600_000);
    const ctx = STAFF;
    const urgent = await setPriority(prisma, ctx, ticket.number, 'urgent', minutes(5));
    expect(urgent.slaDueAt.getTime() - T0.getTime()).toBe(3_600_000);
    await assign(prisma, ctx, ticket.number, { id: '72', name: 'Kim' }, minutes(6));
    await assign(prisma, ctx, ticket.number, null, minutes(7));
    await tag(prisma, ctx, ticket.number, 'Breakage', minutes(8));
    await tag(prisma, ctx, ticket.number, 'breakage', minutes(8));
    await untag(prisma, ctx, ticket.number, 'breakage', minutes(9));
    await addNote(prisma, ctx, ticket.number, { body: 'Check the packaging supplier' }, minutes(10));
    await setStatus(prisma, ctx, ticket.number, 'solved', minutes(11));
    await setStatus(prisma, ctx, ticket.number, 'closed', minutes(12));

    const page = await getTicket(prisma, SHOP, ticket.number, minutes(13));
    expect(page.ticket).toMatchObject({ status: 'closed', priority: 'urgent', assigneeId: null, tags: [] });
    expect(page.ticket.solvedAt).toEqual(minutes(11));
    expect(page.ticket.closedAt).toEqual(minutes(12));
    expect(page.messages.map((message) => message.direction)).toEqual(['in']);
    expect(page.notes).toEqual([
      expect.objectContaining({ direction: 'note', body: 'Check the packaging supplier', authorName: 'Sam Rivera' }),
    ]);
    expect(await activityOf(SHOP, ticket.number)).toEqual([
      { verb: 'created', actor: null, details: { channel: 'form', priority: 'normal', rules: 0 } },
      { verb: 'priority_changed', actor: 'Sam Rivera', details: { priority: 'urgent', previousPriority: 'normal' } },
      { verb: 'assigned', actor: 'Sam Rivera', details: { assigneeId: '72' } },
      { verb: 'unassigned', actor: 'Sam Rivera', details: null },
      { verb: 'tagged', actor: 'Sam Rivera', details: { tag: 'breakage' } },
      { verb: 'untagged', actor: 'Sam Rivera', details: { tag: 'breakage' } },
      { verb: 'noted', actor: 'Sam Rivera', details: null },
      { verb: 'status_changed', actor: 'Sam Rivera', details: { status: 'solved', previousStatus: 'open' } },
      { verb: 'status_changed', actor: 'Sam Rivera', details: { status: 'closed', previousStatus: 'solved' } },
    ]);

    for (const change of [
      () => setStatus(prisma, ctx, ticket.number, 'open'),
      () => setPriority(prisma, ctx, ticket.number, 'low'),
      () => reply(prisma, ctx, ticket.number, { body: 'Too late' }),
    ]) {
      await expect(change()).rejects.toMatchObject({ errors: { status: 'closed' } });
    }
    await addNote(prisma, ctx, ticket.number, { body: 'Still noted after closing' });
    await expect(setStatus(prisma, ctx, ticket.number, 'archived' as never)).rejects.toBeInstanceOf(InboxInputError);
    await expect(getTicket(prisma, 'other.myshopify.com', ticket.number)).rejects.toBeInstanceOf(InboxNotFoundError);
    await expect(getTicket(prisma, SHOP, 0.5)).rejects.toBeInstanceOf(InboxNotFoundError);
  });

  it('refuses a reply with an unknown or unfilled variable, and records the first response of one that is sent', async () => {
    const ticket = await open(SHOP, 'Where is order 4?');
    await expect(reply(prisma, STAFF, ticket.number, { body: 'Hi {{customer.nickname}}' })).rejects.toMatchObject({
      errors: { body: 'unresolved' },
      problems: [{ variable: 'customer.nickname', reason: 'unknown' }],
    });
    const refused = reply(prisma, STAFF, ticket.number, { body: 'Your order {{order.name}}' });
    await expect(refused).rejects.toBeInstanceOf(TemplateProblemsError);
    await expect(refused).rejects.toMatchObject({ problems: [{ variable: 'order.name', reason: 'missing' }] });
    await expect(reply(prisma, STAFF, ticket.number, { body: '   ' })).rejects.toMatchObject({
      errors: { body: 'required' },
    });
    await expect(reply(prisma, STAFF, ticket.number, { body: 'x', templateId: 'nope' })).rejects.toMatchObject({
      errors: { templateId: 'invalid' },
    });
    expect((await getTicket(prisma, SHOP, ticket.number)).messages).toHaveLength(1);

    const { message, ticket: after } = await reply(
      prisma,
      STAFF,
      ticket.number,
      { body: 'Hello {{customer.first_name}}!' },
      minutes(30),
    );
    expect(message).toMatchObject({
      direction: 'out',
      authorName: 'Sam Rivera',
      body: 'Hello Ada!',
      mailStatus: 'not_configured',
    });
    expect(after).toMatchObject({
      status: 'pending',
      firstRespondedAt: minutes(30),
      lastMessageAt: minutes(30),
      overdue: false,
    });
    await reply(prisma, STAFF, ticket.number, { body: 'One more thing', status: 'solved' }, minutes(40));
    expect((await getTicket(prisma, SHOP, ticket.number)).ticket).toMatchObject({
      firstRespondedAt: minutes(30),
      status: 'solved',
    });
    expect((await activityOf(SHOP, ticket.number)).map((entry) => entry.verb)).toEqual([
      'created',
      'replied',
      'status_changed',
      'replied',
      'status_changed',
    ]);
  });

  it('lists tickets past their first response for Today, longest overdue first', async () => {
    const shop = 'overdue.myshopify.com';
    const normal = await open(shop, 'Normal', {}, T0);
    const urgent = await open(shop, 'Urgent', {}, minutes(10));
    await setPriority(prisma, { shop, actor: STAFF.actor }, urgent.number, 'urgent', minutes(11));
    const answered = await open(shop, 'Answered', {}, T0);
    await reply(prisma, { shop, actor: STAFF.actor }, answered.number, { body: 'Done' }, minutes(1));
    expect((await overdueTickets(prisma, shop, minutes(60))).count).toBe(0);
    const later = await overdueTickets(prisma, shop, minutes(25 * 60));
    expect(later.count).toBe(2);
    expect(later.tickets.map((ticket) => [ticket.number, ticket.overdue])).toEqual([
      [urgent.number, true],
      [normal.number, true],
    ]);
  });

  it('takes the first line of the message as the subject, shortened on a word', () => {
    expect(subjectOf('  Hello there  \nsecond line')).toBe('Hello there');
    const long = subjectOf(`${'word '.repeat(40)}end`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('templates and rules', () => {
  it('saves, renames and deletes templates; refuses unknown variables and a taken name', async () => {
    const saved = await saveTemplate(prisma, STAFF, { name: 'Thanks', body: 'Thanks {{customer.first_name}}' });
    await expect(saveTemplate(prisma, STAFF, { name: 'Other', body: 'Hi {{customer.age}}' })).rejects.toMatchObject({
      errors: { body: 'unknown_variable' },
    });
    await expect(saveTemplate(prisma, STAFF, { name: 'Thanks', body: 'Again' })).rejects.toMatchObject({
      errors: { name: 'taken' },
    });
    await expect(saveTemplate(prisma, STAFF, { name: '', body: '' })).rejects.toMatchObject({
      errors: { name: 'required', body: 'required' },
    });
    const renamed = await saveTemplate(prisma, STAFF, { id: saved.id, name: 'Thank you', body: saved.body });
    expect(renamed.id).toBe(saved.id);
    await expect(
      saveTemplate(prisma, { ...STAFF, shop: 'else.myshopify.com' }, { id: saved.id, name: 'x', body: 'y' }),
    ).rejects.toBeInstanceOf(InboxNotFoundError);
    const rule = await saveRule(prisma, STAFF, { name: 'Ack', autoAcknowledge: true, acknowledgeTemplateId: saved.id });
    expect(rule.acknowledgeTemplateId).toBe(saved.id);
    await deleteTemplate(prisma, STAFF, saved.id);
    expect((await listTemplates(prisma, SHOP)).map((template) => template.name)).not.toContain('Thank you');
    expect((await listRules(prisma, SHOP)).find((row) => row.id === rule.id)?.acknowledgeTemplateId).toBeNull();
    const verbs = await prisma.activityEntry.findMany({
      where: { shop: SHOP, resourceType: 'inbox_template', resourceId: saved.id },
      select: { verb: true },
      orderBy: { id: 'asc' },
    });
    expect(verbs.map((entry) => entry.verb)).toEqual(['created', 'updated', 'deleted']);
    await deleteRule(prisma, STAFF, rule.id);
  });

  it('validates rules: topic, priority, lists, and an acknowledgement template of the same shop', async () => {
    await expect(
      saveRule(prisma, STAFF, { name: 'Bad', topic: 'weather' as never, setPriority: 'asap' as never, keywords: [''] }),
    ).rejects.toMatchObject({ errors: { topic: 'invalid', setPriority: 'invalid', 'keywords.0': 'required' } });
    const foreign = await saveTemplate(prisma, { ...STAFF, shop: 'else.myshopify.com' }, { name: 'Theirs', body: 'x' });
    await expect(
      saveRule(prisma, STAFF, { name: 'Ack', autoAcknowledge: true, acknowledgeTemplateId: foreign.id }),
    ).rejects.toMatchObject({
      errors: { acknowledgeTemplateId: 'invalid' },
    });
    const rule = await saveRule(prisma, STAFF, {
      name: 'Returns',
      topic: 'returns',
      keywords: ['refund', 'refund'],
      addTags: [' Returns '],
      setPriority: 'high',
      assignee: { id: '72', name: 'Kim' },
    });
    expect(rule).toMatchObject({ keywords: ['refund'], addTags: ['returns'], assigneeId: '72', assigneeName: 'Kim' });
    const moved = await saveRule(prisma, STAFF, { id: rule.id, name: 'Returns', position: 3, enabled: false });
    expect(moved).toMatchObject({ id: rule.id, position: 3, enabled: false, topic: null });
    await deleteRule(prisma, STAFF, rule.id);
    await expect(deleteRule(prisma, STAFF, rule.id)).rejects.toBeInstanceOf(InboxNotFoundError);
  });
});

describe('the customer beside a ticket', () => {
  it('reads the mirror: the customer, their last five orders and what they spent', async () => {
    await applyCustomers(prisma, SHOP, [
      customer(301n, at(1), { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org', numberOfOrders: 6 }),
    ]);
    await applyOrders(
      prisma,
      SHOP,
      Array.from({ length: 6 }, (_, index) =>
        order(BigInt(7000 + index), at(2), {
          name: `#${7000 + index}`,
          customerId: 301n,
          email: 'grace@example.org',
          processedAt: at(10 + index),
          totalPrice: '20.0000',
          totalRefunded: index === 0 ? '5.0000' : '0.0000',
          cancelledAt: index === 1 ? at(11) : null,
        }),
      ),
    );
    const ticket = await open(SHOP, 'About my orders', {
      customer: { id: 301n, name: 'G', email: 'grace@example.org' },
    });
    const context = await customerContext(prisma, null, {
      shop: SHOP,
      customerId: 301n,
      customerEmail: ticket.customerEmail,
    });
    expect(context.customer).toMatchObject({
      id: '301',
      firstName: 'Grace',
      numberOfOrders: 6,
      matchedBy: 'id',
      source: 'mirror',
    });
    expect(context.lastOrders.map((row) => row.name)).toEqual(['#7005', '#7004', '#7003', '#7002', '#7001']);
    // Five orders of 20 (the cancelled one left out), less 5 refunded.
    expect(context.totalSpent).toEqual({ amount: '95.00', currency: 'EUR' });
    // A guest writing from the same address is matched by e-mail.
    const guest = await customerContext(prisma, null, {
      shop: SHOP,
      customerId: null,
      customerEmail: 'GRACE@example.org',
    });
    expect(guest.customer).toMatchObject({ id: '301', matchedBy: 'email' });
    expect(await customerContext(prisma, null, { shop: SHOP, customerId: null, customerEmail: null })).toEqual({
      customer: null,
      lastOrders: [],
      totalSpent: null,
    });
  });

  it('asks Shopify for a customer and an order the mirror does not hold, and fills templates from them', async () => {
    state.customers.set(401, {
      id: 401,
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'kj@example.org',
      phone: null,
      tags: [],
      state: 'ENABLED',
      acceptsMarketing: false,
      address: { city: 'Hampton', provinceCode: null, countryCode: 'US', zip: '23666', address1: '1 Main St' },
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
    });
    state.orders.set(
      501,
      orderRecord(501, { number: 1501, customerId: 401, email: 'kj@example.org', fulfillmentStatus: 'FULFILLED' }),
    );
    state.orders.set(502, orderRecord(502, { number: 1502, customerId: 999, email: 'someone@example.org' }));
    const gateway = await gatewayForShop(SHOP);
    const ticket = await open(SHOP, 'Did it ship?', {
      customer: { id: 401n, name: 'K. Johnson', email: 'kj@example.org' },
      orderRef: '1501',
    });
    const context = await customerContext(prisma, gateway, {
      shop: SHOP,
      customerId: 401n,
      customerEmail: 'kj@example.org',
    });
    expect(context.customer).toMatchObject({
      id: '401',
      firstName: 'Katherine',
      email: 'kj@example.org',
      source: 'shopify',
    });
    expect(context.lastOrders.map((row) => row.name)).toEqual(['#1501']);
    expect(context.totalSpent?.currency).toBe('EUR');

    const row = await prisma.inboxTicket.findUniqueOrThrow({
      where: { shop_number: { shop: SHOP, number: ticket.number } },
    });
    expect(await templateValues(prisma, gateway, row)).toMatchObject({
      'customer.first_name': 'Katherine',
      'customer.last_name': 'Johnson',
      'order.name': '#1501',
      'order.fulfillment_status': 'fulfilled',
      'shop.name': 'Harbor Goods',
      'ticket.number': String(ticket.number),
    });
    // Someone else's order number fills nothing.
    const other = await open(SHOP, 'And 1502?', {
      customer: { id: 401n, name: 'K', email: 'kj@example.org' },
      orderRef: '#1502',
    });
    const otherRow = await prisma.inboxTicket.findUniqueOrThrow({
      where: { shop_number: { shop: SHOP, number: other.number } },
    });
    expect((await templateValues(prisma, gateway, otherRow))['order.name']).toBeNull();
    // Without Shopify at hand, the form's name fills in.
    expect(await templateValues(prisma, null, otherRow)).toMatchObject({
      'customer.first_name': 'K',
      'customer.last_name': null,
    });
  });
});
