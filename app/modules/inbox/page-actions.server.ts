/**
 * The inbox pages' forms, parsed with zod and carried out through the
 * module API as the staff member using Steward (the session token names
 * them; Shopify's staff list gives their name):
 * - the list's bulk actions: a status or an assignee for the selected tickets;
 * - the ticket page: fill a template or preview a text for this ticket,
 *   reply, add a note, save the ticket's status, priority, assignee and tags.
 * Refused input comes back as field codes (422) for the page to show beside
 * the field, never as an error page; what was typed stays in the page.
 */
import { data } from '@remix-run/node';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import { stewardActor } from '~/modules/activity/record.server';
import type { RenderedView } from './components/types';
import { InboxInputError, InboxNotFoundError } from './errors';
import { MAX_BODY } from './inputs';
import { renderTemplate } from './render-template';
import { listStaff, type StaffMember } from './staff.server';
import {
  addNote,
  assign,
  reply,
  setPriority,
  setStatus,
  tag,
  TemplateProblemsError,
  untag,
  type InboxContext,
} from './ticket-changes.server';
import { templateValues } from './template-values.server';
import { requireTicket } from './tickets.server';
import { PRIORITIES, TICKET_STATUSES } from './vocabulary';

const MAX_BULK = 250;
const id = z.string().trim().max(100);
const text = z.string().max(MAX_BODY * 2);

/** The staff member using Steward, and the shop's staff (to name assignees). */
export async function staffContext({
  session,
  gateway,
  sessionToken,
}: AdminContext): Promise<{ ctx: InboxContext; staff: StaffMember[] }> {
  const staff = await listStaff(gateway);
  const actor = stewardActor(session, sessionToken);
  const name = actor.name ?? staff.find((member) => member.id === actor.id)?.name ?? null;
  return { ctx: { shop: session.shop, actor: { ...actor, name }, gateway }, staff };
}

/** Field codes from a refused form (422). */
function refused(intent: string, errors: Record<string, string>, extra: Record<string, unknown> = {}) {
  return data({ ok: false as const, intent, errors, ...extra }, { status: 422 });
}

function formObject(form: FormData) {
  return {
    intent: form.get('intent'),
    numbers: form.getAll('numbers'),
    tags: form.getAll('tags'),
    ...Object.fromEntries(
      ['status', 'priority', 'assigneeId', 'templateId', 'body'].map((key) => [key, form.get(key) ?? undefined]),
    ),
  };
}

// ─── The list's bulk actions ────────────────────────────────────────────────

const BulkForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('bulk-status'),
    numbers: z.array(z.coerce.number().int().positive()).min(1).max(MAX_BULK),
    status: z.enum(TICKET_STATUSES),
  }),
  z.object({
    intent: z.literal('bulk-assign'),
    numbers: z.array(z.coerce.number().int().positive()).min(1).max(MAX_BULK),
    assigneeId: id.default(''),
  }),
]);

export type BulkResult = { ok: true; updated: number; skipped: number } | { ok: false; errors: Record<string, string> };

export async function applyBulkForm(db: PrismaClient, request: Request, admin: AdminContext) {
  const parsed = BulkForm.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data<BulkResult>({ ok: false, errors: { form: 'invalid' } }, { status: 400 });
  const form = parsed.data;
  const { ctx, staff } = await staffContext(admin);
  let updated = 0;
  let skipped = 0;
  for (const number of new Set(form.numbers)) {
    try {
      if (form.intent === 'bulk-status') await setStatus(db, ctx, number, form.status);
      else {
        const member = staff.find((candidate) => candidate.id === form.assigneeId);
        await assign(db, ctx, number, form.assigneeId ? { id: form.assigneeId, name: member?.name ?? null } : null);
      }
      updated += 1;
    } catch (error) {
      // A closed ticket or one that is gone: the others still change.
      if (!(error instanceof InboxInputError || error instanceof InboxNotFoundError)) throw error;
      skipped += 1;
    }
  }
  return data<BulkResult>({ ok: true, updated, skipped });
}

// ─── The ticket page ────────────────────────────────────────────────────────

const TicketForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('render'), templateId: id.optional(), body: text.optional() }),
  z.object({
    intent: z.literal('reply'),
    body: text,
    templateId: id.optional(),
    status: z.enum(TICKET_STATUSES).optional(),
  }),
  z.object({ intent: z.literal('note'), body: text }),
  z.object({
    intent: z.literal('update'),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(PRIORITIES),
    assigneeId: id.default(''),
    tags: z.array(z.string().max(200)).max(50),
  }),
]);

export type TicketActionResult =
  | { ok: true; intent: 'render'; rendered: RenderedView }
  | { ok: true; intent: 'reply'; mailStatus: string | null }
  | { ok: true; intent: 'note' | 'update' }
  | { ok: false; intent: string; errors: Record<string, string>; problems?: RenderedView['problems'] };

async function renderForTicket(
  db: PrismaClient,
  ctx: InboxContext,
  number: number,
  templateId?: string,
  body?: string,
) {
  const template = templateId ? await db.inboxTemplate.findFirst({ where: { shop: ctx.shop, id: templateId } }) : null;
  if (templateId && !template) return refused('render', { templateId: 'invalid' });
  const ticket = await requireTicket(db, ctx.shop, number);
  const rendered = renderTemplate(template?.body ?? body ?? '', await templateValues(db, ctx.gateway ?? null, ticket));
  return data<TicketActionResult>({ ok: true, intent: 'render', rendered });
}

/** Saves the properties form: each change through the module (and its activity entry); the status last, as closing is final. */
async function updateTicket(
  db: PrismaClient,
  ctx: InboxContext,
  staff: StaffMember[],
  number: number,
  form: { status: string; priority: string; assigneeId: string; tags: string[] },
) {
  const ticket = await requireTicket(db, ctx.shop, number);
  const errors: Record<string, string> = {};
  const attempt = async (field: string, change: () => Promise<unknown>) => {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof InboxInputError)) throw error;
      errors[field] = Object.values(error.errors)[0] ?? 'invalid';
    }
  };
  if (form.priority !== ticket.priority) {
    await attempt('priority', () => setPriority(db, ctx, number, form.priority as (typeof PRIORITIES)[number]));
  }
  if (form.assigneeId !== (ticket.assigneeId ?? '')) {
    const member = staff.find((candidate) => candidate.id === form.assigneeId);
    await attempt('assigneeId', () =>
      assign(db, ctx, number, form.assigneeId ? { id: form.assigneeId, name: member?.name ?? null } : null),
    );
  }
  const wanted = new Set(form.tags.map((value) => value.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean));
  for (const value of ticket.tags.filter((existing) => !wanted.has(existing))) {
    await attempt('tags', () => untag(db, ctx, number, value));
  }
  for (const value of [...wanted].filter((wantedTag) => !ticket.tags.includes(wantedTag))) {
    await attempt('tags', () => tag(db, ctx, number, value));
  }
  if (form.status !== ticket.status) {
    await attempt('status', () => setStatus(db, ctx, number, form.status as (typeof TICKET_STATUSES)[number]));
  }
  if (Object.keys(errors).length > 0) return refused('update', errors);
  return data<TicketActionResult>({ ok: true, intent: 'update' });
}

export async function applyTicketForm(db: PrismaClient, request: Request, admin: AdminContext, number: number) {
  const parsed = TicketForm.safeParse(formObject(await request.formData()));
  if (!parsed.success) return refused('form', { form: 'invalid' });
  const form = parsed.data;
  const { ctx, staff } = await staffContext(admin);
  try {
    switch (form.intent) {
      case 'render':
        return await renderForTicket(db, ctx, number, form.templateId || undefined, form.body);
      case 'reply': {
        const result = await reply(db, ctx, number, {
          body: form.body,
          templateId: form.templateId || null,
          status: form.status ?? null,
        });
        return data<TicketActionResult>({ ok: true, intent: 'reply', mailStatus: result.message.mailStatus });
      }
      case 'note':
        await addNote(db, ctx, number, { body: form.body });
        return data<TicketActionResult>({ ok: true, intent: 'note' });
      case 'update':
        return await updateTicket(db, ctx, staff, number, form);
    }
  } catch (error) {
    if (error instanceof TemplateProblemsError) return refused(form.intent, error.errors, { problems: error.problems });
    if (error instanceof InboxInputError) return refused(form.intent, error.errors);
    if (error instanceof InboxNotFoundError) throw data({ problem: 'notFound' }, { status: 404 });
    throw error;
  }
}
