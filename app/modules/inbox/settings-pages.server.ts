/**
 * The inbox settings pages: the overview (e-mail set up or not, first-reply
 * targets, templates, rules) and the edit page of one template or rule
 * ("new" for a new one), with their forms parsed with zod and saved or
 * deleted through the module API as the staff member using Steward.
 */
import { data } from '@remix-run/node';
import type { InboxRule, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { env } from '~/env.server';
import type { AdminContext } from '~/platform/shopify/admin-request.server';
import type { RuleView, TemplateView } from './components/types';
import { InboxInputError, InboxNotFoundError } from './errors';
import type { RuleInput } from './inputs';
import { mailConfigured } from './mail.server';
import { staffContext } from './page-actions.server';
import { deleteRule, deleteTemplate, listRules, listTemplates, saveRule, saveTemplate } from './settings.server';
import { listStaff } from './staff.server';
import { SLA_HOURS } from './vocabulary';

const NEW = 'new';

const notFound = () => data({ problem: 'notFound' }, { status: 404 });

function ruleView(rule: InboxRule): RuleView {
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    enabled: rule.enabled,
    keywords: rule.keywords,
    topic: rule.topic,
    addTags: rule.addTags,
    setPriority: rule.setPriority,
    assigneeId: rule.assigneeId,
    assigneeName: rule.assigneeName,
    autoAcknowledge: rule.autoAcknowledge,
    acknowledgeTemplateId: rule.acknowledgeTemplateId,
  };
}

const templateView = ({ id, name, body }: TemplateView): TemplateView => ({ id, name, body });

export async function loadSettings(db: PrismaClient, shop: string) {
  const [templates, rules] = await Promise.all([listTemplates(db, shop), listRules(db, shop)]);
  return {
    emailConfigured: mailConfigured(),
    mailFrom: env.MAIL_FROM ?? null,
    slaHours: SLA_HOURS,
    templates: templates.map(templateView),
    rules: rules.map(ruleView),
  };
}

export async function loadTemplatePage(db: PrismaClient, shop: string, id: string) {
  if (id === NEW) return { template: null };
  const template = await db.inboxTemplate.findFirst({ where: { shop, id } });
  if (!template) throw notFound();
  return { template: templateView(template) };
}

export async function loadRulePage(db: PrismaClient, { session, gateway }: AdminContext, id: string) {
  const shop = session.shop;
  const [rules, templates, staff] = await Promise.all([
    listRules(db, shop),
    listTemplates(db, shop),
    listStaff(gateway),
  ]);
  const rule = id === NEW ? null : rules.find((candidate) => candidate.id === id);
  if (rule === undefined) throw notFound();
  return {
    rule: rule && ruleView(rule),
    nextPosition: rules.reduce((highest, candidate) => Math.max(highest, candidate.position + 1), 0),
    templates: templates.map(templateView),
    staff,
  };
}

export type SettingsActionResult =
  | { ok: true; intent: 'save' | 'delete'; id: string | null }
  | { ok: false; intent: 'save' | 'delete'; errors: Record<string, string> };

const Intent = z.enum(['save', 'delete']);
const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};
/** "a, b ,, c" → ["a", "b", "c"]. */
const commaList = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);

async function settle(intent: 'save' | 'delete', work: () => Promise<string | null>) {
  try {
    return data<SettingsActionResult>({ ok: true, intent, id: await work() });
  } catch (error) {
    if (error instanceof InboxInputError) {
      return data<SettingsActionResult>({ ok: false, intent, errors: error.errors }, { status: 422 });
    }
    if (error instanceof InboxNotFoundError) throw notFound();
    throw error;
  }
}

export async function applyTemplateForm(db: PrismaClient, request: Request, admin: AdminContext, id: string) {
  const form = await request.formData();
  const intent = Intent.safeParse(form.get('intent'));
  if (!intent.success || (intent.data === 'delete' && id === NEW)) {
    return data<SettingsActionResult>({ ok: false, intent: 'save', errors: { form: 'invalid' } }, { status: 400 });
  }
  const { ctx } = await staffContext(admin);
  if (intent.data === 'delete') return settle('delete', async () => (await deleteTemplate(db, ctx, id), null));
  return settle('save', async () => {
    const saved = await saveTemplate(db, ctx, {
      id: id === NEW ? null : id,
      name: field(form, 'name') ?? '',
      body: field(form, 'body') ?? '',
    });
    return saved.id;
  });
}

export async function applyRuleForm(db: PrismaClient, request: Request, admin: AdminContext, id: string) {
  const form = await request.formData();
  const intent = Intent.safeParse(form.get('intent'));
  if (!intent.success || (intent.data === 'delete' && id === NEW)) {
    return data<SettingsActionResult>({ ok: false, intent: 'save', errors: { form: 'invalid' } }, { status: 400 });
  }
  const { ctx, staff } = await staffContext(admin);
  if (intent.data === 'delete') return settle('delete', async () => (await deleteRule(db, ctx, id), null));
  const assigneeId = field(form, 'assigneeId')?.trim();
  const position = Number(field(form, 'position') ?? '0');
  return settle('save', async () => {
    const saved = await saveRule(db, ctx, {
      id: id === NEW ? null : id,
      name: field(form, 'name') ?? '',
      position: Number.isFinite(position) ? position : -1,
      enabled: field(form, 'enabled') === 'true',
      keywords: commaList(field(form, 'keywords')),
      topic: (field(form, 'topic') || null) as RuleInput['topic'],
      addTags: commaList(field(form, 'addTags')),
      setPriority: (field(form, 'setPriority') || null) as RuleInput['setPriority'],
      assignee: assigneeId
        ? { id: assigneeId, name: staff.find((member) => member.id === assigneeId)?.name ?? null }
        : null,
      autoAcknowledge: field(form, 'autoAcknowledge') === 'true',
      acknowledgeTemplateId: field(form, 'acknowledgeTemplateId') || null,
    });
    return saved.id;
  });
}
