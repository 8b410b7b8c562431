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

/**
 * Parsed and validated documents by their text: clients send the same few
 * documents again and again, and validating against Shopify's large schema is
 * the costliest step of a small request.
 */
const prepared = new Map<string, { document: DocumentNode } | { errors: GraphQLError[] }>();
const PREPARED_CACHE_SIZE = 500;

function parseAndValidate(query: string): { document: DocumentNode } | { errors: GraphQLError[] } {
  const cached = prepared.get(query);
  if (cached) return cached;
  let outcome: { document: DocumentNode } | { errors: GraphQLError[] };
  try {
    const document = parse(query);
    const errors = validate(adminSchema(), document);
    outcome = errors.length > 0 ? { errors: [...errors] } : { document };
  } catch (error) {
    outcome = { errors: [error as GraphQLError] };
  }
  if (prepared.size >= PREPARED_CACHE_SIZE) prepared.delete(prepared.keys().next().value as string);
  prepared.set(query, outcome);
  return outcome;
}

/** Parses and validates; an array of errors when the document is not valid. */
export function prepare(request: AdminRequest): PreparedRequest | GraphQLError[] {
  const outcome = parseAndValidate(request.query);
  if ('errors' in outcome) return outcome.errors;
  const { document } = outcome;
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

/**
 * Shopify words its commonest validation errors differently from graphql-js;
 * these are rewritten to Shopify's message and code, the rest keep graphql-js's.
 */
const SHOPIFY_WORDING: [RegExp, (...groups: string[]) => { message: string; extensions: Record<string, string> }][] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\./,
    (field, type) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: 'undefinedField', typeName: type as string, fieldName: field as string },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./,
    (field, argument, type) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: {
        code: 'missingRequiredArguments',
        className: 'Field',
        name: field as string,
        arguments: argument as string,
        type: type as string,
      },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./,
    (argument, field) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: {
        code: 'argumentNotAccepted',
        name: field as string,
        typeName: 'Field',
        argumentName: argument as string,
      },
    }),
  ],
];

/** Shopify's shape for an error: message, locations, path, extensions.code. */
export function formatError(error: GraphQLError) {
  if (!error.path) {
    for (const [pattern, reword] of SHOPIFY_WORDING) {
      const match = pattern.exec(error.message);
      if (match) {
        const { message, extensions } = reword(...match.slice(1));
        return { message, ...(error.locations ? { locations: error.locations } : {}), path: [], extensions };
      }
    }
  }
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
