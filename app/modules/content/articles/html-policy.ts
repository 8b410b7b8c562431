/**
 * What HTML an article's body and summary may hold, and the one function
 * that enforces it. Server and browser both import it: the server cleans
 * every body and summary before it goes to Shopify (and what it reads back,
 * before the editor shows it); the browser's SafeHtml cleans the string it
 * was given again before rendering it.
 *
 * Allowed: paragraphs, headings h2–h4 (the article's title is its h1, so an
 * h1 becomes h2), emphasis, lists, quotes, code, rules, links (http, https,
 * mailto) and images (http, https). Everything else goes: scripts and styles
 * with their content, event handlers, style and class attributes, iframes,
 * forms, SVG, javascript:/data:/vbscript: URLs (sanitize-html decodes
 * entities and strips control characters before it reads a scheme), and
 * protocol-relative URLs. A link that opens a new tab gets rel="noopener
 * noreferrer". What a browser's editor makes becomes its meaning: divs (made
 * on Enter) paragraphs, b and i strong and em.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'strong',
  'em',
  'u',
  's',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'hr',
  'code',
  'pre',
  'figure',
  'figcaption',
];

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    div: 'p',
    b: 'strong',
    i: 'em',
    a: (tagName, attribs) => {
      if (attribs.target !== '_blank') {
        const { target: _target, rel: _rel, ...rest } = attribs;
        return { tagName, attribs: rest };
      }
      return { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } };
    },
  },
};

/** The HTML with only what an article may hold. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, POLICY).trim();
}
