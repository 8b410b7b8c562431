/**
 * The words of the activity log: who can act, what they can do, and to what.
 * The page's filters offer these; sentences are translated per
 * (resource type, verb) in app/i18n/locales/<locale>/activity.json. A Steward
 * area that records a new verb or resource type adds it here and its
 * sentence there (without one, the page shows the stored summary).
 */
export const ACTOR_TYPES = ['shopify', 'staff', 'steward', 'customer', 'app'] as const;

export const VERBS = [
  'created',
  'updated',
  'deleted',
  'placed',
  'paid',
  'cancelled',
  'refunded',
  'published',
  'unpublished',
  'completed',
  'failed',
  'uninstalled',
  'scopes_updated',
  'data_requested',
  'redaction_requested',
  'received',
  'replied',
  'noted',
  'status_changed',
  'priority_changed',
  'assigned',
  'unassigned',
  'tagged',
  'untagged',
  'rated',
] as const;

export const RESOURCE_TYPES = [
  'product',
  'order',
  'customer',
  'inventory',
  'theme',
  'bulk_operation',
  'app',
  'webhook',
  'article',
  'ticket',
  'inbox_template',
  'inbox_rule',
] as const;
