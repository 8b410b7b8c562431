/** Typed failures of the Admin API gateway. */

export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** Shopify answered with `errors` (bad query, access denied, …). */
export class AdminGraphqlError extends Error {
  override name = 'AdminGraphqlError';
  readonly errors: GraphqlErrorEntry[];
  readonly operation: string;
  constructor(operation: string, errors: GraphqlErrorEntry[]) {
    super(`Admin API ${operation} failed: ${errors.map((error) => error.message).join('; ')}`);
    this.operation = operation;
    this.errors = errors;
  }
}

/** An HTTP failure that is not retried (4xx) or that outlived its retries. */
export class AdminHttpError extends Error {
  override name = 'AdminHttpError';
  readonly status: number;
  readonly operation: string;
  constructor(operation: string, status: number, detail: string) {
    super(`Admin API ${operation} answered HTTP ${status}: ${detail}`);
    this.operation = operation;
    this.status = status;
  }
}

/** Retries ran out (throttled, 429, 5xx or network errors every time). */
export class AdminRetriesExhaustedError extends Error {
  override name = 'AdminRetriesExhaustedError';
  readonly attempts: number;
  readonly operation: string;
  constructor(operation: string, attempts: number, lastProblem: string) {
    super(`Admin API ${operation} still failing after ${attempts} attempts: ${lastProblem}`);
    this.operation = operation;
    this.attempts = attempts;
  }
}

/** A mutation ran but refused the input: Shopify's `userErrors`. */
export class AdminUserErrors extends Error {
  override name = 'AdminUserErrors';
  readonly userErrors: UserError[];
  readonly operation: string;
  constructor(operation: string, userErrors: UserError[]) {
    super(
      `Admin API ${operation} refused the input: ` +
        userErrors.map((error) => (error.field?.length ? `${error.field.join('.')}: ` : '') + error.message).join('; '),
    );
    this.operation = operation;
    this.userErrors = userErrors;
  }
}
