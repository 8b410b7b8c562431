/**
 * The values a ticket's reply templates fill in (render-template.ts), in the
 * customer's language: their name and e-mail (the mirror's customer, else
 * what they typed in the form), the order of the ticket when it is theirs
 * (its status words translated, its total as money), the ticket number and
 * the shop's name. A value Steward does not know stays null, and the
 * renderer reports it rather than leaving a blank.
 */
import type { InboxTicket, PrismaClient } from '@prisma/client';
import { createI18n, SUPPORTED_LOCALES, type Locale } from '~/i18n/i18n';
import type { AdminGateway } from '~/platform/shopify/admin-gateway.server';
import { readShopProfile } from '~/platform/shopify/shop-profile.server';
import { customerContext, ticketOrder } from './customer-context.server';
import type { TemplateValues } from './render-template';

export function ticketLocale(locale: string): Locale {
  return SUPPORTED_LOCALES.find((supported) => supported === locale) ?? 'en';
}

/** The shop's name: as last read from Shopify (ShopSettings), else read now when a gateway is at hand. */
export async function shopName(db: PrismaClient, shop: string, gateway: AdminGateway | null): Promise<string | null> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { name: true } });
  if (settings?.name) return settings.name;
  return gateway ? (await readShopProfile(gateway)).name : null;
}

/** "Ada Lovelace" → first "Ada", last "Lovelace"; one word is a first name. */
function splitName(name: string | null): { first: string | null; last: string | null } {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  return { first: words[0] ?? null, last: words.length > 1 ? words.slice(1).join(' ') : null };
}

function money(amount: string, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

export async function templateValues(
  db: PrismaClient,
  gateway: AdminGateway | null,
  ticket: InboxTicket,
): Promise<TemplateValues> {
  const locale = ticketLocale(ticket.locale);
  const i18n = createI18n(locale);
  const word = (group: 'fulfillmentStatus' | 'financialStatus', value: string | null) =>
    value
      ? i18n.t(`inboxStorefront.values.${group}.${value}`, { defaultValue: value.toLowerCase().replace(/_/g, ' ') })
      : null;

  const context = await customerContext(db, gateway, ticket);
  const typed = splitName(ticket.customerName);
  const order = await ticketOrder(db, gateway, ticket);
  return {
    'customer.first_name': context.customer?.firstName || typed.first,
    'customer.last_name': context.customer?.lastName || typed.last,
    'customer.email': ticket.customerEmail ?? context.customer?.email ?? null,
    'order.name': order?.name ?? null,
    'order.fulfillment_status': order ? word('fulfillmentStatus', order.fulfillmentStatus) : null,
    'order.financial_status': order ? word('financialStatus', order.financialStatus) : null,
    'order.total': order ? money(order.total, order.currency, locale) : null,
    'ticket.number': String(ticket.number),
    'shop.name': await shopName(db, ticket.shop, gateway),
  };
}
