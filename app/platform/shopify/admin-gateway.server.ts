/**
 * The Admin API gateway: the only code in Steward that calls Shopify's Admin
 * GraphQL API. It sends typed documents (codegen from the 2026-10 schema),
 * retries what Shopify asks to be retried and turns every failure into a typed
 * error:
 * - THROTTLED (HTTP 200 with errors[].extensions.code = "THROTTLED"): waits until
 *   the bucket holds the points the query needs, from extensions.cost.throttleStatus;
 * - 429: waits for Retry-After; 5xx, timeouts and network errors: exponential
 *   backoff, for queries only (a mutation that may have run is not sent twice);
 * - other `errors` → AdminGraphqlError, other HTTP failures → AdminHttpError,
 *   `userErrors` (via `mutate`) → AdminUserErrors;
 * - logs X-Shopify-API-Deprecated-Reason.
 *
 * HTTP goes through the Shopify library's runtime fetch, so the devstore can
 * stand in for Shopify without any change here.
 */
import type { AdminMutations, AdminQueries } from '@shopify/admin-api-client';
import { abstractFetch } from '@shopify/shopify-api/runtime';
import type { Logger } from 'pino';
import { logger as defaultLogger } from '../logging/logger.server.ts';
import { API_VERSION } from './api-version.ts';
import {
  AdminGraphqlError,
  AdminHttpError,
  AdminRetriesExhaustedError,
  AdminUserErrors,
  type GraphqlErrorEntry,
  type UserError,
} from './errors.ts';

type Operations = AdminQueries & AdminMutations;
/** Result type of a document known to codegen (unknown for any other string). */
export type OperationData<Q extends string> = Q extends keyof Operations ? Operations[Q]['return'] : unknown;
export type OperationVariables<Q extends string> = Q extends keyof Operations
  ? Operations[Q]['variables']
  : Record<string, unknown>;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

interface GraphqlResponseBody {
  data?: unknown;
  errors?: GraphqlErrorEntry[];
  extensions?: { cost?: QueryCost };
}

export interface AdminGatewayOptions {
  shop: string;
  accessToken: string;
  fetch?: typeof abstractFetch;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** First backoff step for 5xx and network errors, doubled each time. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** How long one HTTP attempt may take before it counts as a network error. */
  timeoutMs?: number;
}

export interface AdminGateway {
  readonly shop: string;
  /** Runs a query (or a mutation whose userErrors you check yourself). */
  request<const Q extends string>(document: Q, variables?: OperationVariables<Q>): Promise<OperationData<Q>>;
  /**
   * Runs a mutation and throws AdminUserErrors when the payload picked by
   * `payloadOf` carries any userErrors.
   */
  mutate<const Q extends string, P extends { userErrors: UserError[] } | null | undefined>(
    document: Q,
    variables: OperationVariables<Q>,
    payloadOf: (data: OperationData<Q>) => P,
  ): Promise<NonNullable<P>>;
}

const OPERATION_NAME = /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export function operationName(document: string): string {
  return OPERATION_NAME.exec(document)?.[2] ?? 'anonymous operation';
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds until the bucket holds `needed` points again. */
export function throttleWait(cost: QueryCost | undefined, fallbackMs: number): number {
  if (!cost) return fallbackMs;
  const { currentlyAvailable, restoreRate, maximumAvailable } = cost.throttleStatus;
  const needed = Math.min(cost.requestedQueryCost, maximumAvailable);
  if (restoreRate <= 0) return fallbackMs;
  const missing = Math.max(needed - currentlyAvailable, 0);
  return Math.ceil((missing / restoreRate) * 1000) + 50;
}

export function createAdminGateway(options: AdminGatewayOptions): AdminGateway {
  const { shop, accessToken, sleep = realSleep, maxAttempts = 6, backoffBaseMs = 500, maxBackoffMs = 20_000 } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fetchFn = options.fetch ?? ((...args: Parameters<typeof abstractFetch>) => abstractFetch(...args));
  const log = (options.logger ?? defaultLogger).child({ component: 'admin-gateway', shop });
  const url = `https://${shop}/admin/api/${API_VERSION}/graphql.json`;
  const backoff = (attempt: number) => Math.min(backoffBaseMs * 2 ** (attempt - 1), maxBackoffMs);

  async function request<const Q extends string>(
    document: Q,
    variables?: OperationVariables<Q>,
  ): Promise<OperationData<Q>> {
    const operation = operationName(document);
    // THROTTLED and 429 mean Shopify did not run the request; after a 5xx or a
    // lost connection a mutation may have run, so it is not sent again.
    const retryUnknownOutcome = !/^\s*(#graphql\s*)?mutation\b/.test(document);
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let response: Response;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'X-Shopify-Access-Token': accessToken,
          },
          body: JSON.stringify({ query: document, variables: variables ?? {} }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        lastProblem = `network error: ${(error as Error).message}`;
        if (!retryUnknownOutcome) throw new AdminRetriesExhaustedError(operation, attempt, lastProblem);
        if (attempt < maxAttempts) await sleep(backoff(attempt));
        continue;
      }

      const deprecation = response.headers.get('X-Shopify-API-Deprecated-Reason');
      if (deprecation) log.warn({ operation, deprecation }, 'Admin API reports a deprecated call');

      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('Retry-After'));
        lastProblem = 'HTTP 429';
        if (attempt < maxAttempts) await sleep(retryAfter > 0 ? retryAfter * 1000 : backoff(attempt));
        continue;
      }
      if (response.status >= 500) {
        lastProblem = `HTTP ${response.status}`;
        if (!retryUnknownOutcome)
          throw new AdminHttpError(operation, response.status, 'not retried: the mutation may have run');
        if (attempt < maxAttempts) await sleep(backoff(attempt));
        continue;
      }
      if (!response.ok) {
        throw new AdminHttpError(operation, response.status, (await response.text()).slice(0, 500));
      }

      let body: GraphqlResponseBody;
      try {
        body = (await response.json()) as GraphqlResponseBody;
      } catch {
        throw new AdminHttpError(operation, response.status, 'response is not JSON');
      }
      const errors = body.errors ?? [];
      if (errors.some((error) => error.extensions?.code === 'THROTTLED')) {
        const wait = throttleWait(body.extensions?.cost, backoff(attempt));
        lastProblem = 'THROTTLED';
        log.info({ operation, wait, attempt }, 'Admin API throttled; waiting for the bucket to refill');
        if (attempt < maxAttempts) await sleep(wait);
        continue;
      }
      if (errors.length > 0) throw new AdminGraphqlError(operation, errors);
      if (body.data === undefined || body.data === null) {
        throw new AdminGraphqlError(operation, [{ message: 'response has no data' }]);
      }
      return body.data as OperationData<Q>;
    }
    throw new AdminRetriesExhaustedError(operation, maxAttempts, lastProblem);
  }

  return {
    shop,
    request,
    async mutate(document, variables, payloadOf) {
      const data = await request(document, variables);
      const payload = payloadOf(data);
      if (!payload) throw new AdminGraphqlError(operationName(document), [{ message: 'mutation returned no payload' }]);
      if (payload.userErrors.length > 0) throw new AdminUserErrors(operationName(document), payload.userErrors);
      return payload;
    },
  };
}
