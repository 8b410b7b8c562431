/**
 * What the inbox's module API throws for a request it refuses; routes turn
 * them into answers (field errors, 404).
 */

/** Input the inbox refuses, with a code per field (required, invalid, too_long, taken, unresolved, closed…). */
export class InboxInputError extends Error {
  override name = 'InboxInputError';
  readonly errors: Record<string, string>;
  constructor(errors: Record<string, string>) {
    super(
      `Invalid inbox input: ${Object.entries(errors)
        .map(([field, code]) => `${field} ${code}`)
        .join(', ')}`,
    );
    this.errors = errors;
  }
}

/** No such ticket (or template, or rule) in this shop. */
export class InboxNotFoundError extends Error {
  override name = 'InboxNotFoundError';
}
