/**
 * An activity entry as a sentence in the reader's language: rendered at
 * display time from the stored verb, resource and details, through
 * activity.json ("activity.sentences.<resource type>.<verb>", with a
 * "_<operation>" variant per kind of bulk operation and an "_untitled"
 * variant when the resource has no title). Facts from the details
 * (amount, payment status, cancel reason…) follow after a dash. An entry
 * whose (resource type, verb) has no sentence shows its stored summary.
 * The English rendering is also what describeWebhook stores as the summary
 * (search text, CSV, fallback).
 */
import type { i18n as I18n } from 'i18next';
import type { ActivityView } from './types';

export type ActivityDetailValue = string | number | boolean | null;
/** Structured facts about an entry; never personal data (names go in actorName/resourceTitle). */
export type ActivityDetails = Record<string, ActivityDetailValue>;

export interface SentenceFields {
  verb: string;
  resourceType: string;
  resourceId: string | null;
  resourceTitle: string | null;
  summary: string;
  details: ActivityDetails | null;
}

/** The detail keys shown after the sentence, in this order, each with its formatting. */
const FACTS: { key: string; render: (i18n: I18n, details: ActivityDetails) => string | null }[] = [
  { key: 'amount', render: (i18n, details) => money(i18n.language, details.amount, details.currency) },
  { key: 'financialStatus', render: (i18n, details) => translated(i18n, 'financialStatus', details.financialStatus) },
  { key: 'cancelReason', render: (i18n, details) => translated(i18n, 'cancelReason', details.cancelReason) },
  {
    key: 'available',
    render: (i18n, details) =>
      typeof details.available === 'number'
        ? i18n.t('activity.facts.available', { quantity: details.available })
        : null,
  },
  { key: 'productStatus', render: (i18n, details) => translated(i18n, 'productStatus', details.productStatus) },
  { key: 'status', render: (i18n, details) => translated(i18n, 'status', details.status) },
  { key: 'priority', render: (i18n, details) => translated(i18n, 'priority', details.priority) },
  { key: 'errorCode', render: (_, details) => (typeof details.errorCode === 'string' ? details.errorCode : null) },
  {
    key: 'scopes',
    render: (i18n, details) =>
      typeof details.scopes === 'string' ? i18n.t('activity.facts.scopes', { scopes: details.scopes }) : null,
  },
];

function money(locale: string, amount: ActivityDetailValue | undefined, currency: ActivityDetailValue | undefined) {
  if (typeof amount !== 'string' || typeof currency !== 'string' || !Number.isFinite(Number(amount))) return null;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A status or reason word through activity.values.<group>.<value>, or the word itself. */
function translated(i18n: I18n, group: string, value: ActivityDetailValue | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const key = `activity.values.${group}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value.replace(/_/g, ' ');
}

/** The facts of an entry, formatted ("CA$84.00", "paid"), in FACTS order. */
function activityFacts(i18n: I18n, details: ActivityDetails | null): string[] {
  if (!details) return [];
  return FACTS.map((fact) => (fact.key in details ? fact.render(i18n, details) : null)).filter(
    (text): text is string => text !== null && text !== '',
  );
}

export function activitySentence(i18n: I18n, entry: SentenceFields): string {
  const key = `activity.sentences.${entry.resourceType}.${entry.verb}`;
  if (!i18n.exists(key)) return entry.summary;
  const details = entry.details ?? {};
  // A variant of the sentence, where activity.json has one: per kind of
  // operation, per Studio save (edit or rollback), or without a title.
  const variants = [
    typeof details.operation === 'string' ? details.operation : null,
    typeof details.studio === 'string' ? `studio_${details.studio}` : null,
    entry.resourceTitle ? null : 'untitled',
  ];
  const context = variants.find((variant) => variant !== null && i18n.exists(`${key}_${variant}`));
  // Sentences may name any detail ({{tag}}, {{version}}…); the resource's own fields come last.
  const values = Object.fromEntries(
    Object.entries(details).filter(([, value]) => typeof value === 'string' || typeof value === 'number'),
  );
  const base = i18n.t(key, {
    ...values,
    context: context ?? undefined,
    title: entry.resourceTitle ?? '',
    id: entry.resourceId ?? '',
    topic: typeof details.topic === 'string' ? details.topic : '',
  });
  const facts = activityFacts(i18n, entry.details);
  return facts.length > 0 ? `${base} — ${facts.join(', ')}` : base;
}

/** The sentence of an entry as the page, Today's card and the CSV export show it. */
export function entrySentence(i18n: I18n, entry: ActivityView): string {
  return activitySentence(i18n, {
    verb: entry.verb,
    resourceType: entry.resource.type,
    resourceId: entry.resource.id,
    resourceTitle: entry.resource.title,
    summary: entry.summary,
    details: entry.details,
  });
}
