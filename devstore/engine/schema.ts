/** Shopify's Admin schema for the devstore's API version, built once. */
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { readAdminIntrospection } from '../../app/platform/shopify/admin-schema';
import { API_VERSION } from '../../app/platform/shopify/api-version';

export const DEVSTORE_API_VERSION: string = API_VERSION;
let schema: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  schema ??= buildClientSchema(readAdminIntrospection(DEVSTORE_API_VERSION).data as unknown as IntrospectionQuery);
  return schema;
}
