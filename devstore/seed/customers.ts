/**
 * Customers, created over the shop's history (more of them lately), with
 * unique emails and phones (some missing), tags and addresses. Returns what
 * the order generator needs to pick buyers quickly. createCustomer() makes
 * one customer at a given time, for the seed and for live traffic.
 */
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import type { AddressRecord, CustomerRecord } from '../state/types';
import { between, iso, slugify } from './util';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, type Region } from './words';

/** Whether a customer buys: never (an account only), once, or again and again. */
export const Buyer = { Never: 0, Once: 1, Repeat: 2 } as const;

/** Customers in creation order, as parallel arrays (growing as live traffic adds customers). */
export interface CustomerTable {
  ids: number[];
  createdAt: number[];
  emails: (string | null)[];
  /** A Buyer value per customer. */
  buyer: number[];
  /** 1 for customers tagged VIP. */
  vip: number[];
  /** One address per customer, shared by their orders as shipping and billing address. */
  addresses: AddressRecord[];
}

export function emptyCustomerTable(): CustomerTable {
  return { ids: [], createdAt: [], emails: [], buyer: [], vip: [], addresses: [] };
}

export interface NewCustomer {
  /** Its position among the shop's customers: phone numbers are unique by it. */
  index: number;
  createdAt: number;
  /** The latest the customer record may have been updated. */
  now: number;
  region: Region;
  /** Emails in use; the new one is added. */
  taken: Set<string>;
}

export function randomAddress(random: Random, region: Region, firstName: string, lastName: string): AddressRecord {
  const place = random.chance(0.85) ? random.pick(region.home) : random.pick(region.abroad);
  return {
    firstName,
    lastName,
    address1: `${random.int(1, 980)} ${random.pick(region.streets)}`,
    city: place.city,
    provinceCode: place.provinceCode,
    countryCode: place.countryCode,
    zip: place.zip,
  };
}

function uniqueEmail(random: Random, first: string, last: string, taken: Set<string>): string {
  const domain = random.pick(EMAIL_DOMAINS);
  const local = random
    .pick([
      `${slugify(first)}.${slugify(last)}`,
      `${slugify(first)}${slugify(last)}`,
      `${slugify(first)[0]}.${slugify(last)}`,
    ])
    .replace(/-/g, '');
  let email = `${local}@${domain}`;
  for (let attempt = 0; taken.has(email); attempt++) email = `${local}${random.int(1, 99 * (attempt + 1))}@${domain}`;
  taken.add(email);
  return email;
}

/** Creates one customer in state.customers and appends it to the table. */
export function createCustomer(
  state: ShopState,
  random: Random,
  table: CustomerTable,
  { index, createdAt, now, region, taken }: NewCustomer,
): CustomerRecord {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const email = random.chance(0.04) ? null : uniqueEmail(random, firstName, lastName, taken);
  const address = randomAddress(random, region, firstName, lastName);
  const tags = [
    ...(random.chance(0.05) ? ['VIP'] : []),
    ...(random.chance(0.02) ? ['wholesale'] : []),
    ...(random.chance(0.1) ? ['newsletter'] : []),
  ];
  const customer: CustomerRecord = {
    id: state.nextId(),
    firstName,
    lastName,
    email,
    phone: random.chance(0.6) ? `${region.phonePrefix}${region.phoneBase + index}` : null,
    tags,
    state: random.weighted([
      ['ENABLED', 0.7],
      ['DISABLED', 0.24],
      ['INVITED', 0.05],
      ['DECLINED', 0.01],
    ] as const),
    acceptsMarketing: email !== null && random.chance(0.45),
    address: {
      city: address.city,
      provinceCode: address.provinceCode,
      countryCode: address.countryCode,
      zip: address.zip,
      address1: address.address1,
    },
    createdAt: iso(createdAt),
    updatedAt: iso(between(random, createdAt, now)),
  };
  state.customers.set(customer.id, customer);
  table.ids.push(customer.id);
  table.createdAt.push(createdAt);
  table.emails.push(email);
  table.buyer.push(
    random.weighted<number>([
      [Buyer.Never, 0.1],
      [Buyer.Once, 0.58],
      [Buyer.Repeat, 0.32],
    ]),
  );
  table.vip.push(tags.includes('VIP') ? 1 : 0);
  table.addresses.push(address);
  return customer;
}

export function seedCustomers(
  state: ShopState,
  random: Random,
  options: { count: number; since: number; now: number; region: Region },
): CustomerTable {
  const table = emptyCustomerTable();
  const taken = new Set<string>();
  const span = options.now - options.since;
  for (let index = 0; index < options.count; index++) {
    // Back-loaded: the shop gains customers faster as it grows.
    const createdAt = Math.floor(options.since + span * ((index + random.next()) / options.count) ** 0.85);
    createCustomer(state, random, table, { index, createdAt, now: options.now, region: options.region, taken });
  }
  return table;
}
