/**
 * The satisfaction page the app proxy serves at /apps/steward/rate, as
 * Liquid (Content-Type application/liquid) so Shopify renders it inside the
 * shop's theme. Every dynamic text is HTML-escaped and its braces written as
 * entities, so nothing a customer typed can ever be read as Liquid. It works
 * without JavaScript: a plain form posting back to the same path.
 */
import type { i18n as I18n } from 'i18next';

export interface RatePageInput {
  /** Where the form posts ("/apps/steward/rate"). */
  action: string;
  token: string;
  /** The ticket the link names, or null when the link is invalid or expired. */
  ticket: { number: number; status: string; rating: number | null; ratingComment: string | null } | null;
  /** The outcome of the last post, from the redirect's query. */
  notice: 'sent' | 'invalid' | 'closed' | null;
}

/** HTML-escaped, with { and } as entities (Liquid reads neither). */
export function escapeForLiquid(text: string): string {
  return text.replace(/[&<>"'{}]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function ratePage(i18n: I18n, { action, token, ticket, notice }: RatePageInput): string {
  const t = (key: string, values?: Record<string, unknown>) =>
    escapeForLiquid(i18n.t(`inboxStorefront.ratePage.${key}`, values));
  const parts = [`<h1>${t('title')}</h1>`];
  if (!ticket) {
    parts.push(`<p role="alert">${t('expired')}</p>`);
  } else {
    parts.push(`<p>${t('intro', { number: ticket.number })}</p>`);
    if (notice === 'sent') parts.push(`<p role="status">${t('thanks')}</p>`);
    if (notice === 'invalid') parts.push(`<p role="alert">${t('invalid')}</p>`);
    if (ticket.status === 'closed' || notice === 'closed') {
      parts.push(`<p role="status">${t('closed')}</p>`);
      if (ticket.rating !== null) parts.push(`<p>${t('current', { rating: ticket.rating })}</p>`);
    } else {
      if (ticket.rating !== null && notice !== 'sent') parts.push(`<p>${t('current', { rating: ticket.rating })}</p>`);
      const choices = [1, 2, 3, 4, 5]
        .map(
          (value) =>
            `<label style="display:block;margin:.25rem 0"><input type="radio" name="rating" value="${value}" required${
              ticket.rating === value ? ' checked' : ''
            }> ${t(`ratings.${value}`)}</label>`,
        )
        .join('');
      parts.push(`<form method="post" action="${escapeForLiquid(action)}">
<input type="hidden" name="t" value="${escapeForLiquid(token)}">
<fieldset style="border:0;padding:0;margin:1rem 0"><legend>${t('legend')}</legend>${choices}</fieldset>
<label for="steward-rate-comment">${t('comment')}</label>
<textarea id="steward-rate-comment" name="comment" rows="4" maxlength="2000" style="display:block;width:100%;margin:.25rem 0 1rem">${escapeForLiquid(ticket.ratingComment ?? '')}</textarea>
<button type="submit" class="button">${t('submit')}</button>
</form>`);
    }
  }
  return `<div class="page-width steward-rate" style="max-width:40rem;margin:2rem auto;padding:0 1rem">\n${parts.join('\n')}\n</div>\n`;
}
