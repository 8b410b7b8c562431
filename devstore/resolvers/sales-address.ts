/** MailingAddress nodes for order shipping/billing addresses and a customer's default address. */
import { gid } from '../engine/ids';
import type { AddressRecord } from '../state/types';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(countryCode: string): string {
  return regionNames.of(countryCode) ?? countryCode;
}

/** `key` makes the gid unique per owner and role, as Shopify's `?model_name=` ids are. */
export function mailingAddressNode(address: AddressRecord, key: string) {
  const country = countryName(address.countryCode);
  const name = `${address.firstName} ${address.lastName}`.trim();
  const area = [address.city, address.provinceCode, address.zip].filter(Boolean).join(' ');
  return {
    __typename: 'MailingAddress',
    id: gid('MailingAddress', key),
    firstName: address.firstName,
    lastName: address.lastName,
    name,
    company: null,
    address1: address.address1,
    address2: null,
    city: address.city,
    provinceCode: address.provinceCode,
    country,
    countryCodeV2: address.countryCode,
    zip: address.zip,
    phone: null,
    latitude: null,
    longitude: null,
    coordinatesValidated: false,
    timeZone: null,
    formattedArea: [address.city, address.provinceCode, country].filter(Boolean).join(', '),
    formatted: (args: { withName?: boolean | null; withCompany?: boolean | null }) =>
      [...(args.withName && name ? [name] : []), address.address1, area, country].filter(Boolean),
  };
}
