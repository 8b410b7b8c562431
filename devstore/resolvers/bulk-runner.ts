/**
 * Runs a bulk query the way Shopify's export does, in pieces: each root
 * connection is read BULK_PAGE_SIZE nodes at a time (nested connections in
 * full), each page is written out as JSONL at once, and the runner yields to
 * the event loop between pages, so the HTTP server keeps answering while a
 * 100k-order export runs. The operation's objectCount and rootObjectCount grow
 * page by page; a cancelled operation stops at the next page.
 */
import {
  execute,
  getNamedType,
  Kind,
  parse,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { isConnectionType } from '../engine/connection';
import { adminSchema } from '../engine/schema';
import { strictFieldResolver } from '../engine/strict-resolver';
import type { BulkOperationRecord } from '../state/types';
import { connectionsIn, toJsonl, type ConnectionShape, type JsonlCounts } from './bulk-shape';
import type { DevstoreContext } from './context';

/** Root nodes read per page (the largest page a connection serves). */
export const BULK_PAGE_SIZE = 250;
/** Response key of the pageInfo the runner adds to a root connection. */
const PAGE_INFO_KEY = 'devstoreBulkPage';
const PAGING_ARGUMENTS = new Set(['first', 'last', 'after', 'before']);

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The root connection field asking for one page after `after`, with its pageInfo. */
function pagedField(field: FieldNode, after: string | null): FieldNode {
  const args: ArgumentNode[] = (field.arguments ?? []).filter((arg) => !PAGING_ARGUMENTS.has(arg.name.value));
  args.push({
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'first' },
    value: { kind: Kind.INT, value: String(BULK_PAGE_SIZE) },
  });
  if (after)
    args.push({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'after' },
      value: { kind: Kind.STRING, value: after },
    });
  const pageInfo: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: PAGE_INFO_KEY },
    name: { kind: Kind.NAME, value: 'pageInfo' },
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: ['hasNextPage', 'endCursor'].map((name) => ({
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: name },
      })),
    },
  };
  return {
    ...field,
    arguments: args,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [...(field.selectionSet?.selections ?? []), pageInfo] },
  };
}

function documentFor(field: FieldNode, fragments: FragmentDefinitionNode[]): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
      },
      ...fragments,
    ],
  };
}

const isCanceled = (operation: BulkOperationRecord) =>
  operation.status === 'CANCELED' || operation.status === 'CANCELING';

/**
 * Runs the operation's query and returns its JSONL, or null when the
 * operation was cancelled meanwhile. Throws when the query fails.
 */
export async function runBulkQuery(operation: BulkOperationRecord, context: DevstoreContext): Promise<Buffer | null> {
  const { QUERY_ROOT } = await import('./index');
  const schema = adminSchema();
  const queryRoot = schema.getQueryType() as GraphQLObjectType;
  const document = parse(operation.query);
  const definition = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const counts: JsonlCounts = { objects: 0, roots: 0 };
  const chunks: Buffer[] = [];

  const run = async (field: FieldNode) => {
    const result = await execute({
      schema,
      document: documentFor(field, fragments),
      rootValue: QUERY_ROOT,
      contextValue: { ...context, bulk: true },
      fieldResolver: strictFieldResolver as never,
    });
    if (result.errors?.length || !result.data)
      throw new Error(result.errors?.map((error) => error.message).join('; ') ?? 'no data');
    return result.data as Record<string, unknown>;
  };
  const write = (data: Record<string, unknown>, shapes: ConnectionShape[]) => {
    const lines: string[] = [];
    toJsonl(data, shapes, lines, null, counts);
    if (lines.length > 0) chunks.push(Buffer.from(`${lines.join('\n')}\n`));
    operation.objectCount = counts.objects;
    operation.rootObjectCount = counts.roots;
  };

  for (const selection of definition.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD)
      throw new Error('The devstore runs bulk queries whose root selections are fields, not fragments');
    const type = getNamedType(queryRoot.getFields()[selection.name.value]?.type);
    // Its shape once for every page (the query was checked when the operation was created).
    const shapes = connectionsIn({ kind: Kind.SELECTION_SET, selections: [selection] }, queryRoot, 0, []);
    if (!type || !isConnectionType(type)) {
      // A root object holding connections (product(id:) { variants }): one piece.
      write(await run(selection), shapes);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    let after: string | null = null;
    do {
      if (isCanceled(operation)) return null;
      const data = await run(pagedField(selection, after));
      write(data, shapes);
      const pageInfo = (data[key] as Record<string, { hasNextPage: boolean; endCursor: string | null }>)[PAGE_INFO_KEY];
      after = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
      await yieldToEventLoop();
    } while (after);
  }
  if (isCanceled(operation)) return null;
  return Buffer.concat(chunks);
}
