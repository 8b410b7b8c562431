/**
 * The findings form: dismiss, snooze (for a number of days) or restore a
 * finding, by its id, within the session's shop. Parsed with zod; a bad form
 * is a 400, a finding the shop does not have a 404 — both as data the page
 * shows in a toast, never a thrown error page.
 */
import { data } from '@remix-run/node';
import { z } from 'zod';
import prisma from '~/db.server';
import { dismissFinding, MAX_SNOOZE_DAYS, restoreFinding, snoozeFinding } from './findings.server';

const FindingForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('dismiss'), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('restore'), id: z.string().min(1).max(64) }),
  z.object({
    intent: z.literal('snooze'),
    id: z.string().min(1).max(64),
    days: z.coerce.number().int().min(1).max(MAX_SNOOZE_DAYS),
  }),
]);

export type FindingIntent = z.infer<typeof FindingForm>['intent'];

export type FindingActionResult =
  { ok: true; intent: FindingIntent; snoozedUntil: string | null } | { ok: false; error: 'invalid' | 'notFound' };

export async function applyFindingForm(shop: string, form: FormData, now: Date = new Date()) {
  const parsed = FindingForm.safeParse({
    intent: form.get('intent'),
    id: form.get('id'),
    days: form.get('days') ?? undefined,
  });
  if (!parsed.success) return data<FindingActionResult>({ ok: false, error: 'invalid' }, { status: 400 });
  const input = parsed.data;
  let found: boolean;
  let snoozedUntil: Date | null = null;
  switch (input.intent) {
    case 'dismiss':
      found = await dismissFinding(prisma, shop, input.id, now);
      break;
    case 'restore':
      found = await restoreFinding(prisma, shop, input.id);
      break;
    case 'snooze':
      snoozedUntil = new Date(now.getTime() + input.days * 86_400_000);
      found = await snoozeFinding(prisma, shop, input.id, snoozedUntil, now);
      break;
  }
  if (!found) return data<FindingActionResult>({ ok: false, error: 'notFound' }, { status: 404 });
  return data<FindingActionResult>({
    ok: true,
    intent: input.intent,
    snoozedUntil: snoozedUntil?.toISOString() ?? null,
  });
}
