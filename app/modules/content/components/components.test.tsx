/**
 * Content's components rendered on the server as Remix does, in English and
 * French: the length guide's tones, the search result preview, the bulk
 * editor's rows with a problem under its field, SafeHtml cleaning what it is
 * given, and the rich text editor's toolbar.
 */
import { AppProvider } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, type Locale } from '~/i18n/i18n';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import type { ListingRow } from '../seo/types';
import { LengthHint } from './LengthHint';
import { ListingTable } from './ListingTable';
import { RichTextEditor } from './RichTextEditor';
import { SafeHtml } from './SafeHtml';
import { SnippetPreview } from './SnippetPreview';
import type { ListingDrafts } from './use-listing-drafts';

function render(locale: Locale, node: ReactNode): string {
  return renderToString(
    <AppProvider i18n={POLARIS_TRANSLATIONS[locale]}>
      <I18nextProvider i18n={createI18n(locale)}>{node}</I18nextProvider>
    </AppProvider>,
  )
    .replace(/<!-- -->/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const row: ListingRow = {
  productId: '11',
  title: 'Merino Crew Sweater',
  handle: 'merino-crew-sweater',
  status: 'DRAFT',
  descriptionText: 'Soft merino wool, knitted in Portugal.',
  seoTitle: '',
  seoDescription: '',
  images: [
    { id: 'gid://shopify/MediaImage/1', url: 'https://cdn.example/1.jpg', alt: '', width: 800, height: 800 },
    { id: 'gid://shopify/MediaImage/2', url: 'https://cdn.example/2.jpg', alt: 'Back view', width: 800, height: 800 },
  ],
};

/** Drafts as the page holds them, with one over-long SEO title refused. */
const drafts: ListingDrafts = {
  value: (current, field) =>
    field === 'seoTitle'
      ? 'x'.repeat(260)
      : field === 'seoDescription'
        ? current.seoDescription
        : (current.images.find((image) => `alt:${image.id}` === field)?.alt ?? ''),
  edit: () => {},
  problemsOf: (productId, field) =>
    productId === '11' && (field === undefined || field === 'seoTitle')
      ? [{ productId: '11', field: 'seoTitle', code: 'tooLong', max: 255, length: 260 }]
      : [],
  count: 1,
  titleOf: () => row.title,
  changes: () => [],
  forget: () => {},
  report: () => {},
  allProblems: [],
};

describe('LengthHint', () => {
  it('counts against the guide and says what the length means, in the tone it deserves', () => {
    expect(text(render('en', <LengthHint field="seoTitle" value="Merino" />))).toContain(
      '6 / 70 Fits in search results',
    );
    const warning = render('en', <LengthHint field="seoTitle" value={'a'.repeat(65)} />);
    expect(warning).toContain('Polaris-Text--caution');
    expect(text(warning)).toContain('Close to the 70 characters search results show');
    const critical = render('en', <LengthHint field="seoDescription" value={'a'.repeat(170)} />);
    expect(critical).toContain('Polaris-Text--critical');
    expect(text(critical)).toContain('10 characters past what search results show');
    expect(text(render('en', <LengthHint field="alt" value={'a'.repeat(600)} />))).toContain(
      'Too long: Shopify takes at most 512 characters',
    );
    expect(text(render('fr', <LengthHint field="seoTitle" value="" />))).toContain('0 / 70 Vide');
  });
});

describe('SnippetPreview', () => {
  it('shows the address, the title and description with their fallbacks, as text', () => {
    const html = render(
      'en',
      <SnippetPreview
        productTitle="Merino <b>Crew</b>"
        seoTitle=""
        seoDescription=""
        descriptionText="Soft merino wool."
        host="maplethread.example"
        handle="merino-crew"
      />,
    );
    expect(html).toContain('maplethread.example › products › merino-crew');
    expect(html).toContain('Merino &lt;b&gt;Crew&lt;/b&gt;');
    expect(text(html)).toContain('No SEO title: search engines get the product title.');
  });
});

describe('ListingTable', () => {
  it('renders each product’s fields with labels naming the product, and a refused length under its field', () => {
    const html = render(
      'en',
      <ListingTable
        rows={[row]}
        drafts={drafts}
        host="maplethread.example"
        adminBase="https://admin.shopify.com/store/maple-thread"
        paging={false}
        loading={false}
        previousUrl={null}
        nextUrl="/app/content?after=x"
        emptyState={null}
      />,
    );
    const plain = text(html);
    expect(plain).toContain('SEO title (Merino Crew Sweater)');
    expect(plain).toContain('Alt text, image 1 of 2 (Merino Crew Sweater)');
    expect(plain).toContain('260 characters: Shopify takes at most 255');
    expect(plain).toContain('1 image without alt text');
    expect(plain).toContain('Draft');
    expect(html).toContain('href="https://admin.shopify.com/store/maple-thread/products/11"');
    expect(html).toContain('value="Back view"');
  });
});

describe('SafeHtml', () => {
  it('cleans the string it is given before rendering it', () => {
    const html = render(
      'en',
      <SafeHtml
        label="Preview"
        html={
          '<p onclick="x()">Hi<script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">go</a>'
        }
      />,
    );
    expect(html).toContain('<p>Hi</p><img src="x" /><a>go</a>');
    expect(html).not.toMatch(/script|onerror|onclick|javascript:/);
  });
});

describe('RichTextEditor', () => {
  it('offers a labelled toolbar with one tab stop, toggles that say whether they are on, and the three views', () => {
    const html = render('en', <RichTextEditor label="Content" value="<p>Hi</p>" onChange={() => {}} />);
    expect(html).toContain('role="toolbar" aria-label="Formatting of Content"');
    expect(html.match(/tabindex="0"/g)?.length).toBeGreaterThanOrEqual(2); // the first tool, and the editing area
    expect(html.match(/class="content-editor-tool" tabindex="-1"/g)).toHaveLength(8);
    expect(html).toContain('aria-pressed="false"');
    expect(html).toMatch(/role="textbox" aria-multiline="true" aria-labelledby="[^"]+-label"/);
    expect(text(html)).toMatch(/Content Edit HTML Preview/);
  });
});
