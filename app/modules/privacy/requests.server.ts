/**
 * Customer privacy requests as the merchant sees them: the compliance
 * webhooks Shopify sent (customers/data_request, customers/redact), what
 * Steward did, and the data-request exports to download and pass on to the
 * customer. Every query names the shop.
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import type { CustomerDataExport } from '~/platform/compliance/compliance.server';

type Db = PrismaClient | Prisma.TransactionClient;

export const PAGE_SIZE = 50;

export type PrivacyTopic = 'customers/data_request' | 'customers/redact';

export interface PrivacyRequestView {
  id: string;
  topic: PrivacyTopic;
  customerId: string | null;
  /** The customer's e-mail as exported, while the export exists. */
  customerEmail: string | null;
  receivedAt: string;
  completedAt: string | null;
  /** ready: downloadable; erased: the customer was redacted since; none: not a data request, or not done yet. */
  exportState: 'ready' | 'erased' | 'none';
  downloadedAt: string | null;
}

export interface PrivacyPage {
  requests: PrivacyRequestView[];
  /** Cursor of the next (older) page, or null on the last page. */
  older: string | null;
}

const TOPICS: PrivacyTopic[] = ['customers/data_request', 'customers/redact'];

/** "<receivedAt ISO>_<id>": the last row of a page, newest first. */
export function parseCursor(cursor: string | null): { receivedAt: Date; id: string } | null {
  if (!cursor) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([\w-]+)$/.exec(cursor);
  const receivedAt = match ? new Date(match[1]!) : null;
  if (!match || !receivedAt || Number.isNaN(receivedAt.getTime())) {
    throw new Response('Bad page cursor', { status: 400 });
  }
  return { receivedAt, id: match[2]! };
}

function exportedEmail(exported: unknown): string | null {
  const rows = (exported as CustomerDataExport | null)?.data?.Customer;
  const email = rows?.[0]?.email;
  return typeof email === 'string' ? email : null;
}

export async function listPrivacyRequests(db: Db, shop: string, cursor: string | null): Promise<PrivacyPage> {
  const after = parseCursor(cursor);
  const rows = await db.complianceRequest.findMany({
    where: {
      shop,
      topic: { in: TOPICS },
      ...(after
        ? {
            OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      topic: true,
      customerId: true,
      receivedAt: true,
      completedAt: true,
      downloadedAt: true,
      export: true,
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    requests: page.map((row) => ({
      id: row.id,
      topic: row.topic as PrivacyTopic,
      customerId: row.customerId,
      customerEmail: exportedEmail(row.export),
      receivedAt: row.receivedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      exportState:
        row.topic !== 'customers/data_request' || !row.completedAt ? 'none' : row.export ? 'ready' : 'erased',
      downloadedAt: row.downloadedAt?.toISOString() ?? null,
    })),
    older: rows.length > PAGE_SIZE && last ? `${last.receivedAt.toISOString()}_${last.id}` : null,
  };
}

export async function shopHasPrivacyRequests(db: Db, shop: string): Promise<boolean> {
  return (await db.complianceRequest.count({ where: { shop, topic: { in: TOPICS } }, take: 1 })) > 0;
}

/**
 * A data request's export for download, marking when it was first
 * downloaded; null when the shop has no such export (never made, another
 * shop's, or erased by a later redaction).
 */
export async function takeExport(db: Db, shop: string, id: string): Promise<CustomerDataExport | null> {
  const request = await db.complianceRequest.findFirst({
    where: { shop, id, topic: 'customers/data_request' },
    select: { export: true, downloadedAt: true },
  });
  if (!request?.export) return null;
  if (!request.downloadedAt) {
    await db.complianceRequest.updateMany({
      where: { shop, id, downloadedAt: null },
      data: { downloadedAt: new Date() },
    });
  }
  return request.export as unknown as CustomerDataExport;
}

export function exportFilename(exported: CustomerDataExport): string {
  return `customer-${exported.customerId}-data-${exported.generatedAt.slice(0, 10)}.json`;
}
