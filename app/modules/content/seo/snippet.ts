/**
 * A product's search result as a search engine shows it: the title (the SEO
 * title, or Shopify's fallback, the product title), the address as a
 * breadcrumb ("shop.example › products › handle") and the description (the
 * meta description, or the start of the product description), each cut at
 * its guide on a word boundary with an ellipsis, as Google does.
 */
import { LENGTHS } from './limits';

export interface SnippetSource {
  productTitle: string;
  seoTitle: string;
  seoDescription: string;
  /** The product description as plain text (Shopify's fallback for the meta description). */
  descriptionText: string;
  /** The shop's primary domain and the product's handle. */
  host: string;
  handle: string;
}

export interface Snippet {
  title: string;
  breadcrumb: string;
  description: string;
  /** Which texts were cut, and which came from the product instead of the SEO fields. */
  titleCut: boolean;
  descriptionCut: boolean;
  titleFallback: boolean;
  descriptionFallback: boolean;
}

const ELLIPSIS = '…';
/** How far back from the guide a cut looks for a space before it cuts a word. */
const WORD_BACKTRACK = 20;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text cut at `max` characters on a word boundary, with an ellipsis; whole when it fits. */
export function cutAt(text: string, max: number): { text: string; cut: boolean } {
  const clean = squash(text);
  const characters = [...clean];
  if (characters.length <= max) return { text: clean, cut: false };
  const head = characters.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  const wordEnd = space >= head.length - WORD_BACKTRACK && space > 0 ? head.slice(0, space) : head;
  return { text: `${wordEnd.replace(/[\s,;:.\-–—]+$/u, '')}${ELLIPSIS}`, cut: true };
}

export function searchSnippet(source: SnippetSource): Snippet {
  const ownTitle = squash(source.seoTitle);
  const ownDescription = squash(source.seoDescription);
  const title = cutAt(ownTitle || source.productTitle, LENGTHS.seoTitle.guide);
  const description = cutAt(ownDescription || source.descriptionText, LENGTHS.seoDescription.guide);
  return {
    title: title.text,
    breadcrumb: [source.host, 'products', source.handle].filter(Boolean).join(' › '),
    description: description.text,
    titleCut: title.cut,
    descriptionCut: description.cut,
    titleFallback: ownTitle === '',
    descriptionFallback: ownDescription === '',
  };
}
