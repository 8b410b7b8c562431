import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost } from './cost';
import { adminSchema } from './schema';

const cost = (query: string, variables?: Record<string, unknown>, data?: unknown) =>
  queryCost(adminSchema(), parse(query), variables, undefined, data);

describe('query cost (Shopify rules)', () => {
  it('charges objects 1 and scalars 0', () => {
    expect(cost('{ shop { name currencyCode } }')).toBe(1);
    expect(cost('{ shop { name primaryDomain { host } plan { publicDisplayName } } }')).toBe(3);
  });

  it('charges a connection 2 plus first × node cost', () => {
    // products: 2 + 10 × (1 product) = 12
    expect(cost('{ products(first: 10) { nodes { id title } } }')).toBe(12);
    // each product also has a connection of 5 variants (2 + 5 × 1) → 1 + 7 = 8 per product
    expect(
      cost(
        'query ($n: Int) { products(first: $n) { edges { node { id variants(first: 5) { nodes { id } } } } pageInfo { hasNextPage } } }',
        { n: 10 },
      ),
    ).toBe(2 + 10 * 8);
  });

  it('charges a mutation 10', () => {
    expect(
      cost('mutation { tagsAdd(id: "gid://shopify/Product/1", tags: ["a"]) { userErrors { field message } } }'),
    ).toBe(10);
    expect(
      cost(
        'mutation { a: tagsAdd(id: "x", tags: ["a"]) { node { id } } b: tagsAdd(id: "y", tags: ["b"]) { node { id } } }',
      ),
    ).toBe(20);
  });

  it('computes the actual cost from the nodes returned', () => {
    const query = '{ products(first: 10) { nodes { id title } } }';
    expect(cost(query, {}, { products: { nodes: [{ id: '1' }, { id: '2' }, { id: '3' }] } })).toBe(5);
  });
});
