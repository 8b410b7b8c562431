/**
 * Findings as the merchant sees them: recomputed by the insights.findings job
 * (never on page load), listed, dismissed, snoozed and restored.
 *
 * - `recomputeFindings(db, shop, today)`: runs the rules (findings-rules.ts)
 *   over the last 28 complete days and stores the result by identity (shop,
 *   key): a finding still firing is updated in place and keeps its dismissal
 *   or snooze; one that stopped firing is marked resolved; one that fires
 *   again after being resolved is new again (first seen now, shown again).
 * - `listFindings(db, shop, { now, include, kind, limit })`: `open` (default)
 *   are the findings firing now, neither dismissed nor snoozed, highest score
 *   first; `hidden` the dismissed and snoozed ones (to undo); `all` every row.
 *   `countFindings` counts the same sets.
 * - `dismissFinding`, `snoozeFinding` (until a time, at most 90 days on),
 *   `restoreFinding`: by the finding's id, within the shop; false when the
 *   shop has no such finding (a 404 for the route).
 */
import type { Prisma, PrismaClient } from '@prisma/client';
import { readChannelSales } from './channels.server';
import {
  evaluateFindings,
  type FindingDraft,
  type FindingEvidence,
  type FindingKind,
  type FindingLink,
  type FindingRule,
} from './findings-rules';
import { readInventoryRisk } from './inventory-risk.server';
import { readSalesSummary } from './metrics.server';
import { addDays, previousPeriod, type LocalDate } from './periods';
import { readAllProductPerformance } from './products.server';

const FINDINGS_WINDOW_DAYS = 28;
export const MAX_SNOOZE_DAYS = 90;

export type FindingStatus = 'open' | 'dismissed' | 'snoozed' | 'resolved';

export interface Finding {
  id: string;
  key: string;
  rule: FindingRule;
  kind: FindingKind;
  subjectType: FindingDraft['subjectType'];
  subjectId: string | null;
  subjectTitle: string | null;
  evidence: FindingEvidence;
  links: FindingLink[];
  score: number;
  status: FindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  dismissedAt: Date | null;
  snoozedUntil: Date | null;
}

export class FindingInputError extends Error {
  override name = 'FindingInputError';
}

/** The findings drafted from the shop's rollups, as of `today` (no writes). */
async function draftFindings(db: PrismaClient, shop: string, today: LocalDate): Promise<FindingDraft[]> {
  const window = { start: addDays(today, -FINDINGS_WINDOW_DAYS), end: addDays(today, -1) };
  const summary = await readSalesSummary(db, shop, window);
  const products = await readAllProductPerformance(db, shop, window);
  const channels = await readChannelSales(db, shop, window);
  const inventory = await readInventoryRisk(db, shop, today);
  return evaluateFindings({ window, previousWindow: previousPeriod(window), summary, products, channels, inventory });
}

export interface RecomputeResult {
  firing: number;
  created: number;
  resolved: number;
}

export async function recomputeFindings(
  db: PrismaClient,
  shop: string,
  today: LocalDate,
  now: Date = new Date(),
): Promise<RecomputeResult> {
  const drafts = await draftFindings(db, shop, today);
  const stored = new Map(
    (await db.insightsFinding.findMany({ where: { shop }, select: { key: true, resolvedAt: true } })).map((row) => [
      row.key,
      row,
    ]),
  );
  let created = 0;
  const writes: Prisma.PrismaPromise<unknown>[] = drafts.map((draft) => {
    const fields = {
      rule: draft.rule,
      kind: draft.kind,
      subjectType: draft.subjectType,
      subjectId: draft.subjectId,
      subjectTitle: draft.subjectTitle,
      evidence: draft.evidence as unknown as Prisma.InputJsonValue,
      links: draft.links as unknown as Prisma.InputJsonValue,
      score: draft.score,
      lastSeenAt: now,
    };
    const previous = stored.get(draft.key);
    if (!previous || previous.resolvedAt) created += 1;
    // Firing again after it was resolved: a new occurrence, shown again.
    const reopened = previous?.resolvedAt
      ? { firstSeenAt: now, resolvedAt: null, dismissedAt: null, snoozedUntil: null }
      : {};
    return db.insightsFinding.upsert({
      where: { shop_key: { shop, key: draft.key } },
      create: { shop, key: draft.key, ...fields, firstSeenAt: now },
      update: { ...fields, ...reopened },
    });
  });
  const firingKeys = drafts.map((draft) => draft.key);
  writes.push(
    db.insightsFinding.updateMany({
      where: { shop, resolvedAt: null, key: { notIn: firingKeys } },
      data: { resolvedAt: now },
    }),
  );
  const results = await db.$transaction(writes);
  const resolved = (results[results.length - 1] as { count: number }).count;
  return { firing: drafts.length, created, resolved };
}

type Row = Prisma.InsightsFindingGetPayload<object>;

function statusOf(row: Row, now: Date): FindingStatus {
  if (row.resolvedAt) return 'resolved';
  if (row.dismissedAt) return 'dismissed';
  if (row.snoozedUntil && row.snoozedUntil > now) return 'snoozed';
  return 'open';
}

function toFinding(row: Row, now: Date): Finding {
  return {
    id: row.id,
    key: row.key,
    rule: row.rule as FindingRule,
    kind: row.kind as FindingKind,
    subjectType: row.subjectType as FindingDraft['subjectType'],
    subjectId: row.subjectId,
    subjectTitle: row.subjectTitle,
    evidence: row.evidence as unknown as FindingEvidence,
    links: row.links as unknown as FindingLink[],
    score: row.score,
    status: statusOf(row, now),
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    resolvedAt: row.resolvedAt,
    dismissedAt: row.dismissedAt,
    snoozedUntil: row.snoozedUntil,
  };
}

export interface ListOptions {
  now?: Date;
  include?: 'open' | 'hidden' | 'all';
  kind?: FindingKind;
  limit?: number;
}

function findingsWhere(
  shop: string,
  { now, include, kind }: { now: Date; include: ListOptions['include']; kind?: FindingKind },
): Prisma.InsightsFindingWhereInput {
  const firing = { resolvedAt: null };
  const notSnoozed = { OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] };
  const where: Prisma.InsightsFindingWhereInput =
    include === 'open'
      ? { shop, ...firing, dismissedAt: null, ...notSnoozed }
      : include === 'hidden'
        ? { shop, ...firing, OR: [{ dismissedAt: { not: null } }, { snoozedUntil: { gt: now } }] }
        : { shop };
  return kind ? { ...where, kind } : where;
}

export async function listFindings(db: PrismaClient, shop: string, options: ListOptions = {}): Promise<Finding[]> {
  const { now = new Date(), include = 'open', kind, limit = 50 } = options;
  const rows = await db.insightsFinding.findMany({
    where: findingsWhere(shop, { now, include, kind }),
    orderBy: [{ score: 'desc' }, { key: 'asc' }],
    take: limit,
  });
  return rows.map((row) => toFinding(row, now));
}

/** How many findings `listFindings` would list without a limit. */
export function countFindings(
  db: PrismaClient,
  shop: string,
  options: Omit<ListOptions, 'limit'> = {},
): Promise<number> {
  const { now = new Date(), include = 'open', kind } = options;
  return db.insightsFinding.count({ where: findingsWhere(shop, { now, include, kind }) });
}

export async function dismissFinding(db: PrismaClient, shop: string, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.insightsFinding.updateMany({ where: { shop, id }, data: { dismissedAt: now } });
  return count === 1;
}

export async function snoozeFinding(
  db: PrismaClient,
  shop: string,
  id: string,
  until: Date,
  now = new Date(),
): Promise<boolean> {
  if (!(until.getTime() > now.getTime())) throw new FindingInputError('A snooze must end in the future');
  if (until.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000)
    throw new FindingInputError(`A snooze lasts at most ${MAX_SNOOZE_DAYS} days`);
  const { count } = await db.insightsFinding.updateMany({ where: { shop, id }, data: { snoozedUntil: until } });
  return count === 1;
}

/** Undoes a dismissal or a snooze. */
export async function restoreFinding(db: PrismaClient, shop: string, id: string): Promise<boolean> {
  const { count } = await db.insightsFinding.updateMany({
    where: { shop, id },
    data: { dismissedAt: null, snoozedUntil: null },
  });
  return count === 1;
}
