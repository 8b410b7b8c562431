/**
 * Executes one Admin API request against Shopify's schema, the way Shopify
 * answers: HTTP 200 with `errors` for a document that does not validate
 * (deprecated fields are allowed, as on Shopify), `data` plus `errors` for
 * field errors, and `extensions.cost` on every answer.
 */
import { execute, type GraphQLError, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import type { DevstoreContext } from '../resolvers/context';
import { MUTATION_ROOT, QUERY_ROOT } from '../resolvers';
import { adminSchema } from './schema';
import { strictFieldResolver } from './strict-resolver';

export interface AdminRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface PreparedRequest {
  document: DocumentNode;
  isMutation: boolean;
}

/** Parses and validates; an array of errors when the document is not valid. */
export function prepare(request: AdminRequest): PreparedRequest | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return [error as GraphQLError];
  }
  const errors = validate(adminSchema(), document);
  if (errors.length > 0) return [...errors];
  const operation = document.definitions.find(
    (definition) =>
      definition.kind === 'OperationDefinition' &&
      (!request.operationName || definition.name?.value === request.operationName),
  );
  return { document, isMutation: operation?.kind === 'OperationDefinition' && operation.operation === 'mutation' };
}

export async function run(
  prepared: PreparedRequest,
  request: AdminRequest,
  context: DevstoreContext,
): Promise<ExecutionResult> {
  return execute({
    schema: adminSchema(),
    document: prepared.document,
    rootValue: prepared.isMutation ? MUTATION_ROOT : QUERY_ROOT,
    contextValue: context,
    variableValues: request.variables ?? undefined,
    operationName: request.operationName ?? undefined,
    fieldResolver: strictFieldResolver as never,
  });
}

/** Shopify's shape for an error: message, locations, path, extensions.code. */
export function formatError(error: GraphQLError) {
  const code =
    (error.extensions?.code as string | undefined) ??
    (error.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED');
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...error.extensions, code },
  };
}
