/**
 * The staff's inputs to the inbox, parsed with zod (shared by the module and
 * the pages' forms): replies, notes, tags, templates and rules. zodErrors
 * turns a failed parse into one code per field for InboxInputError.
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES, TOPICS } from './vocabulary';

export const MAX_BODY = 10_000;

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const optionalId = z.string().trim().min(1).max(100).nullish();

/** A tag: lower case, single spaces, at most 40 characters. */
export const tagSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'required').max(40, 'too_long'));

export const replySchema = z.object({
  body: text(MAX_BODY),
  templateId: optionalId,
  status: z.enum(TICKET_STATUSES).nullish(),
});
export type ReplyInput = z.input<typeof replySchema>;

export const noteSchema = z.object({ body: text(MAX_BODY) });

export const assigneeSchema = z
  .object({ id: z.string().trim().min(1).max(100), name: z.string().trim().max(120).nullish() })
  .nullable();
export type AssigneeInput = z.input<typeof assigneeSchema>;

export const templateSchema = z.object({
  id: optionalId,
  name: text(80),
  body: text(5_000),
});
export type TemplateInput = z.input<typeof templateSchema>;

export const ruleSchema = z.object({
  id: optionalId,
  name: text(80),
  position: z.number().int().min(0).max(10_000).default(0),
  enabled: z.boolean().default(true),
  keywords: z.array(text(60)).max(20, 'too_many').default([]),
  topic: z.enum(TOPICS).nullish(),
  addTags: z.array(tagSchema).max(10, 'too_many').default([]),
  setPriority: z.enum(PRIORITIES).nullish(),
  assignee: assigneeSchema.optional(),
  autoAcknowledge: z.boolean().default(false),
  acknowledgeTemplateId: optionalId,
});
export type RuleInput = z.input<typeof ruleSchema>;

/** One code per field (the first issue's), e.g. { body: 'required' }; nested paths joined with dots. */
export function zodErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'input';
    if (field in errors) continue;
    errors[field] =
      issue.message === 'required' || issue.message === 'too_long' || issue.message === 'too_many'
        ? issue.message
        : issue.code === 'too_small'
          ? 'required'
          : issue.code === 'too_big'
            ? 'too_long'
            : 'invalid';
  }
  return errors;
}
