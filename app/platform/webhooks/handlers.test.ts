/** The handler registry covers exactly the topics shopify.app.toml subscribes to. */
import fs from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { composeHandlers, WEBHOOK_HANDLERS } from './handlers.server';
import type { WebhookHandler } from './types';

const toml = parse(fs.readFileSync('shopify.app.toml', 'utf8')) as {
  webhooks: { subscriptions: { topics?: string[]; compliance_topics?: string[] }[] };
};
const subscribed = toml.webhooks.subscriptions.flatMap((entry) => [
  ...(entry.topics ?? []),
  ...(entry.compliance_topics ?? []),
]);

describe('webhook handlers', () => {
  it('has a handler for every subscribed topic, and none for a topic nobody subscribed to', () => {
    expect(Object.keys(WEBHOOK_HANDLERS).sort()).toEqual([...subscribed].sort());
    for (const handlers of Object.values(WEBHOOK_HANDLERS)) expect(handlers.length).toBeGreaterThan(0);
  });

  it('runs every area’s handler for a topic several areas act on, in the order the registries are listed', () => {
    const first: WebhookHandler = async () => {};
    const second: WebhookHandler = async () => {};
    const composed = composeHandlers({ 'orders/paid': first }, { 'orders/paid': second, 'orders/create': second });
    expect(composed).toEqual({ 'orders/paid': [first, second], 'orders/create': [second] });
  });
});
