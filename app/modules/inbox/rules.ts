/**
 * Rules run on every new ticket, in position order. A rule matches when its
 * topic (if set) is the ticket's and any of its keywords (if any) appears in
 * the subject or the message as a whole word or phrase, case and accents
 * ignored ("remboursé" matches "rembourse"). Every matching rule applies:
 * tags add up, the most urgent priority any of them sets wins (none sets
 * one: normal; so a rule can also lower it), the first rule that names an
 * assignee assigns, the first rule with auto-acknowledge on sends its
 * acknowledgement. A rule with neither topic nor keywords matches every
 * ticket (e.g. "acknowledge everything").
 */
import type { InboxPriority } from '@prisma/client';
import { mostUrgent } from './vocabulary';

export interface RuleSpec {
  id: string;
  name: string;
  enabled: boolean;
  keywords: string[];
  topic: string | null;
  addTags: string[];
  setPriority: InboxPriority | null;
  assigneeId: string | null;
  assigneeName: string | null;
  autoAcknowledge: boolean;
  acknowledgeTemplateId: string | null;
}

export interface TicketFacts {
  subject: string;
  message: string;
  topic: string | null;
}

export interface RuleOutcome {
  tags: string[];
  priority: InboxPriority;
  assignee: { id: string; name: string | null } | null;
  /** Send an acknowledgement: from this template, or the default text when null. */
  acknowledge: { templateId: string | null } | null;
  /** The rules that matched, in order. */
  matched: { id: string; name: string }[];
}

/** Lower case, accents removed, runs of spaces as one. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

function mentions(folded: string, keyword: string): boolean {
  const needle = foldText(keyword);
  if (!needle) return false;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(needle)}(?:$|[^\\p{L}\\p{N}])`, 'u').test(folded);
}

export function ruleMatches(
  rule: RuleSpec,
  facts: TicketFacts,
  folded = foldText(`${facts.subject}\n${facts.message}`),
) {
  if (!rule.enabled) return false;
  if (rule.topic && rule.topic !== facts.topic) return false;
  return rule.keywords.length === 0 || rule.keywords.some((keyword) => mentions(folded, keyword));
}

export function applyRules(rules: readonly RuleSpec[], facts: TicketFacts): RuleOutcome {
  const folded = foldText(`${facts.subject}\n${facts.message}`);
  const outcome: RuleOutcome = { tags: [], priority: 'normal', assignee: null, acknowledge: null, matched: [] };
  let prioritySet = false;
  for (const rule of rules) {
    if (!ruleMatches(rule, facts, folded)) continue;
    outcome.matched.push({ id: rule.id, name: rule.name });
    for (const tag of rule.addTags) if (!outcome.tags.includes(tag)) outcome.tags.push(tag);
    if (rule.setPriority) {
      outcome.priority = prioritySet ? mostUrgent(outcome.priority, rule.setPriority) : rule.setPriority;
      prioritySet = true;
    }
    if (!outcome.assignee && rule.assigneeId) outcome.assignee = { id: rule.assigneeId, name: rule.assigneeName };
    if (!outcome.acknowledge && rule.autoAcknowledge) {
      outcome.acknowledge = { templateId: rule.acknowledgeTemplateId };
    }
  }
  return outcome;
}
