import { describe, expect, it } from 'vitest';
import { emptyShop, gql } from './test-support';

describe('devstore shop', () => {
  it('answers the shop and its staff through Shopify’s schema', async () => {
    const state = emptyShop();
    state.staff.set(5, {
      id: 5,
      firstName: 'Ada',
      lastName: 'Owner',
      email: 'ada@test-shop.example',
      isShopOwner: true,
      active: true,
      accountType: 'REGULAR',
      locale: 'en',
    });
    state.grantedScopes = ['read_products', 'read_orders'];
    const result = await gql(
      state,
      `{ shop { name currencyCode primaryDomain { url sslEnabled } accountOwner { name } }
      currentAppInstallation { accessScopes { handle } }
      staffMembers(first: 5) { nodes { id email isShopOwner } pageInfo { hasNextPage } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      shop: {
        name: 'Test Shop',
        currencyCode: 'USD',
        primaryDomain: { url: 'https://test-shop.example', sslEnabled: true },
        accountOwner: { name: 'Ada Owner' },
      },
      currentAppInstallation: { accessScopes: [{ handle: 'read_products' }, { handle: 'read_orders' }] },
      staffMembers: {
        nodes: [{ id: 'gid://shopify/StaffMember/5', email: 'ada@test-shop.example', isShopOwner: true }],
        pageInfo: { hasNextPage: false },
      },
    });
  });

  it('fails loudly, naming the field, for what it does not emulate', async () => {
    const result = await gql(emptyShop(), '{ shop { name checkoutApiSupported } }');
    expect(result.errors?.[0]?.message).toContain('does not emulate Shop.checkoutApiSupported');
    expect(result.errors?.[0]?.path).toEqual(['shop', 'checkoutApiSupported']);
  });

  it('answers an invalid document with validation errors and no data', async () => {
    const result = await gql(emptyShop(), '{ shop { nope } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toBe("Field 'nope' doesn't exist on type 'Shop'");
  });

  it('refuses a search it cannot apply instead of matching everything', async () => {
    const state = emptyShop();
    const unknownField = await gql(
      state,
      '{ staffMembers(first: 5, query: "favourite_colour:blue") { nodes { id } } }',
    );
    expect(unknownField.errors?.[0]).toMatchObject({
      message: expect.stringContaining('does not emulate the search field "favourite_colour"'),
      extensions: { code: 'NOT_EMULATED_BY_DEVSTORE' },
    });
    const grouped = await gql(
      state,
      '{ staffMembers(first: 5, query: "(email:a OR email:b) account_type:REGULAR") { nodes { id } } }',
    );
    expect(grouped.errors?.[0]?.message).toContain('parentheses');
    const quoted = await gql(state, '{ staffMembers(first: 5, query: "email:\'(not a group)\'") { nodes { id } } }');
    expect(quoted.errors).toBeUndefined();
  });
});
