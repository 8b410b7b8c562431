/**
 * Reply templates: plain text with {{variables}} filled from the ticket's
 * customer and order. Rendering never hides a problem: a variable that is
 * not one of TEMPLATE_VARIABLES, or that has no value for this ticket (no
 * order linked, a customer without a first name), stays in the text as
 * written and is reported, and a reply is not sent while any remains
 * (reply() in ticket-changes.server.ts refuses it). Shared by the server and
 * the reply box's preview.
 */

export const TEMPLATE_VARIABLES = [
  'customer.first_name',
  'customer.last_name',
  'customer.email',
  'order.name',
  'order.fulfillment_status',
  'order.financial_status',
  'order.total',
  'ticket.number',
  'shop.name',
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The values for one ticket, already formatted for the customer's language; null: not known for this ticket. */
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

export interface TemplateProblem {
  /** As written between the braces, trimmed. */
  variable: string;
  /** unknown: not a variable Steward knows; missing: known, but this ticket has no value for it. */
  reason: 'unknown' | 'missing';
}

export interface RenderedTemplate {
  text: string;
  problems: TemplateProblem[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

export function renderTemplate(body: string, values: TemplateValues): RenderedTemplate {
  const problems = new Map<string, TemplateProblem>();
  const text = body.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const variable = inner.trim();
    if (!KNOWN.has(variable)) {
      problems.set(variable, { variable, reason: 'unknown' });
      return placeholder;
    }
    const value = values[variable as TemplateVariable];
    if (value === null || value === undefined || value === '') {
      problems.set(variable, { variable, reason: 'missing' });
      return placeholder;
    }
    return value;
  });
  return { text, problems: [...problems.values()] };
}
