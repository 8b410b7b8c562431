/**
 * Query cost by Shopify's documented rules, computed from the document before
 * it runs (requestedQueryCost) and from the data it returned (actualQueryCost):
 * - scalars and enums cost 0; an object costs 1;
 * - a connection costs 2 plus `first`/`last` times the cost of one node
 *   (for the actual cost: the number of nodes returned);
 * - a mutation's top-level field costs 10, its payload included.
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { connectionNodes, isConnectionType } from './connection';

export const MUTATION_COST = 10;
export const CONNECTION_COST = 2;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, { typeCondition: { name: { value: string } }; selectionSet: SelectionSetNode }>;
  variables: Record<string, unknown>;
}

/** The fields a selection asks for, each with the type it is asked on (fragments resolved). */
function typedFields(
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  walk: Walk,
): [FieldNode, GraphQLNamedType][] {
  return selectionSet.selections.flatMap((selection): [FieldNode, GraphQLNamedType][] => {
    if (selection.kind === Kind.FIELD) return [[selection, parent]];
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? { typeCondition: selection.typeCondition, selectionSet: selection.selectionSet }
        : walk.fragments.get(selection.name.value);
    if (!fragment) return [];
    const onType = fragment.typeCondition ? (walk.schema.getType(fragment.typeCondition.name.value) ?? parent) : parent;
    return typedFields(onType, fragment.selectionSet, walk);
  });
}

function fieldsOf(selectionSet: SelectionSetNode, walk: Walk): FieldNode[] {
  return typedFields(walk.schema.getQueryType() as GraphQLNamedType, selectionSet, walk).map(([field]) => field);
}

function argumentValue(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  name: string,
  walk: Walk,
): unknown {
  const node = field.arguments?.find((argument) => argument.name.value === name);
  const argument = definition.args.find((arg) => arg.name === name);
  if (!node || !argument) return undefined;
  return valueFromAST(node.value, argument.type, walk.variables);
}

function fieldDefinition(parent: GraphQLNamedType, field: FieldNode): GraphQLField<unknown, unknown> | undefined {
  if (!isCompositeType(parent) || !('getFields' in parent)) return undefined;
  return parent.getFields()[field.name.value];
}

/** Cost of a selection on `parent`; `data` given → actual cost from what came back. */
function selectionCost(parent: GraphQLNamedType, selectionSet: SelectionSetNode, walk: Walk, data?: unknown): number {
  let total = 0;
  for (const [field, onType] of typedFields(parent, selectionSet, walk)) {
    if (field.name.value.startsWith('__')) continue;
    // A fragment on a type the returned object is not contributes nothing to the actual cost.
    const typename = (data as { __typename?: string } | null | undefined)?.__typename;
    if (data !== undefined && typename && onType !== parent && onType.name !== typename && isObjectType(onType))
      continue;
    const definition = fieldDefinition(onType, field);
    if (!definition) continue;
    const type = getNamedType(definition.type);
    if (!isCompositeType(type) || !field.selectionSet) continue;
    const key = field.alias?.value ?? field.name.value;
    const value = data === undefined ? undefined : (data as Record<string, unknown> | null)?.[key];
    if (data !== undefined && (value === null || value === undefined)) continue;

    if (isConnectionType(type)) {
      const size = Number(
        argumentValue(field, definition, 'first', walk) ?? argumentValue(field, definition, 'last', walk) ?? 0,
      );
      const nodeCost = connectionNodeCost(type, field.selectionSet, walk);
      if (data === undefined) {
        total += CONNECTION_COST + size * nodeCost.requested;
      } else {
        const returned = connectionNodes(value);
        total += CONNECTION_COST + returned.reduce((sum: number, node) => sum + nodeCost.actual(node), 0);
      }
      continue;
    }
    if (Array.isArray(value)) {
      total += value.reduce(
        (sum: number, item) => sum + 1 + selectionCost(type, field.selectionSet as SelectionSetNode, walk, item),
        0,
      );
      continue;
    }
    total += 1 + selectionCost(type, field.selectionSet, walk, data === undefined ? undefined : value);
  }
  return total;
}

/** The cost of one node of a connection, from its `nodes` or `edges { node }` selection. */
function connectionNodeCost(type: GraphQLNamedType, selectionSet: SelectionSetNode, walk: Walk) {
  const fields = isObjectType(type) ? type.getFields() : {};
  const nodeType = getNamedType(fields.nodes?.type ?? fields.edges?.type ?? type);
  let nodeSelection: SelectionSetNode | undefined;
  for (const field of fieldsOf(selectionSet, walk)) {
    if (field.name.value === 'nodes' && field.selectionSet) nodeSelection = field.selectionSet;
    if (field.name.value === 'edges' && field.selectionSet) {
      const node = fieldsOf(field.selectionSet, walk).find((inner) => inner.name.value === 'node');
      if (node?.selectionSet) nodeSelection ??= node.selectionSet;
    }
  }
  const edgeType = getNamedType(fields.edges?.type ?? type);
  const edgeNode = isObjectType(edgeType) ? edgeType.getFields().node : undefined;
  const innerType = edgeNode ? getNamedType(edgeNode.type) : nodeType;
  return {
    requested: nodeSelection ? 1 + selectionCost(innerType, nodeSelection, walk) : 1,
    actual: (node: unknown) => (nodeSelection ? 1 + selectionCost(innerType, nodeSelection, walk, node) : 1),
  };
}

function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
}

function walkFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): Walk {
  const fragments: Walk['fragments'] = new Map();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return { schema, fragments, variables: variables ?? {} };
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
  data?: unknown,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const walk = walkFor(schema, document, variables);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  // A mutation costs 10 a field, whatever its payload selects.
  if (operation.operation === 'mutation') return fieldsOf(operation.selectionSet, walk).length * MUTATION_COST;
  return selectionCost(root, operation.selectionSet, walk, data);
}
