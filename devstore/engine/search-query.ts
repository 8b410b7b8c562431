/**
 * Shopify's search syntax for the `query:` argument of connections, the
 * common part: terms joined by AND (implicit) or OR, `-`/NOT negation,
 * `field:value`, comparisons `field:>v`, `:>=`, `:<`, `:<=`, quoted values,
 * a trailing `*` for prefix match, and bare words matched against a default
 * text. Dates compare as instants.
 */
import { GraphQLError } from 'graphql';

export type FieldGetter<T> = (item: T) => unknown;

interface Term {
  field: string | null;
  op: '=' | '>' | '>=' | '<' | '<=';
  value: string;
  negate: boolean;
}

const TOKEN = /\s*(-)?(?:([A-Za-z_][A-Za-z0-9_.]*):(>=|<=|>|<)?)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]+)/y;

function parse(query: string): Term[][] {
  const groups: Term[][] = [[]];
  TOKEN.lastIndex = 0;
  let negateNext = false;
  while (TOKEN.lastIndex < query.length) {
    const match = TOKEN.exec(query);
    if (!match) break;
    const [, dash, field, op, rawValue] = match;
    const value = (rawValue as string).replace(/^(['"])(.*)\1$/, '$2');
    if (!field && value === 'OR') {
      groups.push([]);
      continue;
    }
    if (!field && value === 'AND') continue;
    if (!field && value === 'NOT') {
      negateNext = true;
      continue;
    }
    (groups.at(-1) as Term[]).push({
      field: field ?? null,
      op: (op as Term['op'] | undefined) ?? '=',
      value,
      negate: Boolean(dash) || negateNext,
    });
    negateNext = false;
  }
  return groups.filter((group) => group.length > 0);
}

function compare(actual: unknown, term: Term): boolean {
  if (actual === null || actual === undefined) return false;
  if (Array.isArray(actual)) return actual.some((item) => compare(item, term));
  if (typeof actual === 'boolean') return String(actual) === term.value.toLowerCase();
  const asDate = (value: string) => (/^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN);
  const left = typeof actual === 'number' ? actual : asDate(String(actual));
  const right = typeof actual === 'number' ? Number(term.value) : asDate(term.value);
  if (!Number.isNaN(left) && !Number.isNaN(right) && term.op !== '=') {
    return term.op === '>'
      ? left > right
      : term.op === '>='
        ? left >= right
        : term.op === '<'
          ? left < right
          : left <= right;
  }
  if (!Number.isNaN(left) && !Number.isNaN(right)) return left === right;
  const text = String(actual).toLowerCase();
  const wanted = term.value.toLowerCase();
  if (term.op !== '=') return term.op.startsWith('>') ? text >= wanted : text <= wanted;
  return wanted.endsWith('*') ? text.startsWith(wanted.slice(0, -1)) : text === wanted;
}

/** A search the devstore cannot answer faithfully: a GraphQL error naming what is missing. */
export class UnknownSearchFieldError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_EMULATED_BY_DEVSTORE' } });
  }
}

/**
 * A predicate for `query`. `fields` maps each supported search field to a
 * getter; `text` is what bare words search (substring match).
 */
export function searchPredicate<T>(
  query: string | null | undefined,
  fields: Record<string, FieldGetter<T>>,
  text: (item: T) => string,
): (item: T) => boolean {
  if (!query?.trim()) return () => true;
  if (/[()]/.test(query.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ''))) {
    throw new UnknownSearchFieldError(`The devstore does not emulate parentheses in search queries: "${query}"`);
  }
  const groups = parse(query);
  // A filter the devstore cannot apply would silently match everything: fail loudly instead.
  const unknown = groups.flat().find((term) => term.field !== null && !(term.field in fields));
  if (unknown) {
    throw new UnknownSearchFieldError(
      `The devstore does not emulate the search field "${unknown.field}" here (it knows: ${Object.keys(fields).join(', ') || 'none'})`,
    );
  }
  return (item) =>
    groups.some((group) =>
      group.every((term) => {
        let matched: boolean;
        if (term.field === null) {
          const wanted = term.value.replace(/\*$/, '').toLowerCase();
          matched = text(item).toLowerCase().includes(wanted);
        } else {
          const getter = fields[term.field] as FieldGetter<T>;
          matched = compare(getter(item), term);
        }
        return term.negate ? !matched : matched;
      }),
    );
}
