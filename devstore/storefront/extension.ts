/**
 * Steward's theme app extension (extensions/steward-theme) as the storefront
 * renders it: each block's Liquid and {% schema %}, its settings' defaults, the
 * storefront translations, and the assets with a version for their URLs. Read
 * from disk on every use, so an edit shows on the next page load.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_DIR = fileURLToPath(new URL('../../extensions/steward-theme', import.meta.url));
/** The extension's handle in app block types (shopify://apps/<app>/blocks/<block>/<uuid>). */
export const APP_HANDLE = 'steward';

export interface BlockSetting {
  id?: string;
  type: string;
  default?: unknown;
}

export interface BlockSchema {
  name: string;
  target: 'section' | 'body' | 'head';
  settings?: BlockSetting[];
}

export interface ExtensionBlock {
  name: string;
  source: string;
  schema: BlockSchema;
}

export type Translations = { [key: string]: string | Translations };

export function readBlock(name: string, dir = EXTENSION_DIR): ExtensionBlock | null {
  const file = path.join(dir, 'blocks', `${name}.liquid`);
  if (!/^[a-z0-9-]+$/.test(name) || !fs.existsSync(file)) return null;
  const source = fs.readFileSync(file, 'utf8');
  const json = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source)?.[1];
  if (json === undefined) throw new Error(`${file} has no {% schema %}`);
  return { name, source, schema: JSON.parse(json) as BlockSchema };
}

/** The settings a block has when the merchant adds it and changes nothing. */
export function defaultSettings(schema: BlockSchema): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue;
    settings[setting.id] = setting.default ?? (setting.type === 'checkbox' ? false : '');
  }
  return settings;
}

/** The storefront translations of a locale (fr.json, or en.default.json for the default). */
export function readTranslations(dir = EXTENSION_DIR): { defaultLocale: string; locales: Map<string, Translations> } {
  const locales = new Map<string, Translations>();
  let defaultLocale = 'en';
  for (const file of fs.readdirSync(path.join(dir, 'locales'))) {
    const match = /^([a-zA-Z-]+)(\.default)?\.json$/.exec(file);
    if (!match) continue; // *.schema.json: the theme editor's, not the storefront's
    locales.set(
      match[1] as string,
      JSON.parse(fs.readFileSync(path.join(dir, 'locales', file), 'utf8')) as Translations,
    );
    if (match[2]) defaultLocale = match[1] as string;
  }
  return { defaultLocale, locales };
}

/** An asset's bytes and a short hash of them for `?v=` (the URL changes when the file does). */
export function readAsset(name: string, dir = EXTENSION_DIR): { bytes: Buffer; version: string } | null {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return null;
  const file = path.join(dir, 'assets', name);
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  return { bytes, version: createHash('sha256').update(bytes).digest('hex').slice(0, 12) };
}
