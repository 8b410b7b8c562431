/**
 * What must never reach a log line: access and refresh tokens, secrets,
 * session tokens, signatures, cookies and e-mail addresses. Applied to every
 * log record (keys by name, any string by pattern) by logger.server.ts.
 */
export const REDACTED = '[redacted]';

const SENSITIVE_KEY =
  /token|secret|password|passwd|authorization|cookie|hmac|signature|api[-_]?key|email|e-mail|phone|credential|private/i;

const SENSITIVE_TEXT: RegExp[] = [
  /\bshp(?:at|ua|ca|pa|ss|rt)_[A-Za-z0-9]+/g, // Shopify access and refresh tokens
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // Authorization headers
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, // JWTs (session tokens)
  /\benc:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_.:-]+/g, // our own token ciphertext
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, // e-mail addresses
  /([?&](?:id_token|hmac|signature|session|access_token|code)=)[^&\s"]+/gi, // secrets in URLs
];

export function redactText(text: string): string {
  let result = text;
  for (const pattern of SENSITIVE_TEXT) {
    result = result.replace(pattern, (match, prefix?: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return result;
}

/** A deep copy of `value` with sensitive keys and text replaced. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any record we log: refuse to print what we did not inspect.
  if (depth > 8) return REDACTED;
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(inner, depth + 1);
  }
  return copy;
}
