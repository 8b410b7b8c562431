/**
 * Marketing: code discounts (DiscountCodeNode, DiscountNode) with
 * discountCodeBasicCreate, and external marketing activities with
 * marketingActivityUpsertExternal.
 */
import { searchPredicate } from '../engine/search-query';
import { parseGid } from '../engine/ids';
import type { DevstoreContext, ResolverModule } from './context';
import { discountCodeBasicCreate } from './marketing-discount-create';
import {
  discountByCode,
  discountByGid,
  discountSearch,
  discountCodeNode,
  discountNode,
  discountsConnection,
} from './marketing-discounts';
import {
  marketingActivitiesConnection,
  marketingActivityNode,
  marketingActivityUpsertExternal,
} from './marketing-activities';

function activity(id: number, context: DevstoreContext) {
  const record = context.state.marketingActivities.get(id);
  return record ? marketingActivityNode(record, context) : null;
}

/** discountNodesCount: the discounts a `query:` selects, capped at `limit`. */
function discountNodesCount(args: Record<string, unknown>, context: DevstoreContext) {
  const { searchFields = {}, searchText = () => '' } = discountSearch(context);
  const matches = searchPredicate(args.query as string | null, searchFields, searchText);
  const total = [...context.state.discounts.values()].filter(matches).length;
  const limit = args.limit as number | null;
  return limit !== null && total > limit
    ? { count: limit, precision: 'AT_LEAST' }
    : { count: total, precision: 'EXACT' };
}

export const marketing: ResolverModule = {
  query: {
    codeDiscountNodes: (args, context) => discountsConnection('DiscountCodeNode', args, context),
    codeDiscountNode: (args, context) => {
      const discount = discountByGid(args.id, 'DiscountCodeNode', context);
      return discount ? discountCodeNode(discount, context) : null;
    },
    codeDiscountNodeByCode: (args, context) => {
      const discount = discountByCode(String(args.code), context);
      return discount ? discountCodeNode(discount, context) : null;
    },
    discountNodes: (args, context) => discountsConnection('DiscountNode', args, context),
    discountNode: (args, context) => {
      const discount = discountByGid(args.id, 'DiscountNode', context);
      return discount ? discountNode(discount, context) : null;
    },
    discountNodesCount,
    marketingActivities: marketingActivitiesConnection,
    marketingActivity: (args, context) => {
      const parsed = parseGid(String(args.id));
      return parsed?.type === 'MarketingActivity' ? activity(Number(parsed.id), context) : null;
    },
  },
  mutation: {
    discountCodeBasicCreate,
    marketingActivityUpsertExternal,
  },
  nodes: {
    DiscountCodeNode: (id, context) => {
      const discount = context.state.discounts.get(id);
      return discount ? discountCodeNode(discount, context) : null;
    },
    DiscountNode: (id, context) => {
      const discount = context.state.discounts.get(id);
      return discount ? discountNode(discount, context) : null;
    },
    MarketingActivity: activity,
  },
};
