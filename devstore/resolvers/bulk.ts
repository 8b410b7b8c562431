/**
 * Bulk operations: bulkOperationRunQuery validates the query as Shopify does
 * (at least one connection, at most 5, nested at most 2 deep), answers at once
 * with a CREATED operation, then runs it in the background (RUNNING →
 * COMPLETED or FAILED) and writes the result as Shopify's JSONL: one object a
 * line, each node of a nested connection on its own line with `__parentId`.
 * The file is served from the devstore CDN. Up to 5 run at once per shop.
 * Bulk work is not charged to the throttle bucket.
 */
import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  validate,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { connection } from '../engine/connection';
import { gid } from '../engine/ids';
import { adminSchema } from '../engine/schema';
import type { BulkOperationRecord } from '../state/types';
import type { DevstoreContext, ResolverModule } from './context';

export const MAX_CONCURRENT_BULK_OPERATIONS = 5;
const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;

/** Called when an operation finishes (part 2 delivers the bulk_operations/finish webhook from here). */
export type BulkFinishListener = (operation: BulkOperationRecord, context: DevstoreContext) => void;
const finishListeners = new Set<BulkFinishListener>();
export function onBulkOperationFinish(listener: BulkFinishListener): () => void {
  finishListeners.add(listener);
  return () => finishListeners.delete(listener);
}

function bulkNode(operation: BulkOperationRecord, context: DevstoreContext) {
  const url = operation.resultKey ? `${context.baseUrl}/cdn/${context.state.shop.domain}/${operation.resultKey}` : null;
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', operation.id),
    type: operation.type,
    status: operation.status,
    query: operation.query,
    errorCode: operation.errorCode,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.status === 'COMPLETED' ? url : null,
    partialDataUrl: operation.status === 'FAILED' ? url : null,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

interface ConnectionShape {
  /** Response key of the connection field. */
  key: string;
  /** Selection on one node (from `edges { node }` or `nodes`). */
  node: SelectionSetNode;
  /** The node's type. */
  type: GraphQLNamedType;
  children: ConnectionShape[];
}

function nodeSelection(
  field: FieldNode,
  type: GraphQLNamedType,
): { selection: SelectionSetNode; type: GraphQLNamedType } | null {
  if (!isObjectType(type) || !field.selectionSet) return null;
  for (const inner of field.selectionSet.selections) {
    if (inner.kind !== Kind.FIELD || !inner.selectionSet) continue;
    if (inner.name.value === 'nodes')
      return { selection: inner.selectionSet, type: getNamedType(type.getFields().nodes!.type) };
    if (inner.name.value === 'edges') {
      const edgeType = getNamedType(type.getFields().edges!.type);
      const node = inner.selectionSet.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'node',
      );
      if (node?.selectionSet && isObjectType(edgeType))
        return { selection: node.selectionSet, type: getNamedType(edgeType.getFields().node!.type) };
    }
  }
  return null;
}

/** Finds the connections of a bulk query, checking Shopify's limits. */
function connectionsIn(
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  depth: number,
  problems: string[],
): ConnectionShape[] {
  const found: ConnectionShape[] = [];
  if (!isObjectType(parent) && !('getFields' in parent)) return found;
  const fields = (parent as { getFields(): Record<string, { type: GraphQLOutputType }> }).getFields();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const definition = fields[selection.name.value];
    if (!definition) continue;
    const type = getNamedType(definition.type);
    if (isConnectionType(type)) {
      if (depth >= MAX_DEPTH)
        problems.push(`Bulk queries cannot contain connections nested more than ${MAX_DEPTH} levels deep.`);
      const node = nodeSelection(selection, type);
      if (!node) {
        problems.push(`The connection ${selection.name.value} must select edges { node } or nodes.`);
        continue;
      }
      found.push({
        key: selection.alias?.value ?? selection.name.value,
        node: node.selection,
        type: node.type,
        children: connectionsIn(node.selection, node.type, depth + 1, problems),
      });
    } else {
      // An object between connections (e.g. product { media }) keeps the nesting level.
      found.push(...connectionsIn(selection.selectionSet, type, depth, problems));
    }
  }
  return found;
}

function count(shapes: ConnectionShape[]): number {
  return shapes.reduce((sum, shape) => sum + 1 + count(shape.children), 0);
}

function nodesOf(value: unknown): Record<string, unknown>[] {
  const connectionValue = value as {
    nodes?: Record<string, unknown>[];
    edges?: { node: Record<string, unknown> }[];
  } | null;
  return connectionValue?.nodes ?? connectionValue?.edges?.map((edge) => edge.node) ?? [];
}

/** Writes a result tree as JSONL lines: nested connection nodes become their own lines. */
function toJsonl(
  data: Record<string, unknown>,
  shapes: ConnectionShape[],
  lines: string[],
  parentId: string | null,
): number {
  let objects = 0;
  for (const shape of shapes) {
    const holder = findConnectionHolder(data, shape.key);
    for (const node of nodesOf(holder?.[shape.key])) {
      const line: Record<string, unknown> = { ...node };
      for (const child of shape.children) removeConnection(line, child.key);
      if (parentId) line.__parentId = parentId;
      lines.push(JSON.stringify(line));
      objects += 1 + toJsonl(node, shape.children, lines, typeof node.id === 'string' ? node.id : parentId);
    }
  }
  return objects;
}

/** The object (data itself or an object field inside it) that holds the connection `key`. */
function findConnectionHolder(data: Record<string, unknown>, key: string): Record<string, unknown> | null {
  if (key in data) return data;
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const found = findConnectionHolder(value as Record<string, unknown>, key);
      if (found) return found;
    }
  }
  return null;
}

function removeConnection(object: Record<string, unknown>, key: string): void {
  const holder = findConnectionHolder(object, key);
  if (holder) delete holder[key];
}

async function runInBackground(operation: BulkOperationRecord, context: DevstoreContext, shapes: ConnectionShape[]) {
  const { execute } = await import('graphql');
  const { QUERY_ROOT } = await import('./index');
  const { strictFieldResolver } = await import('../engine/strict-resolver');
  operation.status = 'RUNNING';
  try {
    const result = await execute({
      schema: adminSchema(),
      document: parse(operation.query),
      rootValue: QUERY_ROOT,
      contextValue: { ...context, bulk: true },
      fieldResolver: strictFieldResolver as never,
    });
    if (result.errors?.length || !result.data)
      throw new Error(result.errors?.map((e) => e.message).join('; ') ?? 'no data');
    const lines: string[] = [];
    const objects = toJsonl(result.data as Record<string, unknown>, shapes, lines, null);
    const bytes = Buffer.from(lines.length ? `${lines.join('\n')}\n` : '');
    const key = `bulk/${operation.id}.jsonl`;
    context.state.files.set(key, { bytes, mimeType: 'application/jsonl' });
    operation.resultKey = key;
    operation.objectCount = objects;
    operation.rootObjectCount = lines.filter((line) => !line.includes('"__parentId"')).length;
    operation.fileSize = bytes.length;
    operation.status = 'COMPLETED';
  } catch {
    operation.status = 'FAILED';
    operation.errorCode = 'INTERNAL_SERVER_ERROR';
  }
  operation.completedAt = context.state.now();
  for (const listener of finishListeners) listener(operation, context);
}

function runQuery(args: Record<string, unknown>, context: DevstoreContext) {
  const query = String(args.query);
  const error = (message: string, code: 'INVALID' | 'LIMIT_REACHED' | 'OPERATION_IN_PROGRESS' = 'INVALID') => ({
    bulkOperation: null,
    userErrors: [{ field: ['query'], message, code }],
  });
  let operationNode: OperationDefinitionNode | undefined;
  try {
    const document = parse(query);
    const errors = validate(adminSchema(), document);
    if (errors.length) return error(`Invalid bulk query: ${errors.map((e) => e.message).join('; ')}`);
    operationNode = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch (parseError) {
    return error(`Invalid bulk query: ${(parseError as Error).message}`);
  }
  if (!operationNode || operationNode.operation !== 'query') return error('Bulk queries must be a query operation.');
  const problems: string[] = [];
  const shapes = connectionsIn(
    operationNode.selectionSet,
    adminSchema().getQueryType() as GraphQLNamedType,
    0,
    problems,
  );
  if (shapes.length === 0) problems.push('Bulk queries must contain at least one connection.');
  if (count(shapes) > MAX_CONNECTIONS)
    problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  if (problems.length) return error(problems.join(' '));

  const running = [...context.state.bulkOperations.values()].filter(
    (op) => op.status === 'CREATED' || op.status === 'RUNNING',
  );
  if (running.length >= MAX_CONCURRENT_BULK_OPERATIONS) {
    return error(
      `A shop can run at most ${MAX_CONCURRENT_BULK_OPERATIONS} bulk query operations at once.`,
      'LIMIT_REACHED',
    );
  }
  const operation: BulkOperationRecord = {
    id: context.state.nextId(),
    type: 'QUERY',
    status: 'CREATED',
    query,
    errorCode: null,
    objectCount: 0,
    rootObjectCount: 0,
    fileSize: null,
    resultKey: null,
    createdAt: context.state.now(),
    completedAt: null,
  };
  context.state.bulkOperations.set(operation.id, operation);
  setImmediate(() => void runInBackground(operation, context, shapes));
  return { bulkOperation: bulkNode(operation, context), userErrors: [] };
}

export const bulk: ResolverModule = {
  query: {
    bulkOperation: (args, context) => {
      const operation = context.state.bulkOperations.get(Number(String(args.id).split('/').pop()));
      return operation ? bulkNode(operation, context) : null;
    },
    bulkOperations: (args, context) =>
      connection([...context.state.bulkOperations.values()], args, {
        id: (operation) => gid('BulkOperation', operation.id),
        node: (operation) => bulkNode(operation, context),
        sortKeys: { CREATED_AT: (operation) => operation.createdAt },
        searchFields: {
          status: (operation) => operation.status,
          operation_type: (operation) => operation.type,
          created_at: (operation) => operation.createdAt,
        },
      }),
  },
  mutation: {
    bulkOperationRunQuery: runQuery,
    bulkOperationCancel: (args, context) => {
      const operation = context.state.bulkOperations.get(Number(String(args.id).split('/').pop()));
      if (!operation)
        return { bulkOperation: null, userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }] };
      if (operation.status !== 'CREATED' && operation.status !== 'RUNNING') {
        return {
          bulkOperation: bulkNode(operation, context),
          userErrors: [
            {
              field: ['id'],
              message: `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}`,
            },
          ],
        };
      }
      operation.status = 'CANCELED';
      operation.completedAt = context.state.now();
      return { bulkOperation: bulkNode(operation, context), userErrors: [] };
    },
  },
  nodes: {
    BulkOperation: (id, context) => {
      const operation = context.state.bulkOperations.get(id);
      return operation ? bulkNode(operation, context) : null;
    },
  },
};
