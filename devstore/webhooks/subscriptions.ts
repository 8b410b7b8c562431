/**
 * The app's webhook subscriptions, read from shopify.app.toml as Shopify
 * reads them: every [[webhooks.subscriptions]] with `topics` and
 * `compliance_topics` and a `uri` (relative to the app URL, or absolute);
 * `webhooks.api_version` is sent as X-Shopify-API-Version.
 */
import fs from 'node:fs';
import { parse } from 'smol-toml';

export interface WebhookSubscription {
  topics: string[];
  /** Absolute URL the topic's webhooks are POSTed to. */
  url: string;
}

export interface WebhookConfig {
  apiVersion: string;
  subscriptions: WebhookSubscription[];
}

const DEFAULT_TOML = new URL('../../shopify.app.toml', import.meta.url);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function absolute(uri: string, appUrl: string | null): string | null {
  if (/^https?:\/\//.test(uri)) return uri;
  if (appUrl === null) return null;
  return `${appUrl.replace(/\/+$/, '')}/${uri.replace(/^\/+/, '')}`;
}

/** Parses the toml text; relative uris resolve against appUrl (and are left out without one). */
export function parseWebhookConfig(toml: string, appUrl: string | null): WebhookConfig {
  const config = parse(toml) as { webhooks?: { api_version?: unknown; subscriptions?: unknown } };
  const webhooks = config.webhooks ?? {};
  const entries = Array.isArray(webhooks.subscriptions) ? (webhooks.subscriptions as Record<string, unknown>[]) : [];
  return {
    apiVersion: typeof webhooks.api_version === 'string' ? webhooks.api_version : '2026-10',
    subscriptions: entries.flatMap((entry) => {
      const url = typeof entry.uri === 'string' ? absolute(entry.uri, appUrl) : null;
      return url ? [{ topics: [...strings(entry.topics), ...strings(entry.compliance_topics)], url }] : [];
    }),
  };
}

export function readWebhookConfig(appUrl: string | null, tomlPath: string | URL = DEFAULT_TOML): WebhookConfig {
  return parseWebhookConfig(fs.readFileSync(tomlPath, 'utf8'), appUrl);
}
