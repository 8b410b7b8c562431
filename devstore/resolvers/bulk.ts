/**
 * Bulk operations: bulkOperationRunQuery validates the query as Shopify does
 * (at least one connection, at most 5, nested at most 2 deep, none inside a
 * list field), answers at once with a CREATED operation, then runs it in the
 * background (RUNNING → COMPLETED, FAILED or CANCELED) and writes the result
 * as Shopify's JSONL: one object a line, each node of a nested connection on
 * its own line with `__parentId`. The file is served from the devstore CDN.
 * Up to 5 run at once per shop. Bulk work is not charged to the throttle bucket.
 *
 * A root connection is read a page at a time (bulk-runner.ts), and the runner
 * yields to the event loop between pages, so an operation over 100k orders
 * neither builds one giant result tree nor holds the devstore's HTTP server
 * while it runs; objectCount grows as it goes, as Shopify's does.
 */
import { Kind, parse, validate, type GraphQLNamedType, type OperationDefinitionNode } from 'graphql';
import { connection } from '../engine/connection';
import { gid } from '../engine/ids';
import { adminSchema } from '../engine/schema';
import type { BulkOperationRecord } from '../state/types';
import { runBulkQuery } from './bulk-runner';
import { connectionsIn, countConnections, MAX_CONNECTIONS } from './bulk-shape';
import type { DevstoreContext, ResolverModule } from './context';

export const MAX_CONCURRENT_BULK_OPERATIONS = 5;

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
    // As on Shopify, an operation that found nothing has no file.
    url: operation.status === 'COMPLETED' && operation.objectCount > 0 ? url : null,
    partialDataUrl: operation.status === 'FAILED' ? url : null,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

async function runInBackground(operation: BulkOperationRecord, context: DevstoreContext) {
  operation.status = 'RUNNING';
  try {
    const bytes = await runBulkQuery(operation, context);
    // Cancelled meanwhile: bulkOperationCancel has settled it.
    if (!bytes) return;
    const key = `bulk/${operation.id}.jsonl`;
    context.state.files.set(key, { bytes, mimeType: 'application/jsonl' });
    operation.resultKey = key;
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
  if (countConnections(shapes) > MAX_CONNECTIONS)
    problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  if (problems.length) return error([...new Set(problems)].join(' '));

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
  setImmediate(() => void runInBackground(operation, context));
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
