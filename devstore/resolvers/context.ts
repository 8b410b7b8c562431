/** What every resolver receives as the GraphQL context. */
import type { DevstoreState } from '../state/devstore-state';
import type { ShopState } from '../state/shop-state';

export interface DevstoreContext {
  devstore: DevstoreState;
  state: ShopState;
  /** Public base URL of the devstore (for CDN, upload and bulk result URLs). */
  baseUrl: string;
  /** True while a bulk operation runs: connections return every item. */
  bulk?: boolean;
}

/** A root field: called with the field's arguments and the context. */
export type RootField = (args: Record<string, unknown>, context: DevstoreContext) => unknown;

/** Resolves a gid's numeric id of one type to its node, or null. */
export type NodeLoader = (id: number, context: DevstoreContext) => unknown;

/** What each resolvers/<domain>.ts file contributes. */
export interface ResolverModule {
  query?: Record<string, RootField>;
  mutation?: Record<string, RootField>;
  /** GraphQL type name (as in the gid) → loader, for node/nodes. */
  nodes?: Record<string, NodeLoader>;
}
