/**
 * The online store around the catalog: staff, themes (the published one may
 * carry Steward's app embed), pages, blogs with articles, and the main and
 * footer menus — one footer link points at a page that does not exist.
 */
import { gid } from '../engine/ids';
import type { Random } from '../engine/random';
import type { ShopState } from '../state/shop-state';
import type { MenuItemRecord, PageRecord } from '../state/types';
import { between, iso, slugify, uuid } from './util';
import { FIRST_NAMES, LAST_NAMES } from './words';

export interface ContentOptions {
  since: number;
  now: number;
  /** Whether the published theme has Steward's help launcher embed switched on. */
  appEmbed: boolean;
}

export function seedStaff(state: ShopState, random: Random): string[] {
  const roles = [
    { isShopOwner: true, accountType: 'REGULAR' },
    { isShopOwner: false, accountType: 'REGULAR' },
    { isShopOwner: false, accountType: 'REGULAR' },
    { isShopOwner: false, accountType: 'RESTRICTED' },
  ] as const;
  const host = state.shop.primaryDomain.host;
  return roles.map((role, index) => {
    const id = state.nextId();
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const email = role.isShopOwner ? state.shop.email : `${slugify(firstName)}.${slugify(lastName)}${index}@${host}`;
    state.staff.set(id, {
      id,
      firstName,
      lastName,
      email,
      ...role,
      active: true,
      locale: random.pick(['en', 'en', 'fr']),
    });
    return `${firstName} ${lastName}`;
  });
}

/** A 19-digit block id like the theme editor's. */
function blockId(random: Random): string {
  return `${random.int(1, 9)}${Array.from({ length: 18 }, () => random.int(0, 9)).join('')}`;
}

function settingsData(random: Random, embed: boolean): string {
  const blocks: Record<string, { type: string; disabled: boolean; settings: Record<string, string | boolean> }> = {};
  if (embed)
    blocks[blockId(random)] = {
      type: `shopify://apps/steward/blocks/help-launcher/${uuid(random)}`,
      disabled: false,
      settings: { position: 'bottom-right', show_on_mobile: true },
    };
  blocks[blockId(random)] = {
    type: `shopify://apps/product-reviews/blocks/star-rating/${uuid(random)}`,
    disabled: true,
    settings: {},
  };
  return JSON.stringify(
    {
      current: {
        logo_width: 120,
        type_header_font: 'assistant_n4',
        type_body_font: 'assistant_n4',
        cart_type: 'drawer',
        blocks,
      },
      presets: { Default: { logo_width: 90, cart_type: 'notification' } },
    },
    null,
    2,
  );
}

const INDEX_TEMPLATE = {
  sections: {
    image_banner: { type: 'image-banner', settings: { image_height: 'large', show_text_box: true } },
    featured_collection: {
      type: 'featured-collection',
      settings: { title: 'Best sellers', collection: 'best-sellers', products_to_show: 8 },
    },
    rich_text: {
      type: 'rich-text',
      blocks: { heading: { type: 'heading', settings: { heading: 'Made to last' } } },
      block_order: ['heading'],
      settings: {},
    },
  },
  order: ['image_banner', 'featured_collection', 'rich_text'],
};

const PRODUCT_TEMPLATE = {
  sections: {
    main: {
      type: 'main-product',
      blocks: {
        title: { type: 'title', settings: {} },
        price: { type: 'price', settings: {} },
        variant_picker: { type: 'variant_picker', settings: { picker_type: 'button' } },
        buy_buttons: { type: 'buy_buttons', settings: {} },
      },
      block_order: ['title', 'price', 'variant_picker', 'buy_buttons'],
      settings: { media_size: 'large' },
    },
    related: { type: 'related-products', settings: { products_to_show: 4 } },
  },
  order: ['main', 'related'],
};

const THEME_LAYOUT = `<!doctype html>
<html lang="{{ request.locale.iso_code }}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <title>{{ page_title }}{% unless page_title contains shop.name %} &ndash; {{ shop.name }}{% endunless %}</title>
    {% if page_description %}<meta name="description" content="{{ page_description | escape }}">{% endif %}
    <link rel="canonical" href="{{ canonical_url }}">
    {{ content_for_header }}
    {{ 'base.css' | asset_url | stylesheet_tag }}
  </head>
  <body>
    {% sections 'header-group' %}
    <main id="MainContent" role="main">{{ content_for_layout }}</main>
    {% sections 'footer-group' %}
  </body>
</html>
`;

export function seedThemes(state: ShopState, random: Random, options: ContentOptions): void {
  const themes = [
    { name: 'Horizon', role: 'MAIN', embed: options.appEmbed },
    { name: 'Dawn', role: 'UNPUBLISHED', embed: false },
  ] as const;
  for (const theme of themes) {
    const id = state.nextId();
    const createdAt = between(random, options.since, options.now);
    const files = new Map<string, string>([
      ['config/settings_data.json', settingsData(random, theme.embed)],
      ['templates/index.json', JSON.stringify(INDEX_TEMPLATE, null, 2)],
      ['templates/product.json', JSON.stringify(PRODUCT_TEMPLATE, null, 2)],
      ['layout/theme.liquid', THEME_LAYOUT],
    ]);
    state.themes.set(id, {
      id,
      name: theme.name,
      role: theme.role,
      files,
      createdAt: iso(createdAt),
      updatedAt: iso(between(random, createdAt, options.now)),
    });
  }
}

const PAGES = [
  {
    title: 'About us',
    handle: 'about-us',
    body: '<p>We started in a small studio with one idea: make everyday things that last.</p>',
  },
  {
    title: 'Contact',
    handle: 'contact',
    body: '<p>Questions about an order? Write to us and we answer within one business day.</p>',
  },
  {
    title: 'FAQ',
    handle: 'faq',
    body: '<h2>How long does shipping take?</h2><p>2–5 business days.</p><h2>Can I return an item?</h2><p>Yes, within 30 days.</p>',
  },
  {
    title: 'Shipping & Returns',
    handle: 'shipping',
    body: '<p>Free shipping on larger orders. Returns are free within 30 days of delivery.</p>',
  },
];

export function seedPages(state: ShopState, random: Random, options: ContentOptions): PageRecord[] {
  return PAGES.map((page) => {
    const id = state.nextId();
    const createdAt = between(random, options.since, options.since + (options.now - options.since) / 4);
    const record: PageRecord = {
      id,
      ...page,
      isPublished: true,
      createdAt: iso(createdAt),
      updatedAt: iso(between(random, createdAt, options.now)),
    };
    state.pages.set(id, record);
    return record;
  });
}

const BLOGS = [
  {
    title: 'News',
    handle: 'news',
    articles: [
      'Our new studio is open',
      'Holiday shipping deadlines',
      'We are now carbon neutral',
      'Meet the makers',
      'Spring collection is here',
      'Store hours update',
      'Behind the scenes at the warehouse',
    ],
  },
  {
    title: 'Journal',
    handle: 'journal',
    articles: [
      'How to care for merino',
      'Five ways to style a tote',
      'A slow morning routine',
      'Why we use recycled paper',
      'Packing for a weekend away',
      'Lighting a small room',
      'The story of our mugs',
    ],
  },
];

export function seedBlogs(state: ShopState, random: Random, options: ContentOptions & { authors: string[] }): void {
  const imageIds = [...state.media.keys()];
  for (const blog of BLOGS) {
    const blogId = state.nextId();
    const blogCreated = between(random, options.since, options.since + (options.now - options.since) / 3);
    state.blogs.set(blogId, {
      id: blogId,
      title: blog.title,
      handle: blog.handle,
      createdAt: iso(blogCreated),
      updatedAt: iso(blogCreated),
    });
    const count = random.int(5, 7);
    const unpublished = new Set([random.int(0, count - 1), random.int(0, count - 1)]);
    for (let index = 0; index < count; index++) {
      const title = blog.articles[index] ?? `${blog.title} ${index + 1}`;
      const id = state.nextId();
      const createdAt = between(random, blogCreated, options.now);
      const isPublished = !unpublished.has(index);
      state.articles.set(id, {
        id,
        blogId,
        title,
        handle: slugify(title),
        body: `<p>${title}. A few notes from the team on what we have been working on.</p>`,
        summary: random.chance(0.66) ? `<p>${title}: a short read.</p>` : null,
        author: random.pick(options.authors),
        tags: random.chance(0.5)
          ? [blog.handle, random.pick(['care', 'style', 'news', 'sustainability'])]
          : [blog.handle],
        isPublished,
        publishedAt: isPublished ? iso(createdAt + random.int(0, 3) * 3_600_000) : null,
        imageId: imageIds.length > 0 && random.chance(0.6) ? random.pick(imageIds) : null,
        createdAt: iso(createdAt),
        updatedAt: iso(between(random, createdAt, options.now)),
      });
    }
    const latest = Math.max(
      ...[...state.articles.values()]
        .filter((article) => article.blogId === blogId)
        .map((article) => Date.parse(article.updatedAt)),
    );
    const record = state.blogs.get(blogId);
    if (record) record.updatedAt = iso(latest);
  }
}

function link(
  title: string,
  type: MenuItemRecord['type'],
  url: string,
  resourceId: string | null = null,
  items: MenuItemRecord[] = [],
): MenuItemRecord {
  return { title, type, url, resourceId, items };
}

/** Main menu and footer; the footer's "Size guide" links a page id that was never created. */
export function seedMenus(state: ShopState, pages: PageRecord[]): void {
  const page = (handle: string) => pages.find((candidate) => candidate.handle === handle);
  const pageLink = (handle: string) => {
    const record = page(handle);
    return link(record?.title ?? handle, 'PAGE', `/pages/${handle}`, record ? gid('Page', record.id) : null);
  };
  const collections = [...state.collections.values()].filter((collection) => collection.productIds.length > 0);
  const journal = [...state.blogs.values()].find((blog) => blog.handle === 'journal');
  const missingPageId = state.nextId();
  const menus = [
    {
      title: 'Main menu',
      handle: 'main-menu',
      items: [
        link('Home', 'FRONTPAGE', '/'),
        link(
          'Shop',
          'CATALOG',
          '/collections/all',
          null,
          collections.map((collection) =>
            link(collection.title, 'COLLECTION', `/collections/${collection.handle}`, gid('Collection', collection.id)),
          ),
        ),
        link('Journal', 'BLOG', '/blogs/journal', journal ? gid('Blog', journal.id) : null),
        pageLink('about-us'),
      ],
    },
    {
      title: 'Footer menu',
      handle: 'footer',
      items: [
        link('Search', 'SEARCH', '/search'),
        pageLink('faq'),
        pageLink('shipping'),
        pageLink('contact'),
        link('Size guide', 'PAGE', '/pages/size-guide', gid('Page', missingPageId)),
        link('Instagram', 'HTTP', 'https://instagram.com/example'),
      ],
    },
  ];
  for (const menu of menus) {
    const id = state.nextId();
    state.menus.set(id, { id, ...menu });
  }
}
