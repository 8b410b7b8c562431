/**
 * productSet's options and variants: the listed variants replace the
 * product's (by id they are updated, without one they are created, the
 * unlisted ones are deleted with their inventory). Supported per variant:
 * optionValues, price, compareAtPrice, sku, inventoryItem {cost, sku,
 * tracked}, inventoryQuantities (available/on_hand). Anything else is refused
 * with a userError naming the field.
 */
import { parseGid } from '../engine/ids';
import type { ShopState } from '../state/shop-state';
import type { ProductRecord, VariantRecord } from '../state/types';
import type { UserError } from './catalog-metafields';
import { optionId, optionValueId } from './catalog-nodes';
import { unsupportedFields, userError } from './catalog-product-input';
import { fixed } from './money';

interface OptionValueSetInput {
  id?: string | null;
  name?: string | null;
}

export interface OptionSetInput {
  id?: string | null;
  name?: string | null;
  position?: number | null;
  values?: OptionValueSetInput[] | null;
  [field: string]: unknown;
}

interface VariantOptionValueInput {
  id?: string | null;
  name?: string | null;
  optionId?: string | null;
  optionName?: string | null;
  [field: string]: unknown;
}

export interface VariantSetInput {
  id?: string | null;
  optionValues: VariantOptionValueInput[];
  price?: string | number | null;
  compareAtPrice?: string | number | null;
  sku?: string | null;
  inventoryItem?: {
    cost?: string | number | null;
    sku?: string | null;
    tracked?: boolean | null;
    [field: string]: unknown;
  } | null;
  inventoryQuantities?: { locationId: string; name: string; quantity: number }[] | null;
  [field: string]: unknown;
}

type Options = ProductRecord['options'];

export interface VariantPlan {
  input: VariantSetInput;
  existing: VariantRecord | null;
  selectedOptions: { name: string; value: string }[];
}

export const DEFAULT_OPTIONS: Options = [{ name: 'Title', values: ['Default Title'] }];
const MAX_OPTIONS = 3;
const MAX_VARIANTS = 2048;
const VARIANT_FIELDS = [
  'id',
  'optionValues',
  'price',
  'compareAtPrice',
  'sku',
  'inventoryItem',
  'inventoryQuantities',
  'position',
];
const QUANTITY_NAMES = ['available', 'on_hand'];

/** The option (1-based position) and value names an id derived in catalog-nodes stands for. */
function decodeOption(product: ProductRecord | null, id: string | null | undefined) {
  const position = product?.options.findIndex((_, index) => optionId(product.id, index + 1) === id) ?? -1;
  return position >= 0 ? product?.options[position] : undefined;
}

function decodeValue(product: ProductRecord | null, id: string | null | undefined): string | undefined {
  for (const [position, option] of (product?.options ?? []).entries()) {
    const index = option.values.findIndex((_, i) => product && optionValueId(product.id, position + 1, i) === id);
    if (index >= 0) return option.values[index];
  }
  return undefined;
}

/** The options in effect after productSet, or the errors in `productOptions`. */
export function planOptions(
  product: ProductRecord | null,
  inputs: OptionSetInput[] | null | undefined,
): { options: Options; errors: UserError[] } {
  if (!inputs) return { options: product?.options ?? DEFAULT_OPTIONS, errors: [] };
  const errors: UserError[] = [];
  if (inputs.length > MAX_OPTIONS)
    errors.push(
      userError(
        ['input', 'productOptions'],
        `Options count is over the allowed limit of ${MAX_OPTIONS}`,
        'OPTIONS_OVER_LIMIT',
      ),
    );
  const options = inputs.map((input, index) => {
    const path = ['input', 'productOptions', String(index)];
    errors.push(...unsupportedFields(input, ['id', 'name', 'position', 'values'], 'OptionSetInput', path));
    const name = input.name ?? decodeOption(product, input.id)?.name ?? '';
    if (!name) errors.push(userError([...path, 'name'], 'Option name is required', 'MISSING_FIELD_REQUIRED'));
    const values = (input.values ?? []).map((value) => value.name ?? decodeValue(product, value.id) ?? '');
    if (values.length === 0 || values.includes(''))
      errors.push(userError([...path, 'values'], 'Option values are missing', 'OPTION_VALUES_MISSING'));
    if (new Set(values).size !== values.length)
      errors.push(userError([...path, 'values'], 'Duplicated option value', 'DUPLICATED_OPTION_VALUE'));
    return { name, values };
  });
  if (new Set(options.map((option) => option.name)).size !== options.length) {
    errors.push(userError(['input', 'productOptions'], 'Duplicated option name', 'DUPLICATED_OPTION_NAME'));
  }
  return { options, errors };
}

const isAmount = (value: unknown) => value == null || /^\d+(\.\d+)?$/.test(String(value));

function selectedOptionsOf(input: VariantSetInput, options: Options, product: ProductRecord | null, path: string[]) {
  const errors: UserError[] = [];
  const selected = input.optionValues.map((entry, index) => {
    errors.push(
      ...unsupportedFields(entry, ['id', 'name', 'optionId', 'optionName'], 'VariantOptionValueInput', [
        ...path,
        'optionValues',
        String(index),
      ]),
    );
    const optionName = entry.optionName ?? decodeOption(product, entry.optionId)?.name;
    const option = options.find((candidate) => candidate.name === optionName);
    const value = entry.name ?? decodeValue(product, entry.id) ?? '';
    if (!option)
      errors.push(
        userError([...path, 'optionValues', String(index)], 'Option does not exist', 'OPTION_DOES_NOT_EXIST'),
      );
    else if (!option.values.includes(value)) {
      errors.push(
        userError(
          [...path, 'optionValues', String(index)],
          `Option value '${value}' does not exist`,
          'OPTION_VALUE_DOES_NOT_EXIST',
        ),
      );
    }
    return { name: optionName ?? '', value };
  });
  const ordered = options.map((option) => selected.find((entry) => entry.name === option.name));
  if (errors.length === 0 && (ordered.includes(undefined) || selected.length !== options.length)) {
    errors.push(
      userError(
        [...path, 'optionValues'],
        'The variant needs exactly one value for each option',
        'OPTION_VALUES_MISSING',
      ),
    );
  }
  return { selected: ordered.filter((entry) => entry !== undefined), errors };
}

function variantFieldErrors(
  input: VariantSetInput,
  product: ProductRecord | null,
  state: ShopState,
  path: string[],
): UserError[] {
  const errors = unsupportedFields(input, VARIANT_FIELDS, 'ProductVariantSetInput', path);
  if (input.id && !product?.variantIds.includes(Number(parseGid(input.id)?.id))) {
    errors.push(userError([...path, 'id'], 'Product variant does not exist', 'PRODUCT_VARIANT_DOES_NOT_EXIST'));
  }
  for (const field of ['price', 'compareAtPrice'] as const) {
    if (!isAmount(input[field]))
      errors.push(userError([...path, field], `${field} must be a non-negative decimal`, 'INVALID_VARIANT'));
  }
  if (input.inventoryItem) {
    errors.push(
      ...unsupportedFields(input.inventoryItem, ['cost', 'sku', 'tracked'], 'InventoryItemInput', [
        ...path,
        'inventoryItem',
      ]),
    );
    if (!isAmount(input.inventoryItem.cost))
      errors.push(
        userError([...path, 'inventoryItem', 'cost'], 'Cost must be a non-negative decimal', 'INVALID_VARIANT'),
      );
  }
  (input.inventoryQuantities ?? []).forEach((quantity, index) => {
    const at = [...path, 'inventoryQuantities', String(index)];
    if (!QUANTITY_NAMES.includes(quantity.name))
      errors.push(userError([...at, 'name'], `The devstore sets only ${QUANTITY_NAMES.join(' and ')} quantities`));
    if (!state.locations.has(Number(parseGid(quantity.locationId)?.id)))
      errors.push(userError([...at, 'locationId'], 'Location does not exist', 'NOT_FOUND'));
  });
  return errors;
}

/** Checks the variants against the options in effect; the plans when they are valid. */
export function planVariants(
  inputs: VariantSetInput[],
  options: Options,
  product: ProductRecord | null,
  state: ShopState,
): { plans: VariantPlan[]; errors: UserError[] } {
  const errors: UserError[] = [];
  if (inputs.length === 0)
    errors.push(userError(['input', 'variants'], 'At least one variant is required', 'VARIANTS_INPUT_MISSING'));
  if (inputs.length > MAX_VARIANTS)
    errors.push(
      userError(
        ['input', 'variants'],
        `Variants count is over the allowed limit of ${MAX_VARIANTS}`,
        'VARIANTS_OVER_LIMIT',
      ),
    );
  const seen = new Set<string>();
  const plans = inputs.map((input, index) => {
    const path = ['input', 'variants', String(index)];
    const { selected, errors: optionErrors } = selectedOptionsOf(input, options, product, path);
    errors.push(...variantFieldErrors(input, product, state, path), ...optionErrors);
    const title = selected.map((entry) => entry.value).join(' / ');
    if (optionErrors.length === 0 && seen.has(title))
      errors.push(userError(path, `The variant '${title}' already exists.`, 'INVALID_VARIANT'));
    seen.add(title);
    const existing = input.id ? (state.variants.get(Number(parseGid(input.id)?.id)) ?? null) : null;
    return { input, existing, selectedOptions: selected };
  });
  return { plans, errors };
}

function deleteVariant(variant: VariantRecord, state: ShopState): void {
  state.variants.delete(variant.id);
  state.inventoryItems.delete(variant.inventoryItemId);
  for (const level of state.inventoryLevels.values())
    if (level.inventoryItemId === variant.inventoryItemId) state.inventoryLevels.delete(level.id);
}

function setQuantities(
  itemId: number,
  quantities: VariantSetInput['inventoryQuantities'],
  state: ShopState,
  now: string,
): void {
  for (const quantity of quantities ?? []) {
    const locationId = Number(parseGid(quantity.locationId)?.id);
    const level = [...state.inventoryLevels.values()].find(
      (l) => l.inventoryItemId === itemId && l.locationId === locationId,
    );
    if (level) {
      Object.assign(level, { available: quantity.quantity, updatedAt: now });
    } else {
      const id = state.nextId();
      state.inventoryLevels.set(id, {
        id,
        inventoryItemId: itemId,
        locationId,
        available: quantity.quantity,
        updatedAt: now,
      });
    }
  }
}

function writeVariant(plan: VariantPlan, product: ProductRecord, state: ShopState): number {
  const { input } = plan;
  const now = state.now();
  const variant: VariantRecord = plan.existing ?? {
    id: state.nextId(),
    productId: product.id,
    title: '',
    sku: '',
    price: '0.00',
    compareAtPrice: null,
    selectedOptions: [],
    inventoryItemId: state.nextId(),
    createdAt: now,
    updatedAt: now,
  };
  const item = state.inventoryItems.get(variant.inventoryItemId) ?? {
    id: variant.inventoryItemId,
    variantId: variant.id,
    sku: '',
    unitCost: null,
    tracked: true,
    createdAt: now,
    updatedAt: now,
  };
  variant.selectedOptions = plan.selectedOptions;
  variant.title = plan.selectedOptions.map((entry) => entry.value).join(' / ');
  if (input.price != null) variant.price = fixed(input.price);
  if (input.compareAtPrice !== undefined)
    variant.compareAtPrice = input.compareAtPrice === null ? null : fixed(input.compareAtPrice);
  const sku = input.sku ?? input.inventoryItem?.sku;
  if (sku != null) variant.sku = item.sku = sku;
  if (input.inventoryItem?.cost !== undefined)
    item.unitCost = input.inventoryItem.cost === null ? null : fixed(input.inventoryItem.cost);
  if (input.inventoryItem?.tracked != null) item.tracked = input.inventoryItem.tracked;
  variant.updatedAt = item.updatedAt = now;
  state.variants.set(variant.id, variant);
  state.inventoryItems.set(item.id, item);
  setQuantities(item.id, input.inventoryQuantities, state, now);
  return variant.id;
}

/** Replaces the product's options and variants with validated plans. */
export function applyVariants(product: ProductRecord, options: Options, plans: VariantPlan[], state: ShopState): void {
  const kept = new Set(plans.map((plan) => plan.existing?.id));
  for (const id of product.variantIds) {
    const variant = state.variants.get(id);
    if (variant && !kept.has(id)) deleteVariant(variant, state);
  }
  product.options = options.map((option) => ({ name: option.name, values: [...option.values] }));
  product.variantIds = plans.map((plan) => writeVariant(plan, product, state));
}
