/**
 * A channel's name for people: the UTM source / medium as the shop's links
 * carry it ("google / cpc"), Shopify's source names in words ("web" is the
 * online store), and "unknown" when the order says neither.
 */
import type { TFunction } from 'i18next';

const KNOWN_SOURCES = ['web', 'pos', 'shopify_draft_order', 'iphone', 'android'];

export function channelLabel(t: TFunction, channel: { kind: string; channel: string }): string {
  if (channel.kind === 'unknown' || channel.channel === '') return t('insights.channels.unknown');
  if (channel.kind === 'source' && KNOWN_SOURCES.includes(channel.channel))
    return t(`insights.channels.sources.${channel.channel}`);
  return channel.channel;
}

/** A key "kind:channel" (what findings name a channel by) as a label. */
export function channelKeyLabel(t: TFunction, key: string): string {
  const at = key.indexOf(':');
  return at < 0 ? key : channelLabel(t, { kind: key.slice(0, at), channel: key.slice(at + 1) });
}
