/**
 * A minimal stand-in for Shopify's Admin API until the devstore lands: it
 * executes documents with graphql-js against Shopify's real 2026-10 schema,
 * over real HTTP, at the paths the devstore routing sends the library to
 * (/shops/<shop>/admin/...). A field it does not emulate is an error naming
 * the field, never a silent null. Token exchange always answers
 * invalid_subject_token, as Shopify does for a token it will not honour.
 */
import { buildClientSchema, graphql, type GraphQLFieldResolver, type IntrospectionQuery } from 'graphql';
import { readAdminIntrospection } from '../../app/platform/shopify/admin-schema';
import { API_VERSION } from '../../app/platform/shopify/api-version';
import { readBody, startServer, type TestServer } from './http-server';

const schema = buildClientSchema(readAdminIntrospection(API_VERSION).data as unknown as IntrospectionQuery);

export interface FakeShop {
  accessToken: string;
  shop: Record<string, unknown>;
}

const strictResolver: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => {
  if (!(info.fieldName in source)) {
    throw new Error(`The fake Admin API does not emulate ${info.parentType.name}.${info.fieldName}`);
  }
  return source[info.fieldName];
};

export async function startFakeAdminApi(shops: Record<string, FakeShop>): Promise<TestServer & { requests: string[] }> {
  const requests: string[] = [];
  const server = await startServer(async (req, res) => {
    const match = /^\/shops\/([^/]+)(\/admin\/.*)$/.exec(req.url ?? '');
    const body = await readBody(req);
    requests.push(req.url ?? '');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!match) return send(404, { errors: 'Not Found' });
    const [, shopDomain, path] = match;
    if (path === '/admin/oauth/access_token') return send(400, { error: 'invalid_subject_token' });
    if (path !== `/admin/api/${API_VERSION}/graphql.json`) return send(404, { errors: 'Not Found' });
    const shop = shops[shopDomain as string];
    if (!shop || req.headers['x-shopify-access-token'] !== shop.accessToken) {
      return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables,
      rootValue: { shop: shop.shop },
      fieldResolver: strictResolver,
    });
    send(200, result);
  });
  return Object.assign(server, { requests });
}

export const SEEDED_SHOP = {
  name: 'Maple & Thread',
  myshopifyDomain: 'test-shop.myshopify.com',
  currencyCode: 'CAD',
  ianaTimezone: 'America/Toronto',
  plan: { publicDisplayName: 'Advanced', partnerDevelopment: false, shopifyPlus: false },
  primaryDomain: { host: 'maplethread.example', url: 'https://maplethread.example', sslEnabled: true },
};
