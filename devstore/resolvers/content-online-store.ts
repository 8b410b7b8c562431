/**
 * The online store's themes (with their files), pages and navigation menus:
 * node builders and the root fields that list them.
 */
import { createHash } from 'node:crypto';
import { connection, encodeCursor } from '../engine/connection';
import { gid } from '../engine/ids';
import type { MenuItemRecord, MenuRecord, PageRecord, ThemeRecord } from '../state/types';
import type { DevstoreContext } from './context';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  liquid: 'application/x-liquid',
  css: 'text/css',
  js: 'application/javascript',
  svg: 'image/svg+xml',
  txt: 'text/plain',
};

/** A `filenames` pattern, where `*` matches any run of characters. */
function globMatcher(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function themeFileNode(theme: ThemeRecord, filename: string, content: string) {
  return {
    filename,
    size: String(Buffer.byteLength(content)),
    contentType: CONTENT_TYPES[/\.([^.]+)$/.exec(filename)?.[1] ?? ''] ?? 'text/plain',
    checksumMd5: createHash('md5').update(content).digest('hex'),
    createdAt: theme.createdAt,
    updatedAt: theme.updatedAt,
    body: { __typename: 'OnlineStoreThemeFileBodyText', content },
  };
}

function themeFiles(theme: ThemeRecord, args: Record<string, unknown>) {
  const patterns = (args.filenames as string[] | null | undefined) ?? null;
  const matchers = patterns?.map(globMatcher) ?? null;
  const names = [...theme.files.keys()].filter((name) => !matchers || matchers.some((matcher) => matcher.test(name)));
  const missing = (patterns ?? []).filter((pattern) => !pattern.includes('*') && !theme.files.has(pattern));
  const page = connection(
    names,
    { first: (args.first as number | null) ?? 50, after: args.after as string | null },
    {
      id: (name) => name,
      node: (name) => themeFileNode(theme, name, theme.files.get(name) as string),
      sortKeys: { FILENAME: (name) => name },
      defaultSortKey: 'FILENAME',
    },
  );
  return { ...page, userErrors: missing.map((filename) => ({ filename, code: 'NOT_FOUND' })) };
}

export function themeNode(theme: ThemeRecord) {
  return {
    __typename: 'OnlineStoreTheme',
    id: gid('OnlineStoreTheme', theme.id),
    name: theme.name,
    role: theme.role,
    createdAt: theme.createdAt,
    updatedAt: theme.updatedAt,
    processing: false,
    processingFailed: false,
    themeStoreId: null,
    files: (args: Record<string, unknown>) => themeFiles(theme, args),
  };
}

export function themesConnection(args: Record<string, unknown>, { state }: DevstoreContext) {
  const roles = args.roles as string[] | null | undefined;
  const names = args.names as string[] | null | undefined;
  const themes = [...state.themes.values()].filter(
    (theme) => (!roles || roles.includes(theme.role)) && (!names || names.includes(theme.name)),
  );
  return connection(
    themes,
    {
      first: args.first as number,
      last: args.last as number,
      after: args.after as string,
      before: args.before as string,
      reverse: args.reverse as boolean,
    },
    {
      id: (theme) => gid('OnlineStoreTheme', theme.id),
      node: themeNode,
    },
  );
}

/** Text of an HTML body: tags dropped, whitespace collapsed. */
export const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const SUMMARY_LENGTH = 150;

export function pageNode(page: PageRecord) {
  const id = gid('Page', page.id);
  const text = plainText(page.body);
  return {
    __typename: 'Page',
    id,
    title: page.title,
    handle: page.handle,
    body: page.body,
    bodySummary: text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 3)}...` : text,
    isPublished: page.isPublished,
    // Pages carry no separate publish time here: a published page was published when created.
    publishedAt: page.isPublished ? page.createdAt : null,
    templateSuffix: null,
    createdAt: page.createdAt,
    updatedAt: page.updatedAt,
    defaultCursor: encodeCursor(id),
  };
}

/** Values for a `published_status:` filter: `any` plus the page's own state. */
export const publishedStatus = (isPublished: boolean) => ['any', isPublished ? 'published' : 'unpublished'];

export function pagesConnection(args: Record<string, unknown>, { state }: DevstoreContext) {
  return connection(state.pages.values(), args, {
    id: (page) => gid('Page', page.id),
    node: pageNode,
    sortKeys: {
      TITLE: (page) => page.title.toLowerCase(),
      UPDATED_AT: (page) => page.updatedAt,
      PUBLISHED_AT: (page) => (page.isPublished ? page.createdAt : ''),
    },
    searchFields: {
      id: (page) => page.id,
      title: (page) => page.title,
      handle: (page) => page.handle,
      created_at: (page) => page.createdAt,
      updated_at: (page) => page.updatedAt,
      published_at: (page) => (page.isPublished ? page.createdAt : null),
      published_status: (page) => publishedStatus(page.isPublished),
    },
    searchText: (page) => `${page.title} ${page.handle}`,
  });
}

/** Menu items get stable ids from their menu and their place in it. */
function menuItemNodes(menu: MenuRecord, items: MenuItemRecord[], counter: { next: number }): unknown[] {
  return items.map((item) => ({
    id: gid('MenuItem', menu.id * 1000 + counter.next++),
    title: item.title,
    type: item.type,
    url: item.url,
    resourceId: item.resourceId,
    tags: [],
    items: menuItemNodes(menu, item.items, counter),
  }));
}

export function menuNode(menu: MenuRecord) {
  return {
    __typename: 'Menu',
    id: gid('Menu', menu.id),
    title: menu.title,
    handle: menu.handle,
    isDefault: menu.handle === 'main-menu' || menu.handle === 'footer',
    items: (args: { limit?: number | null }) =>
      menuItemNodes(menu, menu.items, { next: 1 }).slice(0, args.limit ?? undefined),
  };
}

export function menusConnection(args: Record<string, unknown>, { state }: DevstoreContext) {
  return connection(
    state.menus.values(),
    { ...args, sortKey: args.sortKey === 'UPDATED_AT' ? 'ID' : (args.sortKey as string) },
    {
      id: (menu) => gid('Menu', menu.id),
      node: menuNode,
      sortKeys: { TITLE: (menu) => menu.title.toLowerCase() },
      searchFields: { id: (menu) => menu.id, title: (menu) => menu.title, handle: (menu) => menu.handle },
      searchText: (menu) => `${menu.title} ${menu.handle}`,
    },
  );
}
