/**
 * The CSV export of a shop's filtered activity log, streamed: the rows are
 * read a batch at a time by keyset and written out as they come, so an
 * export of millions of entries never holds more than one batch in memory.
 * The sentence and headers are in the merchant's language; times in UTC and
 * in the shop's time zone.
 */
import type { PrismaClient } from '@prisma/client';
import type { i18n as I18n } from 'i18next';
import { logger } from '../../platform/logging/logger.server';
import { csvLine, UTF8_BOM } from './csv';
import type { ActivityFilters } from './filters';
import { actorLabel } from './labels';
import { shopHandle } from '~/platform/shopify/admin-links';
import { withMirrorTitles } from './mirror-titles.server';
import { activityBatches } from './query.server';
import { entrySentence } from './sentence';
import { dayOf } from './shop-dates';
import type { ActivityView } from './types';
import { activityView } from './view.server';

export interface ExportOptions {
  db: PrismaClient;
  shop: string;
  filters: ActivityFilters;
  timeZone: string;
  i18n: I18n;
  /** The shop's admin URL, for the links (adminBaseUrl). */
  adminBase: string;
  batchSize?: number;
}

const COLUMNS = [
  'occurredAtUtc',
  'localTime',
  'actor',
  'actorType',
  'event',
  'verb',
  'resourceType',
  'resourceId',
  'resourceTitle',
  'link',
  'source',
] as const;

function localTime(timeZone: string) {
  // sv-SE writes "2026-01-31 14:05:09": sortable, and read as a date by spreadsheets.
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
  return (iso: string) => format.format(new Date(iso));
}

function cells(entry: ActivityView, i18n: I18n, local: (iso: string) => string) {
  return [
    entry.occurredAt,
    local(entry.occurredAt),
    actorLabel(i18n, entry.actor),
    entry.actor.type,
    entrySentence(i18n, entry),
    entry.verb,
    entry.resource.type,
    entry.resource.id,
    entry.resource.title,
    entry.link?.href,
    entry.source,
  ];
}

/** "activity-maple-thread-2026-01-31.csv": the shop and the day of the export, in the shop's time zone. */
export function exportFilename(shop: string, timeZone: string, now = new Date()): string {
  return `activity-${shopHandle(shop)}-${dayOf(now, timeZone)}.csv`;
}

export function activityCsvStream({ db, shop, filters, timeZone, i18n, adminBase, batchSize }: ExportOptions) {
  const encoder = new TextEncoder();
  const local = localTime(timeZone);
  const batches = activityBatches(db, shop, filters, timeZone, batchSize);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const header = COLUMNS.map((column) => i18n.t(`activity.csv.${column}`));
      controller.enqueue(encoder.encode(UTF8_BOM + csvLine(header)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const rows = await withMirrorTitles(db, shop, next.value);
        const text = rows.map((row) => csvLine(cells(activityView(adminBase, row), i18n, local))).join('');
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        logger.error({ err: error, shop }, 'Activity export failed mid-stream');
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
