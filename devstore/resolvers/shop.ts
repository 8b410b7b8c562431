/** Shop, staff members and the app installation. */
import { connection } from '../engine/connection';
import { gid } from '../engine/ids';
import type { StaffMemberRecord } from '../state/types';
import type { DevstoreContext, ResolverModule } from './context';

export function staffMemberNode(staff: StaffMemberRecord) {
  return {
    __typename: 'StaffMember',
    id: gid('StaffMember', staff.id),
    firstName: staff.firstName,
    lastName: staff.lastName,
    name: `${staff.firstName} ${staff.lastName}`,
    initials: `${staff.firstName[0] ?? ''}${staff.lastName[0] ?? ''}`,
    email: staff.email,
    isShopOwner: staff.isShopOwner,
    active: staff.active,
    exists: true,
    accountType: staff.accountType,
    locale: staff.locale,
    phone: null,
  };
}

function shopNode({ state }: DevstoreContext) {
  const shop = state.shop;
  const owner = [...state.staff.values()].find((staff) => staff.isShopOwner);
  return {
    __typename: 'Shop',
    id: gid('Shop', shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: shop.ianaTimezone,
    createdAt: shop.createdAt,
    description: null,
    plan: { ...shop.plan },
    primaryDomain: {
      id: gid('Domain', shop.id),
      host: shop.primaryDomain.host,
      url: `${shop.primaryDomain.sslEnabled ? 'https' : 'http'}://${shop.primaryDomain.host}`,
      sslEnabled: shop.primaryDomain.sslEnabled,
      localization: null,
    },
    shopOwnerName: owner ? `${owner.firstName} ${owner.lastName}` : shop.name,
    accountOwner: owner ? staffMemberNode(owner) : null,
  };
}

export const shopResolvers: ResolverModule = {
  query: {
    shop: (_args, context) => shopNode(context),
    currentAppInstallation: (_args, { state }) => ({
      __typename: 'AppInstallation',
      id: gid('AppInstallation', state.shop.id),
      accessScopes: state.grantedScopes.map((handle) => ({ handle, description: handle.replace(/_/g, ' ') })),
    }),
    staffMember: (args, { state }) => {
      const staff = state.staff.get(Number(String(args.id).split('/').pop()));
      return staff ? staffMemberNode(staff) : null;
    },
    staffMembers: (args, { state }) =>
      connection([...state.staff.values()], args, {
        id: (staff) => gid('StaffMember', staff.id),
        node: staffMemberNode,
        sortKeys: { FIRST_NAME: (s) => s.firstName, LAST_NAME: (s) => s.lastName, EMAIL: (s) => s.email },
        searchFields: {
          email: (s) => s.email,
          first_name: (s) => s.firstName,
          last_name: (s) => s.lastName,
          account_type: (s) => s.accountType,
        },
        searchText: (s) => `${s.firstName} ${s.lastName} ${s.email}`,
      }),
  },
  nodes: {
    Shop: (id, context) => (id === context.state.shop.id ? shopNode(context) : null),
    StaffMember: (id, { state }) => {
      const staff = state.staff.get(id);
      return staff ? staffMemberNode(staff) : null;
    },
  },
};
