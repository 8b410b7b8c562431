/**
 * Renders article HTML that came from the server. The server already cleaned
 * it with the article HTML policy; this component cleans it again, here, with
 * the same policy, before handing it to React: whatever reached the browser
 * (a stale loader answer, a bug elsewhere) is never rendered unless it passes
 * the allowlist (no scripts, no handlers, no javascript: URLs). It is the one
 * place content renders HTML, and it only ever renders that function's output.
 */
import { useMemo } from 'react';
import { sanitizeArticleHtml } from '../articles/html-policy';

export function SafeHtml({ html, label }: { html: string; label: string }) {
  const clean = useMemo(() => sanitizeArticleHtml(html), [html]);
  // `clean` is sanitizeArticleHtml's output, never the string as it arrived.
  return (
    <div
      className="content-article-html"
      role="region"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
