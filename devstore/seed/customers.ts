/**
 * Customers, created over the shop's history (more of them lately), with
 * unique emails and phones (some missing), tags and addresses. Returns what
 * the order generator needs to pick buyers quickly.
 */
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import type { AddressRecord, CustomerRecord } from '../state/types';
import { between, iso, slugify } from './util';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, type Region } from './words';

/** Whether a customer buys: never (an account only), once, or again and again. */
export const Buyer = { Never: 0, Once: 1, Repeat: 2 } as const;

/** Customers in creation order, as parallel arrays. */
export interface CustomerTable {
  ids: number[];
  createdAt: Float64Array;
  emails: (string | null)[];
  buyer: Uint8Array;
  vip: Uint8Array;
  /** One address per customer, shared by their orders as shipping and billing address. */
  addresses: AddressRecord[];
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

export function seedCustomers(
  state: ShopState,
  random: Random,
  options: { count: number; since: number; now: number; region: Region },
): CustomerTable {
  const table: CustomerTable = {
    ids: [],
    createdAt: new Float64Array(options.count),
    emails: [],
    buyer: new Uint8Array(options.count),
    vip: new Uint8Array(options.count),
    addresses: [],
  };
  const taken = new Set<string>();
  const span = options.now - options.since;
  for (let index = 0; index < options.count; index++) {
    // Back-loaded: the shop gains customers faster as it grows.
    const createdAt = Math.floor(options.since + span * ((index + random.next()) / options.count) ** 0.85);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const email = random.chance(0.04) ? null : uniqueEmail(random, firstName, lastName, taken);
    const address = randomAddress(random, options.region, firstName, lastName);
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
      phone: random.chance(0.6) ? `${options.region.phonePrefix}${options.region.phoneBase + index}` : null,
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
      updatedAt: iso(between(random, createdAt, options.now)),
    };
    state.customers.set(customer.id, customer);
    table.ids.push(customer.id);
    table.createdAt[index] = createdAt;
    table.emails.push(email);
    table.buyer[index] = random.weighted<number>([
      [Buyer.Never, 0.1],
      [Buyer.Once, 0.58],
      [Buyer.Repeat, 0.32],
    ]);
    table.vip[index] = tags.includes('VIP') ? 1 : 0;
    table.addresses.push(address);
  }
  return table;
}
