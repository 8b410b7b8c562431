/**
 * Every Admin GraphQL document in app/ (a `#graphql` tagged string) must
 * validate against Shopify's 2026-10 schema, with deprecated fields refused.
 */
import {
  buildClientSchema,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  validate,
  type IntrospectionQuery,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { readAdminIntrospection } from '../../app/platform/shopify/admin-schema';
import { API_VERSION } from '../../app/platform/shopify/api-version';
import { appDocuments, bulkQueryDocuments } from './app-documents';

const schema = buildClientSchema(readAdminIntrospection(API_VERSION).data as unknown as IntrospectionQuery);
const rules = [...specifiedRules, NoDeprecatedCustomRule];

const documents = appDocuments();

function problems(body: string): string[] {
  return validate(schema, parse(body), rules).map((error) => error.message);
}

describe(`Admin GraphQL documents against ${API_VERSION}`, () => {
  it('finds the documents the app sends', () => {
    expect(documents.map((document) => document.file)).toContain('app/platform/shopify/shop-profile.server.ts');
  });

  it.each(documents.map((document) => [document.file, document.body]))(
    '%s validates, no deprecated fields',
    (_file, body) => {
      expect(problems(body)).toEqual([]);
    },
  );

  it.each(bulkQueryDocuments().map((document) => [document.name, document.body]))(
    '%s (a bulk operation query) validates, no deprecated fields',
    (_name, body) => {
      expect(problems(body)).toEqual([]);
    },
  );

  it('would refuse a deprecated field or an unknown one', () => {
    expect(problems('query { products(first: 1) { nodes { id images(first: 1) { nodes { url } } } } }')).toEqual([
      expect.stringContaining('The field Product.images is deprecated'),
    ]);
    expect(problems('query { shop { nameTypo } }')).toEqual([expect.stringContaining('Cannot query field "nameTypo"')]);
  });
});
