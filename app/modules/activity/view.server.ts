/** An activity row as the page and the export use it: plain JSON, its link resolved against the shop's admin. */
import { activityLink } from './links';
import type { ActivityRow } from './query.server';
import type { ActivityDetails } from './sentence';
import type { ActivityView } from './types';

export type { ActivityView };

function detailsOf(value: ActivityRow['details']): ActivityDetails | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter(
    ([, detail]) => detail === null || ['string', 'number', 'boolean'].includes(typeof detail),
  );
  return Object.fromEntries(entries) as ActivityDetails;
}

export function activityView(adminBase: string, row: ActivityRow): ActivityView {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    verb: row.verb,
    resource: { type: row.resourceType, id: row.resourceId, title: row.resourceTitle },
    summary: row.summary,
    details: detailsOf(row.details),
    source: row.source,
    link: activityLink(adminBase, row.link),
  };
}
