/** The Admin GraphQL documents the app sends: every `#graphql` string in app/ outside tests. */
import fs from 'node:fs';
import path from 'node:path';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { pluckConfig } from '@shopify/api-codegen-preset';
import { BULK_QUERIES } from '../../app/platform/sync/bulk-queries';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'types' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export interface AppDocument {
  file: string;
  /** The operation name, or the file for an anonymous one. */
  name: string;
  body: string;
}

export function appDocuments(): AppDocument[] {
  return sourceFiles(path.resolve('app')).flatMap((file) =>
    gqlPluckFromCodeStringSync(file, fs.readFileSync(file, 'utf8'), pluckConfig).map((source) => ({
      file: path.relative(process.cwd(), file),
      name: /\b(?:query|mutation)\s+(\w+)/.exec(source.body)?.[1] ?? path.relative(process.cwd(), file),
      body: source.body,
    })),
  );
}

/**
 * The queries the app hands to bulkOperationRunQuery: plain strings, not
 * `#graphql` documents, as Shopify runs them only inside a bulk operation.
 */
export function bulkQueryDocuments(): AppDocument[] {
  return Object.entries(BULK_QUERIES).map(([resource, body]) => ({
    file: 'app/platform/sync/bulk-queries.ts',
    name: `bulk ${resource}`,
    body,
  }));
}
