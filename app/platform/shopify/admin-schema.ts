/**
 * Shopify's Admin GraphQL schema for our API version, as shipped (gzipped
 * introspection JSON) in the pinned @shopify/dev-mcp package. Read offline by
 * codegen, the document validation test and the devstore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

function packageDir(name: string): string {
  // The package exports neither package.json nor a require() entry: look for
  // it in node_modules from here upwards, as Node would.
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Package ${name} is not installed`);
  }
}

export function adminSchemaGzipPath(version: string): string {
  return path.join(packageDir('@shopify/dev-mcp'), 'dist', 'data', `admin_${version}.json.gz`);
}

/** The introspection result (`{ data: { __schema } }`) as parsed JSON. */
export function readAdminIntrospection(version: string): { data: { __schema: unknown } } {
  return JSON.parse(gunzipSync(fs.readFileSync(adminSchemaGzipPath(version))).toString('utf8'));
}

/** Writes the introspection JSON under node_modules/.cache for tools that want a file. */
export function adminSchemaJsonFile(version: string): string {
  const target = path.resolve('node_modules/.cache/steward', `admin_${version}.json`);
  const source = adminSchemaGzipPath(version);
  if (!fs.existsSync(target) || fs.statSync(target).mtimeMs < fs.statSync(source).mtimeMs) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, gunzipSync(fs.readFileSync(source)));
  }
  return target;
}
