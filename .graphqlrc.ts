/**
 * GraphQL codegen for Admin API documents (`#graphql` tagged strings in app/),
 * against the 2026-10 schema read offline from @shopify/dev-mcp.
 */
import { ApiType, pluckConfig, preset } from '@shopify/api-codegen-preset';
import { API_VERSION } from './app/platform/shopify/api-version.ts';
import { adminSchemaJsonFile } from './app/platform/shopify/admin-schema.ts';

const schema = adminSchemaJsonFile(API_VERSION);
const documents = ['./app/**/*.{ts,tsx}', '!./app/types/**', '!./app/**/*.test.{ts,tsx}'];

export default {
  schema,
  documents,
  projects: {
    default: {
      schema,
      documents,
      extensions: {
        codegen: {
          pluckConfig,
          generates: {
            './app/types/admin.types.d.ts': {
              plugins: ['typescript'],
              config: { enumsAsTypes: true, useTypeImports: true },
            },
            './app/types/admin.generated.d.ts': {
              preset,
              presetConfig: { apiType: ApiType.Admin },
            },
          },
        },
      },
    },
  },
};
