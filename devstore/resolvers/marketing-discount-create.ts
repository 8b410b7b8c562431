/**
 * discountCodeBasicCreate: a code discount off the entire order, with
 * Shopify's DiscountUserErrors. Options the devstore's discount record cannot
 * hold (product or collection items, minimum requirements, customer
 * segments, combinations, tags) fail loudly rather than being dropped.
 */
import { NotEmulatedError } from '../engine/strict-resolver';
import type { DiscountRecord } from '../state/types';
import type { DevstoreContext } from './context';
import { discountByCode, discountCodeNode } from './marketing-discounts';
import { fixed } from './money';

interface DiscountCodeBasicInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  customerGets?: {
    value?: {
      percentage?: number | null;
      discountAmount?: { amount?: string | number | null; appliesOnEachItem?: boolean | null } | null;
      discountOnQuantity?: unknown;
    } | null;
    items?: { all?: boolean | null; products?: unknown; collections?: unknown } | null;
    appliesOnOneTimePurchase?: boolean | null;
    appliesOnSubscription?: boolean | null;
  } | null;
  combinesWith?: Record<string, unknown> | null;
  context?: { all?: string | null } | null;
  customerSelection?: { all?: boolean | null } | null;
  minimumRequirement?: unknown;
  recurringCycleLimit?: number | null;
  tags?: string[] | null;
}

interface DiscountUserError {
  field: string[];
  message: string;
  code: string;
  extraInfo: null;
}

const MAX_CODE_LENGTH = 255;

const error = (path: string[], message: string, code: string): DiscountUserError => ({
  field: ['basicCodeDiscount', ...path],
  message,
  code,
  extraInfo: null,
});

function refuseUnemulated(input: DiscountCodeBasicInput) {
  const refuse = (field: string) => {
    throw new NotEmulatedError('DiscountCodeBasicInput', field);
  };
  const gets = input.customerGets;
  if (gets?.items?.products || gets?.items?.collections) refuse('customerGets.items (only all items)');
  if (gets?.value?.discountOnQuantity) refuse('customerGets.value.discountOnQuantity');
  if (gets?.value?.discountAmount?.appliesOnEachItem) refuse('customerGets.value.discountAmount.appliesOnEachItem');
  if (gets?.appliesOnSubscription) refuse('customerGets.appliesOnSubscription');
  if (input.combinesWith && Object.values(input.combinesWith).some(Boolean)) refuse('combinesWith');
  if (input.context && !input.context.all) refuse('context (only all buyers)');
  if (input.customerSelection && !input.customerSelection.all) refuse('customerSelection (only all customers)');
  if (input.minimumRequirement) refuse('minimumRequirement');
  if (input.recurringCycleLimit != null) refuse('recurringCycleLimit');
  if (input.tags?.length) refuse('tags');
}

function valueErrors(gets: DiscountCodeBasicInput['customerGets']): DiscountUserError[] {
  const value = gets?.value;
  const path = ['customerGets', 'value'];
  if (!gets?.items?.all)
    return [
      error(['customerGets', 'items'], 'Items to which the discount applies must be specified', 'APPLIES_ON_NOTHING'),
    ];
  if (!value || (value.percentage == null && !value.discountAmount))
    return [error(path, 'A discount value is required', 'BLANK')];
  if (value.percentage != null && value.discountAmount)
    return [error(path, 'Only one of percentage or discountAmount can be given', 'TOO_MANY_ARGUMENTS')];
  if (value.percentage != null && (value.percentage < 0 || value.percentage > 1)) {
    return [error([...path, 'percentage'], 'Value must be between 0.0 and 1.0', 'VALUE_OUTSIDE_RANGE')];
  }
  const amount = value.discountAmount?.amount;
  if (value.discountAmount && !(Number(amount) > 0))
    return [error([...path, 'discountAmount', 'amount'], 'Value must be greater than 0', 'GREATER_THAN')];
  return [];
}

function validate(input: DiscountCodeBasicInput, context: DevstoreContext): DiscountUserError[] {
  const errors: DiscountUserError[] = [];
  const code = input.code?.trim() ?? '';
  if (!input.title?.trim()) errors.push(error(['title'], "Title can't be blank", 'BLANK'));
  if (!code) errors.push(error(['code'], "Code can't be blank", 'BLANK'));
  else if (code.length > MAX_CODE_LENGTH)
    errors.push(error(['code'], `Code is too long (maximum is ${MAX_CODE_LENGTH} characters)`, 'TOO_LONG'));
  else if (discountByCode(code, context))
    errors.push(error(['code'], 'Code must be unique. Please try a different code.', 'TAKEN'));
  if (!input.startsAt) errors.push(error(['startsAt'], "Starts at can't be blank", 'BLANK'));
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) < Date.parse(input.startsAt)) {
    errors.push(error(['endsAt'], 'Ends at needs to be after starts_at', 'END_DATE_BEFORE_START_DATE'));
  }
  if (input.usageLimit != null && input.usageLimit < 1)
    errors.push(error(['usageLimit'], 'Usage limit must be greater than 0', 'GREATER_THAN'));
  return [...errors, ...valueErrors(input.customerGets)];
}

const iso = (value: string) => new Date(value).toISOString();

export function discountCodeBasicCreate(args: Record<string, unknown>, context: DevstoreContext) {
  const input = args.basicCodeDiscount as DiscountCodeBasicInput;
  refuseUnemulated(input);
  const userErrors = validate(input, context);
  if (userErrors.length > 0) return { codeDiscountNode: null, userErrors };
  const { state } = context;
  const now = state.now();
  const value = input.customerGets?.value;
  const discount: DiscountRecord = {
    id: state.nextId(),
    title: (input.title as string).trim(),
    codes: [(input.code as string).trim()],
    kind: value?.percentage != null ? 'percentage' : 'amount',
    value:
      value?.percentage != null ? String(value.percentage) : fixed(value?.discountAmount?.amount as string | number),
    startsAt: iso(input.startsAt as string),
    endsAt: input.endsAt ? iso(input.endsAt) : null,
    usageLimit: input.usageLimit ?? null,
    appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
    createdAt: now,
    updatedAt: now,
  };
  state.discounts.set(discount.id, discount);
  return { codeDiscountNode: discountCodeNode(discount, context), userErrors };
}
