/**
 * The shape of a bulk query, checked against Shopify's limits, and how a
 * result is written as Shopify's JSONL: every node of a connection on its own
 * line, a nested connection's nodes after their parent with `__parentId`.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type SelectionSetNode,
} from 'graphql';
import { connectionNodes, isConnectionType } from '../engine/connection';

export const MAX_CONNECTIONS = 5;
export const MAX_DEPTH = 2;

export interface ConnectionShape {
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

/** Finds the connections of a bulk query, checking Shopify's limits; problems are collected. */
export function connectionsIn(
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  depth: number,
  problems: string[],
  inList = false,
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
      if (inList)
        problems.push('Queries that contain a connection field within a list field are not currently supported.');
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
      const list = isListType(getNullableType(definition.type));
      found.push(...connectionsIn(selection.selectionSet, type, depth, problems, inList || list));
    }
  }
  return found;
}

export function countConnections(shapes: ConnectionShape[]): number {
  return shapes.reduce((sum, shape) => sum + 1 + countConnections(shape.children), 0);
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

/** A copy of `object` without the connection `key` (copied along the path to it; the result tree is untouched). */
function withoutConnection(object: Record<string, unknown>, key: string): Record<string, unknown> {
  if (key in object) {
    const { [key]: _removed, ...rest } = object;
    return rest;
  }
  for (const [name, value] of Object.entries(object)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = value as Record<string, unknown>;
      if (findConnectionHolder(inner, key)) return { ...object, [name]: withoutConnection(inner, key) };
    }
  }
  return object;
}

export interface JsonlCounts {
  objects: number;
  roots: number;
}

/** Appends a result tree's JSONL lines to `lines`: nested connection nodes become their own lines. */
export function toJsonl(
  data: Record<string, unknown>,
  shapes: ConnectionShape[],
  lines: string[],
  parentId: string | null = null,
  counts: JsonlCounts = { objects: 0, roots: 0 },
): JsonlCounts {
  for (const shape of shapes) {
    const holder = findConnectionHolder(data, shape.key);
    for (const node of connectionNodes<Record<string, unknown>>(holder?.[shape.key])) {
      let line: Record<string, unknown> = { ...node };
      for (const child of shape.children) line = withoutConnection(line, child.key);
      if (parentId) line.__parentId = parentId;
      else counts.roots += 1;
      counts.objects += 1;
      lines.push(JSON.stringify(line));
      toJsonl(node, shape.children, lines, typeof node.id === 'string' ? node.id : parentId, counts);
    }
  }
  return counts;
}
