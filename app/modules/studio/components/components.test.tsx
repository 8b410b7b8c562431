/**
 * The Studio's components rendered on the server as Remix does, in English
 * and French: the media table (badges, sizes, links, skeleton rows), every
 * editor section with all its operations on, the versions list and the
 * batch progress — with every string translated (no key shows through).
 */
import { AppProvider } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, type Locale } from '~/i18n/i18n';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import type { BatchStatus } from '../batch.server';
import type { VersionView } from '../editor-view.server';
import { BackgroundControls } from './BackgroundControls';
import { BatchProgress } from './BatchProgress';
import { ColourChangeControls } from './ColourChangeControls';
import { NEW_DRAFT, type EditorDraft } from './editor-draft';
import { GeometryControls } from './GeometryControls';
import { MediaTable, type MediaRow } from './MediaTable';
import { OutputControls } from './OutputControls';
import { ToneControls } from './ToneControls';
import { VersionHistory } from './VersionHistory';

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
/** A translation key shown instead of its text ("studio.editor…"). */
const RAW_KEY = /\bstudio\.[a-z]/;

const rows: MediaRow[] = [
  {
    productId: 'gid://shopify/Product/801',
    productTitle: 'Linen shirt',
    mediaId: 'gid://shopify/MediaImage/9001',
    thumbnailUrl: 'https://cdn.example/linen.jpg',
    alt: '',
    width: 1200,
    height: 1500,
    bytes: 1_572_864,
    aspect: 'portrait',
    background: 'white',
    position: 0,
    edited: true,
  },
  {
    productId: 'gid://shopify/Product/802',
    productTitle: 'Clay mug <b>',
    mediaId: 'gid://shopify/MediaImage/9002',
    thumbnailUrl: 'https://cdn.example/mug.jpg',
    alt: 'Clay mug on a shelf',
    width: 800,
    height: 800,
    bytes: 90_000,
    aspect: 'square',
    background: null,
    position: 1,
    edited: false,
  },
];

const table = (locale: Locale, options: { paging?: boolean; analysing?: boolean } = {}) =>
  render(
    locale,
    <MediaTable
      items={rows}
      locale={locale}
      paging={options.paging ?? false}
      loading={false}
      analysing={options.analysing ?? false}
      previousUrl={null}
      nextUrl="/app/studio?cursor=abc&trail="
      emptyState={<p>empty</p>}
      onApplyRecipe={() => {}}
    />,
  );

const FULL: EditorDraft = {
  crop: { enabled: true, aspect: 'free', x: 0.1, y: 0.1, width: 0.8, height: 0.8 },
  rotate: 270,
  straighten: 1.5,
  adjust: { exposure: 10, contrast: -20, saturation: 5 },
  autoColour: { whiteBalance: true, levels: true },
  colourChange: { enabled: true, fromHue: 0, range: 30, toHue: 220, saturation: 0 },
  background: { enabled: true, output: 'colour', colour: '#eeeeee', feather: 4, shadow: true, tolerance: 60 },
  sharpen: 20,
  denoise: 10,
  output: { format: 'webp', quality: 80, maxEdge: 1200 },
};

const sections = (locale: Locale, draft: EditorDraft) =>
  render(
    locale,
    <>
      <GeometryControls draft={draft} set={() => {}} imageWidth={1200} imageHeight={1500} />
      <ToneControls draft={draft} set={() => {}} />
      <ColourChangeControls
        draft={draft}
        set={() => {}}
        showMask={false}
        onShowMask={() => {}}
        picking={false}
        onPicking={() => {}}
        pickedGrey
      />
      <BackgroundControls draft={draft} set={() => {}} />
      <OutputControls draft={draft} set={() => {}} longestEdge={1500} />
    </>,
  );

const versions: VersionView[] = [
  {
    id: 'v2',
    number: 2,
    source: 'rollback',
    restoredVersion: 0,
    savedAt: '2026-11-27T15:30:00.000Z',
    by: 'Ada Lovelace',
    width: 1200,
    height: 1500,
    byteSize: 180_000,
    current: true,
  },
  {
    id: 'v1',
    number: 1,
    source: 'edit',
    restoredVersion: null,
    savedAt: '2026-11-27T15:00:00.000Z',
    by: null,
    width: 1200,
    height: 1500,
    byteSize: 95_000,
    current: false,
  },
];

const batch: BatchStatus = {
  id: 'b1',
  state: 'done',
  recipeName: 'Crisp',
  total: 3,
  done: 1,
  failed: 1,
  cancelled: 1,
  cancelRequested: false,
  createdAt: '2026-11-27T15:00:00.000Z',
  finishedAt: '2026-11-27T15:01:00.000Z',
  items: [
    {
      id: 'i1',
      productId: 'gid://shopify/Product/801',
      mediaId: 'gid://shopify/MediaImage/9001',
      state: 'done',
      error: null,
      versionId: 'v1',
      newMediaId: 'gid://shopify/MediaImage/9100',
    },
    {
      id: 'i2',
      productId: 'gid://shopify/Product/802',
      mediaId: 'gid://shopify/MediaImage/9002',
      state: 'failed',
      error: 'The image cannot be read',
      versionId: null,
      newMediaId: null,
    },
    {
      id: 'i3',
      productId: 'gid://shopify/Product/803',
      mediaId: 'gid://shopify/MediaImage/9003',
      state: 'cancelled',
      error: null,
      versionId: null,
      newMediaId: null,
    },
  ],
};

const progress = (locale: Locale, status: BatchStatus) =>
  render(
    locale,
    <BatchProgress
      status={status}
      labels={{ titles: { 'gid://shopify/Product/801': 'Linen shirt' }, thumbnails: {} }}
      locale={locale}
      timeZone="America/Toronto"
      busy={null}
      onCancel={() => {}}
      onRerun={() => {}}
    />,
  );

describe('the media table', () => {
  it('shows each photo’s product, alt text or a missing badge, size, aspect and background, linked to its editor', () => {
    const html = table('en');
    const shown = text(html);
    expect(shown).toContain('Linen shirt');
    expect(shown).toContain('Image 1 · Edited in Studio');
    expect(shown).toContain('Missing');
    expect(shown).toContain('Clay mug on a shelf');
    expect(shown).toContain('1,200 × 1,500');
    expect(shown).toContain('1.5 MB');
    expect(shown).toContain('87.9 kB');
    expect(shown).toMatch(/Portrait.*White/);
    expect(html).toContain('href="/app/studio/801/9001"');
    expect(html).toContain('aria-label="Edit Linen shirt, image 1"');
    // A product title is text, never markup.
    expect(html).toContain('Clay mug &lt;b&gt;');
    expect(html).not.toMatch(RAW_KEY);
  });

  it('speaks French, says a background is being analysed, and shows skeleton rows for a page on its way', () => {
    const shown = text(table('fr', { analysing: true }));
    expect(shown).toContain('Manquant');
    expect(shown).toContain('1 200 × 1 500');
    expect(shown).toContain('Analyse en cours…');
    expect(shown).toContain('Retouchée dans le Studio');
    expect(shown).not.toMatch(RAW_KEY);
    const paging = table('en', { paging: true });
    expect(paging).not.toContain('Linen shirt');
    expect(paging).toContain('Polaris-SkeletonThumbnail');
  });
});

describe('the editor’s sections', () => {
  it('show every operation’s controls, in English and French, with nothing untranslated', () => {
    for (const locale of ['en', 'fr'] as const) {
      const html = sections(locale, FULL);
      expect(html, locale).not.toMatch(RAW_KEY);
      expect(html.match(/type="range"/g)?.length, locale).toBe(17);
    }
    const shown = text(sections('en', FULL));
    for (const label of [
      'Crop',
      'Width',
      'Rotate left',
      'Straighten',
      'Correct white balance',
      'Exposure',
      'Sharpen',
      'Colour to change',
      'New colour',
      'Show the selection',
      'Remove the background',
      'Background colour',
      'Edge softness',
      'Sensitivity',
      'Quality',
      '1200 px on the longest edge',
    ]) {
      expect(shown).toContain(label);
    }
    expect(shown).toContain('270°');
    expect(shown).toContain('That spot is white, grey or black');
  });

  it('show only the switches while the operations are off, and no quality for a transparent PNG', () => {
    const html = text(sections('en', { ...NEW_DRAFT, background: { ...NEW_DRAFT.background, enabled: true } }));
    expect(html).not.toContain('Colour to change');
    expect(html).not.toContain('Frame size');
    expect(html).toContain('PNG keeps every pixel; quality does not apply.');
  });
});

describe('the versions list', () => {
  it('names each version, who saved it, which one the product shows, and offers to restore the others', () => {
    const html = render(
      'en',
      <VersionHistory
        versions={versions}
        locale="en"
        timeZone="America/Toronto"
        restoring={null}
        onRollback={() => {}}
      />,
    );
    const shown = text(html);
    expect(shown).toContain('Version 2');
    expect(shown).toContain('Restored from Original · Nov 27, 2026, 10:30 AM by Ada Lovelace');
    expect(shown).toContain('Shown on the product');
    expect(shown).toContain('Edited · Nov 27, 2026, 10:00 AM');
    expect(html.match(/aria-label="Restore Version 1"/g)?.length).toBe(1);
    expect(html).not.toContain('Restore Version 2');
    const empty = text(
      render('fr', <VersionHistory versions={[]} locale="fr" timeZone="UTC" restoring={null} onRollback={() => {}} />),
    );
    expect(empty).toContain('Aucune version pour l’instant.');
  });
});

describe('the batch progress', () => {
  it('counts done, failed and cancelled images, lists each with its result, and offers to run the rest again', () => {
    const shown = text(progress('en', batch));
    expect(shown).toContain('1 of 3 images done · 1 failed · 1 cancelled');
    expect(shown).toContain('Run again (2 images)');
    expect(shown).toContain('The image cannot be read');
    expect(shown).toContain('Saved to Shopify as a new version');
    expect(shown).toContain('Product no longer in Shopify');
    expect(shown).not.toContain('Cancel batch');
    const running = text(progress('fr', { ...batch, state: 'running', failed: 0, cancelled: 0 }));
    expect(running).toContain('Annuler le traitement');
    expect(running).not.toContain('Relancer');
    expect(running).not.toMatch(RAW_KEY);
  });
});
