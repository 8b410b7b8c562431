/**
 * Marketing activities that apps report from outside Shopify: the
 * MarketingActivity node (always external, owned by the devstore's app), its
 * list, and marketingActivityUpsertExternal (upsert by remoteId) with
 * Shopify's userErrors. Hierarchical activities (parents, levels) and URL
 * parameter values are not held by the record and fail loudly.
 */
import { createHash } from 'node:crypto';
import { connection } from '../engine/connection';
import { gid, parseGid } from '../engine/ids';
import { NotEmulatedError } from '../engine/strict-resolver';
import type { MarketingActivityRecord } from '../state/types';
import type { DevstoreContext } from './context';
import { fixed, moneyV2 } from './money';

const CHANNEL_LABELS: Record<string, string> = {
  DISPLAY: 'Display',
  EMAIL: 'Email',
  REFERRAL: 'Referral',
  SEARCH: 'Search',
  SOCIAL: 'Social',
};

const sentenceCase = (value: string) => {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function sourceAndMedium(activity: MarketingActivityRecord): string {
  const source = activity.utm
    ? sentenceCase(activity.utm.source)
    : (CHANNEL_LABELS[activity.marketingChannelType] ?? 'Other');
  return `${source} ${activity.tactic.toLowerCase().replace(/_/g, ' ')}`;
}

/** The devstore's app, as the owner of every activity it reports. */
function appNode({ devstore }: DevstoreContext) {
  const numericId = parseInt(createHash('sha256').update(devstore.app.apiKey).digest('hex').slice(0, 10), 16);
  return { __typename: 'App', id: gid('App', numericId), apiKey: devstore.app.apiKey };
}

export function marketingActivityNode(activity: MarketingActivityRecord, context: DevstoreContext) {
  const currencyCode = activity.budget?.currencyCode ?? context.state.shop.currencyCode;
  return {
    __typename: 'MarketingActivity',
    id: gid('MarketingActivity', activity.id),
    title: activity.title,
    status: activity.status,
    statusLabel: sentenceCase(activity.status),
    targetStatus: null,
    tactic: activity.tactic,
    marketingChannelType: activity.marketingChannelType,
    sourceAndMedium: sourceAndMedium(activity),
    utmParameters: activity.utm ? { ...activity.utm, content: null, term: null } : null,
    urlParameterValue: null,
    hierarchyLevel: null,
    parentActivityId: null,
    parentRemoteId: null,
    budget: activity.budget
      ? { budgetType: activity.budget.budgetType, total: moneyV2(activity.budget.amount, activity.budget.currencyCode) }
      : null,
    adSpend: activity.adSpend === null ? null : moneyV2(activity.adSpend, currencyCode),
    isExternal: true,
    app: () => appNode(context),
    appErrors: null,
    formData: null,
    createdAt: activity.createdAt,
    updatedAt: activity.updatedAt,
  };
}

export function marketingActivitiesConnection(args: Record<string, unknown>, context: DevstoreContext) {
  const ids = new Set(
    ((args.marketingActivityIds as string[] | null) ?? []).map((value) => Number(parseGid(value)?.id)),
  );
  const remoteIds = new Set((args.remoteIds as string[] | null) ?? []);
  const utm = args.utm as { source: string; medium: string; campaign: string } | null | undefined;
  const activities = [...context.state.marketingActivities.values()].filter(
    (activity) =>
      (ids.size === 0 || ids.has(activity.id)) &&
      (remoteIds.size === 0 || remoteIds.has(activity.remoteId)) &&
      (!utm ||
        (activity.utm?.source === utm.source &&
          activity.utm.medium === utm.medium &&
          activity.utm.campaign === utm.campaign)),
  );
  return connection(
    activities,
    { ...args, sortKey: (args.sortKey as string | null) ?? 'CREATED_AT' },
    {
      id: (activity) => gid('MarketingActivity', activity.id),
      node: (activity) => marketingActivityNode(activity, context),
      sortKeys: { CREATED_AT: (activity) => activity.createdAt, TITLE: (activity) => activity.title.toLowerCase() },
      searchFields: {
        id: (activity) => activity.id,
        title: (activity) => activity.title,
        tactic: (activity) => activity.tactic,
        created_at: (activity) => activity.createdAt,
        updated_at: (activity) => activity.updatedAt,
      },
      searchText: (activity) => activity.title,
    },
  );
}

interface MoneyInput {
  amount: string | number;
  currencyCode: string;
}

interface UpsertInput {
  title: string;
  remoteId: string;
  remoteUrl: string;
  status: string;
  tactic: string;
  marketingChannelType: string;
  utm?: { source: string; medium: string; campaign: string } | null;
  budget?: { budgetType?: string | null; total?: MoneyInput | null } | null;
  adSpend?: MoneyInput | null;
  start?: string | null;
  end?: string | null;
  urlParameterValue?: string | null;
  hierarchyLevel?: string | null;
  parentRemoteId?: string | null;
}

interface MarketingActivityUserError {
  field: string[];
  message: string;
  code: string;
}

const error = (path: string[], message: string, code: string): MarketingActivityUserError => ({
  field: ['input', ...path],
  message,
  code,
});

function refuseUnemulated(input: UpsertInput, context: DevstoreContext) {
  for (const field of ['urlParameterValue', 'hierarchyLevel', 'parentRemoteId'] as const) {
    if (input[field] != null) throw new NotEmulatedError('MarketingActivityUpsertExternalInput', field);
  }
  if (input.adSpend && !input.budget && input.adSpend.currencyCode !== context.state.shop.currencyCode) {
    throw new NotEmulatedError(
      'MarketingActivityUpsertExternalInput',
      'adSpend in a currency other than the shop’s without a budget',
    );
  }
}

function fieldErrors(input: UpsertInput): MarketingActivityUserError[] {
  const errors: MarketingActivityUserError[] = [];
  if (!input.title.trim()) errors.push(error(['title'], "Title can't be blank", 'INVALID'));
  if (!input.remoteId.trim()) errors.push(error(['remoteId'], "Remote ID can't be blank", 'INVALID_REMOTE_ID'));
  if (!URL.canParse(input.remoteUrl)) errors.push(error(['remoteUrl'], 'Remote URL is invalid', 'INVALID'));
  if (!input.utm) {
    errors.push(
      error(
        [],
        'Non-hierarchical marketing activities must have UTM parameters or a URL parameter value.',
        'NON_HIERARCHIAL_REQUIRES_UTM_URL_PARAMETER',
      ),
    );
  } else {
    for (const name of ['source', 'medium', 'campaign'] as const) {
      if (!input.utm[name].trim()) errors.push(error(['utm', name], `UTM ${name} can't be blank`, 'INVALID'));
    }
  }
  if (input.budget && !input.budget.total)
    errors.push(error(['budget', 'total'], "Budget total can't be blank", 'INVALID'));
  const budgetCurrency = input.budget?.total?.currencyCode;
  if (budgetCurrency && input.adSpend && input.adSpend.currencyCode !== budgetCurrency) {
    errors.push(
      error(['adSpend'], 'Currency code is not matching between budget and ad spend', 'CURRENCY_CODE_MISMATCH_INPUT'),
    );
  }
  return errors;
}

function conflictErrors(
  input: UpsertInput,
  existing: MarketingActivityRecord | undefined,
  { state }: DevstoreContext,
): MarketingActivityUserError[] {
  if (!input.utm) return [];
  const { utm } = input;
  if (
    existing?.utm &&
    (existing.utm.source !== utm.source || existing.utm.medium !== utm.medium || existing.utm.campaign !== utm.campaign)
  ) {
    return [error(['utm'], 'UTM parameters cannot be modified', 'IMMUTABLE_UTM_PARAMETERS')];
  }
  const clash = [...state.marketingActivities.values()].some(
    (activity) => activity.remoteId !== input.remoteId && activity.utm?.campaign === utm.campaign,
  );
  return clash
    ? [
        error(
          ['utm', 'campaign'],
          'A marketing activity with this UTM campaign already exists',
          'MARKETING_ACTIVITY_WITH_UTM_CAMPAIGN_ALREADY_EXISTS',
        ),
      ]
    : [];
}

const iso = (value: string | null | undefined) => (value ? new Date(value).toISOString() : null);

export function marketingActivityUpsertExternal(args: Record<string, unknown>, context: DevstoreContext) {
  const input = args.input as UpsertInput;
  refuseUnemulated(input, context);
  const { state } = context;
  const existing = [...state.marketingActivities.values()].find((activity) => activity.remoteId === input.remoteId);
  const userErrors = [...fieldErrors(input), ...conflictErrors(input, existing, context)];
  if (userErrors.length > 0) return { marketingActivity: null, userErrors };
  const now = state.now();
  const total = input.budget?.total;
  const fields = {
    remoteId: input.remoteId,
    title: input.title.trim(),
    status: input.status,
    tactic: input.tactic,
    marketingChannelType: input.marketingChannelType,
    remoteUrl: input.remoteUrl,
    utm: input.utm ? { source: input.utm.source, medium: input.utm.medium, campaign: input.utm.campaign } : null,
    // On an update, what the input leaves out stays as it was.
    budget:
      input.budget === undefined
        ? (existing?.budget ?? null)
        : total
          ? {
              amount: fixed(total.amount),
              currencyCode: total.currencyCode,
              budgetType: input.budget?.budgetType ?? 'LIFETIME',
            }
          : null,
    adSpend:
      input.adSpend === undefined ? (existing?.adSpend ?? null) : input.adSpend ? fixed(input.adSpend.amount) : null,
    startedAt: input.start === undefined ? (existing?.startedAt ?? null) : iso(input.start),
    endedAt: input.end === undefined ? (existing?.endedAt ?? null) : iso(input.end),
    updatedAt: now,
  };
  const activity: MarketingActivityRecord = existing
    ? Object.assign(existing, fields)
    : { id: state.nextId(), ...fields, createdAt: now };
  state.marketingActivities.set(activity.id, activity);
  return { marketingActivity: marketingActivityNode(activity, context), userErrors };
}
