/**
 * The query and mutation roots, merged from every domain module, and
 * node/nodes by gid over all of them.
 */
import { GraphQLError } from 'graphql';
import { parseGid } from '../engine/ids';
import { catalog } from './catalog';
import type { DevstoreContext, ResolverModule, RootField } from './context';
import { content } from './content';
import { marketing } from './marketing';
import { sales } from './sales';
import { shopResolvers } from './shop';
import { bulk } from './bulk';

const MODULES: ResolverModule[] = [shopResolvers, catalog, sales, content, marketing, bulk];

function merge(part: 'query' | 'mutation' | 'nodes') {
  const merged: Record<string, unknown> = {};
  for (const module of MODULES) {
    for (const [name, field] of Object.entries(module[part] ?? {})) {
      if (name in merged) throw new Error(`Two devstore modules define ${part} ${name}`);
      merged[name] = field;
    }
  }
  return merged;
}

const NODE_LOADERS = merge('nodes') as Record<string, (id: number, context: DevstoreContext) => unknown>;

export function loadNode(gidValue: string, context: DevstoreContext): unknown {
  const parsed = parseGid(gidValue);
  if (!parsed)
    throw new GraphQLError(`Invalid global id '${gidValue}'`, { extensions: { code: 'argumentLiteralsIncompatible' } });
  const loader = NODE_LOADERS[parsed.type];
  if (!loader)
    throw new GraphQLError(`The devstore does not emulate node lookups of ${parsed.type}`, {
      extensions: { code: 'NOT_EMULATED_BY_DEVSTORE' },
    });
  return loader(Number(parsed.id), context) ?? null;
}

const nodeFields: Record<string, RootField> = {
  node: (args, context) => loadNode(String(args.id), context),
  nodes: (args, context) => (args.ids as string[]).map((id) => loadNode(id, context)),
};

export const QUERY_ROOT = { ...merge('query'), ...nodeFields } as Record<string, RootField>;
export const MUTATION_ROOT = merge('mutation') as Record<string, RootField>;
