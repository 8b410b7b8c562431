/**
 * The bulk queries keep within Shopify's limits for bulk operations, and the
 * paged catch-up documents select exactly the fields the bulk queries do, so
 * one normaliser reads both and a catch-up writes what a full sync writes.
 * (Their validation against the 2026-10 schema, deprecations refused, is in
 * tests/platform/admin-documents.test.ts with every other document.)
 */
import {
  Kind,
  parse,
  print,
  visit,
  type FieldNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { adminSchema } from '../../../devstore/engine/schema';
import { connectionsIn, countConnections, MAX_CONNECTIONS } from '../../../devstore/resolvers/bulk-shape';
import { appDocuments } from '../../../tests/platform/app-documents';
import { BULK_QUERIES } from './bulk-queries';
import { SYNC_RESOURCES } from './resources';

/** Arguments and fields that only page a connection (or only a paged read can hold). */
const PAGING = new Set(['first', 'after', 'query', 'sortKey']);
const PAGED_ONLY = new Set(['pageInfo', 'refundLineItems']);

function isConnection(field: FieldNode): boolean {
  return (
    field.selectionSet?.selections.some(
      (inner) => inner.kind === Kind.FIELD && (inner.name.value === 'nodes' || inner.name.value === 'edges'),
    ) ?? false
  );
}

function nodeSelectionOf(field: FieldNode): SelectionSetNode {
  for (const inner of field.selectionSet?.selections ?? []) {
    if (inner.kind !== Kind.FIELD) continue;
    if (inner.name.value === 'nodes' && inner.selectionSet) return inner.selectionSet;
    const node = inner.selectionSet?.selections.find(
      (candidate): candidate is FieldNode => candidate.kind === Kind.FIELD && candidate.name.value === 'node',
    );
    if (inner.name.value === 'edges' && node?.selectionSet) return node.selectionSet;
  }
  throw new Error(`${field.name.value} has no node selection`);
}

/** Every connection of a document, by field name → its node's selection without paging or nested connections. */
function connectionSelections(document: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
      if (!isConnection(selection)) {
        walk(selection.selectionSet);
        continue;
      }
      const node = nodeSelectionOf(selection);
      walk(node);
      const flattened = visit(node, {
        Field(field) {
          if (PAGED_ONLY.has(field.name.value) || isConnection(field)) return null;
          return { ...field, arguments: field.arguments?.filter((arg) => !PAGING.has(arg.name.value)) };
        },
      });
      found.set(selection.name.value, print(flattened));
    }
  };
  const operation = parse(document).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  walk(operation.selectionSet);
  return found;
}

const pagedDocuments = appDocuments().filter((document) => /app\/platform\/sync\/catchup-/.test(document.file));

describe('bulk queries', () => {
  it.each(SYNC_RESOURCES)('%s: within Shopify’s limits (≤ 5 connections, ≤ 2 deep, none in a list)', (resource) => {
    const schema = adminSchema();
    const operation = parse(BULK_QUERIES[resource]).definitions[0] as OperationDefinitionNode;
    const problems: string[] = [];
    const shapes = connectionsIn(operation.selectionSet, schema.getQueryType() as GraphQLNamedType, 0, problems);
    expect(problems).toEqual([]);
    expect(shapes).toHaveLength(1);
    expect(countConnections(shapes)).toBeLessThanOrEqual(MAX_CONNECTIONS);
  });

  it.each(SYNC_RESOURCES)('%s: the paged catch-up reads the same fields as the bulk query', (resource) => {
    const bulk = connectionSelections(BULK_QUERIES[resource]);
    const compared = new Set<string>();
    for (const document of pagedDocuments) {
      for (const [connection, selection] of connectionSelections(document.body)) {
        if (!bulk.has(connection)) continue;
        expect(selection, `${document.name}: ${connection}`).toBe(bulk.get(connection));
        compared.add(connection);
      }
    }
    expect([...compared].sort()).toEqual([...bulk.keys()].sort());
  });
});
