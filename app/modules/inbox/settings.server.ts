/**
 * The shop's reply templates and rules: list, save (create or update),
 * delete, each change logged to the activity log. A template may use only
 * the variables Steward knows (render-template.ts); names are unique per
 * shop. A rule's acknowledgement template must be one of the shop's.
 */
import { Prisma, type InboxRule, type InboxTemplate, type PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { InboxInputError, InboxNotFoundError } from './errors';
import { ruleSchema, templateSchema, zodErrors, type RuleInput, type TemplateInput } from './inputs';
import { renderTemplate, TEMPLATE_VARIABLES } from './render-template';
import { recordSettingActivity, type Actor } from './ticket-activity.server';

export interface SettingsContext {
  shop: string;
  actor: Actor;
}

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InboxInputError(zodErrors(parsed.error));
  return parsed.data;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

// ─── Templates ──────────────────────────────────────────────────────────────

export function listTemplates(db: PrismaClient, shop: string): Promise<InboxTemplate[]> {
  return db.inboxTemplate.findMany({ where: { shop }, orderBy: { name: 'asc' } });
}

export async function saveTemplate(
  db: PrismaClient,
  ctx: SettingsContext,
  input: TemplateInput,
): Promise<InboxTemplate> {
  const { id, name, body } = parse(templateSchema, input);
  // Every variable known: a value for each, so only unknown ones are reported.
  const filled = Object.fromEntries(TEMPLATE_VARIABLES.map((variable) => [variable, 'x']));
  if (renderTemplate(body, filled).problems.length > 0) throw new InboxInputError({ body: 'unknown_variable' });
  try {
    return await db.$transaction(async (tx) => {
      const existing = id ? await tx.inboxTemplate.findFirst({ where: { shop: ctx.shop, id } }) : null;
      if (id && !existing) throw new InboxNotFoundError(`No template ${id} in ${ctx.shop}`);
      const saved = existing
        ? await tx.inboxTemplate.update({
            where: { shop_name: { shop: ctx.shop, name: existing.name } },
            data: { name, body },
          })
        : await tx.inboxTemplate.create({ data: { shop: ctx.shop, name, body } });
      await recordSettingActivity(
        tx,
        ctx.shop,
        ctx.actor,
        { type: 'inbox_template', id: saved.id, title: saved.name },
        existing ? 'updated' : 'created',
        `Reply template “${saved.name}” ${existing ? 'updated' : 'created'}`,
      );
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InboxInputError({ name: 'taken' });
    throw error;
  }
}

export async function deleteTemplate(db: PrismaClient, ctx: SettingsContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const template = await tx.inboxTemplate.findFirst({ where: { shop: ctx.shop, id } });
    if (!template) throw new InboxNotFoundError(`No template ${id} in ${ctx.shop}`);
    await tx.inboxTemplate.deleteMany({ where: { shop: ctx.shop, id } });
    // Rules that acknowledged with it fall back to the default acknowledgement.
    await tx.inboxRule.updateMany({
      where: { shop: ctx.shop, acknowledgeTemplateId: id },
      data: { acknowledgeTemplateId: null },
    });
    await recordSettingActivity(
      tx,
      ctx.shop,
      ctx.actor,
      { type: 'inbox_template', id, title: template.name },
      'deleted',
      `Reply template “${template.name}” deleted`,
    );
  });
}

// ─── Rules ──────────────────────────────────────────────────────────────────

export function listRules(db: PrismaClient, shop: string): Promise<InboxRule[]> {
  return db.inboxRule.findMany({ where: { shop }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
}

export async function saveRule(db: PrismaClient, ctx: SettingsContext, input: RuleInput): Promise<InboxRule> {
  const rule = parse(ruleSchema, input);
  return db.$transaction(async (tx) => {
    if (rule.acknowledgeTemplateId) {
      const template = await tx.inboxTemplate.findFirst({ where: { shop: ctx.shop, id: rule.acknowledgeTemplateId } });
      if (!template) throw new InboxInputError({ acknowledgeTemplateId: 'invalid' });
    }
    const existing = rule.id ? await tx.inboxRule.findFirst({ where: { shop: ctx.shop, id: rule.id } }) : null;
    if (rule.id && !existing) throw new InboxNotFoundError(`No rule ${rule.id} in ${ctx.shop}`);
    const data = {
      name: rule.name,
      position: rule.position,
      enabled: rule.enabled,
      keywords: [...new Set(rule.keywords)],
      topic: rule.topic ?? null,
      addTags: [...new Set(rule.addTags)],
      setPriority: rule.setPriority ?? null,
      assigneeId: rule.assignee?.id ?? null,
      assigneeName: rule.assignee?.name ?? null,
      autoAcknowledge: rule.autoAcknowledge,
      acknowledgeTemplateId: rule.autoAcknowledge ? (rule.acknowledgeTemplateId ?? null) : null,
    };
    const saved = existing
      ? (await tx.inboxRule.updateMany({ where: { shop: ctx.shop, id: existing.id }, data }),
        await tx.inboxRule.findFirstOrThrow({ where: { shop: ctx.shop, id: existing.id } }))
      : await tx.inboxRule.create({ data: { shop: ctx.shop, ...data } });
    await recordSettingActivity(
      tx,
      ctx.shop,
      ctx.actor,
      { type: 'inbox_rule', id: saved.id, title: saved.name },
      existing ? 'updated' : 'created',
      `Inbox rule “${saved.name}” ${existing ? 'updated' : 'created'}`,
    );
    return saved;
  });
}

export async function deleteRule(db: PrismaClient, ctx: SettingsContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const rule = await tx.inboxRule.findFirst({ where: { shop: ctx.shop, id } });
    if (!rule) throw new InboxNotFoundError(`No rule ${id} in ${ctx.shop}`);
    await tx.inboxRule.deleteMany({ where: { shop: ctx.shop, id } });
    await recordSettingActivity(
      tx,
      ctx.shop,
      ctx.actor,
      { type: 'inbox_rule', id, title: rule.name },
      'deleted',
      `Inbox rule “${rule.name}” deleted`,
    );
  });
}
