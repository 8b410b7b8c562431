/**
 * Bulk operations through the Admin API gateway: start one for a query, read
 * one by id (bulkOperation(id:), not the deprecated currentBulkOperation),
 * and find one already running for the same query — a start whose answer was
 * lost (the gateway does not resend a mutation after a 5xx) must not leave
 * an orphan running beside a second copy.
 */
import { z } from 'zod';
import type { AdminGateway } from '../shopify/admin-gateway.server';
import { AdminUserErrors } from '../shopify/errors';

const RUN_BULK_QUERY = `#graphql
  mutation SyncBulkRun($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
        createdAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const BULK_OPERATION = `#graphql
  query SyncBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      fileSize
      url
      createdAt
      completedAt
    }
  }
`;

const BULK_OPERATIONS_IN_PROGRESS = `#graphql
  query SyncBulkOperationsInProgress {
    bulkOperations(first: 10, query: "status:created OR status:running", sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        status
        query
        createdAt
      }
    }
  }
`;

const count = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);

const operationSchema = z.object({
  id: z.string(),
  status: z.enum(['CREATED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELING', 'CANCELED', 'EXPIRED']),
  errorCode: z.string().nullable(),
  objectCount: count,
  rootObjectCount: count,
  fileSize: count.nullable(),
  url: z.string().nullable(),
  createdAt: z.string().transform((value) => new Date(value)),
  completedAt: z
    .string()
    .nullable()
    .transform((value) => (value ? new Date(value) : null)),
});

export type BulkOperation = z.output<typeof operationSchema>;

/** Shopify refused to start another: 5 bulk queries already run for this shop (retry later). */
export class BulkLimitReachedError extends Error {
  override name = 'BulkLimitReachedError';
}

const normalise = (query: string) => query.replace(/\s+/g, ' ').trim();

/** The id of a created or running bulk query with exactly this text, if any. */
async function runningFor(gateway: AdminGateway, query: string): Promise<string | null> {
  const data = await gateway.request(BULK_OPERATIONS_IN_PROGRESS);
  const nodes = z
    .object({ bulkOperations: z.object({ nodes: z.array(z.object({ id: z.string(), query: z.string() })) }) })
    .parse(data).bulkOperations.nodes;
  return nodes.find((node) => normalise(node.query) === normalise(query))?.id ?? null;
}

/** Starts a bulk query (or adopts the same one already running); returns its id. */
export async function startBulkQuery(gateway: AdminGateway, query: string): Promise<string> {
  const running = await runningFor(gateway, query);
  if (running) return running;
  try {
    const payload = await gateway.mutate(RUN_BULK_QUERY, { query }, (data) => data.bulkOperationRunQuery);
    if (!payload.bulkOperation) throw new Error('bulkOperationRunQuery returned no operation');
    return payload.bulkOperation.id;
  } catch (error) {
    if (error instanceof AdminUserErrors && error.userErrors.some((userError) => userError.code === 'LIMIT_REACHED'))
      throw new BulkLimitReachedError(error.message);
    throw error;
  }
}

/** The operation, or null when Shopify no longer knows it. */
export async function readBulkOperation(gateway: AdminGateway, id: string): Promise<BulkOperation | null> {
  const data = await gateway.request(BULK_OPERATION, { id });
  const operation = z.object({ bulkOperation: z.unknown() }).parse(data).bulkOperation;
  return operation ? operationSchema.parse(operation) : null;
}
