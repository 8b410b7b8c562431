/**
 * How every field is resolved: from the record's property of the same name (a
 * value, or a function called with the field's arguments). A field the
 * devstore has no property for is an error naming it, never a silent null.
 */
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { BULK_ALL } from './connection';

export class NotEmulatedError extends GraphQLError {
  constructor(typeName: string, fieldName: string) {
    super(`The devstore does not emulate ${typeName}.${fieldName}. Add it in devstore/resolvers.`, {
      extensions: { code: 'NOT_EMULATED_BY_DEVSTORE', typeName, fieldName },
    });
  }
}

type Source = Record<string, unknown> | null | undefined;

export const strictFieldResolver: GraphQLFieldResolver<Source, unknown> = (source, args, context, info) => {
  if (source === null || source === undefined) return null;
  if (!(info.fieldName in source)) {
    if (info.fieldName === '__typename') return info.parentType.name;
    throw new NotEmulatedError(info.parentType.name, info.fieldName);
  }
  const value = source[info.fieldName];
  if (typeof value !== 'function') return value;
  // Inside a bulk operation nested connections return every item; the root
  // connection is paged by the bulk runner (resolvers/bulk.ts), so it keeps its arguments.
  const inBulk = (context as { bulk?: boolean } | undefined)?.bulk === true && info.path.prev !== undefined;
  const fieldArgs = inBulk ? { ...args, [BULK_ALL]: true } : args;
  return (value as (...a: unknown[]) => unknown).call(source, fieldArgs, context, info);
};
