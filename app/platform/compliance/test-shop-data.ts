/**
 * For the compliance tests: a shop's data in every table Steward writes,
 * about one customer (whose name, e-mail and phone are planted wherever
 * Steward could keep them) and about another customer who must be left alone;
 * and a generic row in every model with a shop, read from Prisma's DMMF, so a
 * model added later is covered without touching the tests.
 */
import { Prisma, type PrismaClient } from '@prisma/client';
import { describeWebhook } from '../../modules/activity/describe-webhook';
import { recordActivity } from '../../modules/activity/record.server';
import { seedInboxData } from '../../modules/inbox/test-shop-data';
import { applyCustomers, applyOrders } from '../mirror/apply.server';
import { at, customer, journey, order, refund } from '../mirror/fixtures';
import { API_VERSION } from '../shopify/api-version';
import type { InboxEvent } from '../webhooks/types';

export const CUSTOMER = {
  id: 5001n,
  firstName: 'Mireille',
  lastName: 'Quenneville',
  email: 'mireille.q@example.org',
  phone: '+33 6 12 34 56 78',
};
/** What must not survive customers/redact anywhere in the shop (compared case-insensitively). */
export const PERSONAL_STRINGS = [
  CUSTOMER.firstName,
  CUSTOMER.lastName,
  CUSTOMER.email,
  CUSTOMER.phone,
  encodeURIComponent(CUSTOMER.email),
];
export const OTHER = { id: 5002n, firstName: 'Anatole', lastName: 'Verhoeven', email: 'anatole@example.net' };

/** Their order, their guest checkout (same e-mail, no customer id), and someone else's order. */
export const ORDERS = { theirs: 9001n, guest: 9002n, others: 9003n };
/** An id beyond 2^53 inside a payload: scrubbing must keep it exact. */
export const BIG_ID = '820982911946154508';

function addressOf(person: { firstName: string; lastName: string }) {
  return {
    first_name: person.firstName,
    last_name: person.lastName,
    name: `${person.firstName} ${person.lastName}`,
    address1: '12 rue des Lilas',
    city: 'Lyon',
    zip: '69003',
    country_code: 'FR',
  };
}

function customerPayload(person: typeof CUSTOMER | typeof OTHER, minute: number) {
  return {
    id: Number(person.id),
    admin_graphql_api_id: `gid://shopify/Customer/${person.id}`,
    first_name: person.firstName,
    last_name: person.lastName,
    email: person.email,
    phone: 'phone' in person ? person.phone : null,
    state: 'enabled',
    created_at: at(0).toISOString(),
    updated_at: at(minute).toISOString(),
    default_address: addressOf(person),
  };
}

function orderPayload(id: bigint, person: typeof CUSTOMER | typeof OTHER | null, email: string, note: string | null) {
  return {
    id: Number(id),
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    email,
    contact_email: email,
    phone: person && 'phone' in person ? person.phone : null,
    note,
    created_at: at(0).toISOString(),
    updated_at: at(5).toISOString(),
    currency: 'EUR',
    total_price_set: { shop_money: { amount: '45.00', currency_code: 'EUR' } },
    customer: person ? customerPayload(person, 3) : null,
    billing_address: person ? addressOf(person) : null,
    line_items: [{ id: Number(id) * 10 + 1, title: 'Shirt', quantity: 2, price: '20.00' }],
    merchant_reference: `RAW:${BIG_ID}`,
  };
}

async function storeEvent(
  db: PrismaClient,
  shop: string,
  topic: string,
  eventId: string,
  payload: object,
): Promise<InboxEvent> {
  // Written as text so the 64-bit id below lands in jsonb exactly, as Shopify's body would.
  const text = JSON.stringify(payload).replace(`"RAW:${BIG_ID}"`, BIG_ID);
  const [row] = await db.$queryRaw<{ id: bigint; receivedAt: Date }[]>(Prisma.sql`
    INSERT INTO "WebhookEvent" (shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload)
    VALUES (${shop}, ${topic}, ${eventId}, ${`wh-${eventId}`}, ${API_VERSION}, ${at(6)}, ${text}::jsonb)
    RETURNING id, "receivedAt"`);
  return {
    id: row!.id,
    shop,
    topic,
    eventId,
    webhookId: `wh-${eventId}`,
    apiVersion: API_VERSION,
    triggeredAt: at(6),
    receivedAt: row!.receivedAt,
    payload: JSON.parse(JSON.stringify(payload)),
  };
}

/** The compliance request Shopify sends about CUSTOMER. */
export function requestPayload(kind: 'redact' | 'data_request') {
  const customerRef = { id: Number(CUSTOMER.id), email: CUSTOMER.email, phone: CUSTOMER.phone };
  const orders = [Number(ORDERS.theirs)];
  return kind === 'redact'
    ? { shop_id: 1, shop_domain: 'x', customer: customerRef, orders_to_redact: orders }
    : { shop_id: 1, shop_domain: 'x', customer: customerRef, orders_requested: orders, data_request: { id: 77 } };
}

export async function seedCustomerData(db: PrismaClient, shop: string): Promise<void> {
  await applyCustomers(db, shop, [
    customer(CUSTOMER.id, at(3), { ...CUSTOMER, tags: [`vip-${CUSTOMER.lastName}`] }),
    customer(OTHER.id, at(3), { ...OTHER, phone: null }),
  ]);
  await applyOrders(db, shop, [
    order(ORDERS.theirs, at(5), {
      customerId: CUSTOMER.id,
      email: CUSTOMER.email,
      phone: CUSTOMER.phone,
      tags: ['gift', `for ${CUSTOMER.firstName}`],
      refunds: [refund(70n, ORDERS.theirs * 10n + 1n, { note: `Damaged, ${CUSTOMER.firstName} called` })],
      journey: journey({
        source: 'email',
        landingPage: `/?utm_source=newsletter&subscriber=${encodeURIComponent(CUSTOMER.email)}`,
        utmSource: 'newsletter',
        utmMedium: 'email',
        daysToConversion: 1,
      }),
    }),
    order(ORDERS.guest, at(5), { customerId: null, email: CUSTOMER.email.toUpperCase(), phone: null }),
    order(ORDERS.others, at(5), { customerId: OTHER.id, email: OTHER.email, phone: null }),
  ]);
  const events = [
    await storeEvent(db, shop, 'customers/update', `${shop}-e1`, customerPayload(CUSTOMER, 3)),
    await storeEvent(
      db,
      shop,
      'orders/create',
      `${shop}-e2`,
      orderPayload(ORDERS.theirs, CUSTOMER, CUSTOMER.email, null),
    ),
    await storeEvent(db, shop, 'orders/create', `${shop}-e3`, orderPayload(ORDERS.guest, null, CUSTOMER.email, null)),
    await storeEvent(
      db,
      shop,
      'orders/updated',
      `${shop}-e4`,
      orderPayload(ORDERS.others, OTHER, OTHER.email, `Gift from ${CUSTOMER.email}, call ${CUSTOMER.phone}`),
    ),
    await storeEvent(db, shop, 'customers/update', `${shop}-e5`, customerPayload(OTHER, 3)),
  ];
  for (const event of events) {
    const entry = describeWebhook(event);
    if (entry) await recordActivity(db, entry);
  }
  await recordActivity(db, {
    shop,
    occurredAt: at(7),
    actor: { type: 'steward', id: 'staff-1', name: 'Shop Owner' },
    verb: 'exported',
    resource: { type: 'report', title: 'Fall customers' },
    summary: `Exported a report mailed to ${CUSTOMER.email}`,
    source: 'steward',
    sourceKey: `${shop}-report-1`,
  });
  await db.job.createMany({
    data: [
      {
        shop,
        name: 'send-receipt',
        payload: { to: CUSTOMER.email, greeting: `Dear ${CUSTOMER.firstName} ${CUSTOMER.lastName}`, orderId: '9001' },
        lastError: `SMTP refused ${CUSTOMER.email}`,
      },
      { shop, name: 'send-receipt', payload: { to: OTHER.email, orderId: '9003' } },
    ],
  });
  await db.syncRun.create({ data: { shop, resource: 'customers', mode: 'full', objectsDone: 2 } });
  await seedInboxData(db, shop, { customer: CUSTOMER, other: OTHER, orders: ORDERS });
  await db.session.create({
    data: {
      id: `offline_${shop}`,
      shop,
      state: 's',
      accessToken: 'enc:v1:x:a.b.c',
      firstName: 'Shop',
      lastName: 'Owner',
    },
  });
}

/** The models that hold a shop's data, from Prisma's DMMF. */
export const SHOP_MODELS = Prisma.dmmf.datamodel.models.filter((model) =>
  model.fields.some((field) => field.name === 'shop'),
);

export function tableOf(model: (typeof SHOP_MODELS)[number]): string {
  return model.dbName ?? model.name;
}

interface ColumnInfo {
  column_name: string;
  data_type: string;
  udt_name: string;
}

/** A value for a required column, as SQL: text gets the shop (unique keys stay unique per shop). */
function sampleValue(column: ColumnInfo, shop: string, table: string): Prisma.Sql {
  if (column.column_name === 'shop') return Prisma.sql`${shop}`;
  if (column.data_type === 'ARRAY') return Prisma.sql`'{}'`;
  if (column.data_type === 'USER-DEFINED') {
    return Prisma.sql`(SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = ${column.udt_name} ORDER BY e.enumsortorder LIMIT 1)::${Prisma.raw(`"${column.udt_name}"`)}`;
  }
  const type = Prisma.raw(column.udt_name);
  switch (column.udt_name) {
    case 'text':
    case 'varchar':
      return Prisma.sql`${`${table}.${column.column_name} ${shop}`}`;
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
      return Prisma.sql`1::${type}`;
    case 'bool':
      return Prisma.sql`false`;
    case 'timestamp':
    case 'timestamptz':
    case 'date':
      return Prisma.sql`${at(1).toISOString()}::${type}`;
    case 'json':
    case 'jsonb':
      return Prisma.sql`'{"generic":true}'::${type}`;
    case 'bytea':
      return Prisma.sql`${Buffer.from(`${table}.${column.column_name} ${shop}`)}`;
    default:
      throw new Error(
        `No sample value for ${table}.${column.column_name} (${column.udt_name}): teach test-shop-data.ts`,
      );
  }
}

/**
 * One row in every model with a shop, whatever the model: its required
 * columns (NOT NULL, no default, not generated) read from the database.
 */
export async function seedEveryModel(db: PrismaClient, shop: string): Promise<void> {
  for (const model of SHOP_MODELS) {
    const table = tableOf(model);
    const columns = await db.$queryRaw<ColumnInfo[]>(Prisma.sql`
      SELECT column_name::text, data_type::text, udt_name::text FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}
        AND (column_name = 'shop' OR (is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER'))
      ORDER BY ordinal_position`);
    if (columns.length === 0) throw new Error(`No table "${table}" for model ${model.name}`);
    await db.$executeRaw(Prisma.sql`
      INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.join(columns.map((column) => Prisma.raw(`"${column.column_name}"`)))})
      VALUES (${Prisma.join(columns.map((column) => sampleValue(column, shop, table)))})`);
  }
}

/** Every row of the shop in every model, as text (row-to-text casts, so every column counts). */
export async function rowsAsText(db: PrismaClient, shop: string): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const model of SHOP_MODELS) {
    const rows = await db.$queryRaw<{ row: string }[]>(Prisma.sql`
      SELECT t::text AS row FROM ${Prisma.raw(`"${tableOf(model)}"`)} t WHERE t.shop = ${shop} ORDER BY t::text`);
    tables[model.name] = rows.map((entry) => entry.row);
  }
  return tables;
}
