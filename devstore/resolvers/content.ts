/**
 * The online store's content and the shop's files: themes and their files,
 * pages, blogs, articles, menus, the Files list, and the mutations that
 * upload and create them (stagedUploadsCreate, fileCreate, fileUpdate,
 * articleCreate, articleUpdate). MediaImage node lookups belong to catalog.
 */
import { parseGid } from '../engine/ids';
import { articleCreate, articleUpdate } from './content-articles';
import { articleNode, articlesConnection, blogNode, blogsConnection } from './content-blogs';
import { fileCreate, filesConnection, fileUpdate } from './content-files';
import {
  menuNode,
  menusConnection,
  pageNode,
  pagesConnection,
  themeNode,
  themesConnection,
} from './content-online-store';
import { stagedUploadsCreate } from './content-uploads';
import type { DevstoreContext, ResolverModule } from './context';

const loaders = {
  OnlineStoreTheme: (id: number, { state }: DevstoreContext) => {
    const theme = state.themes.get(id);
    return theme ? themeNode(theme) : null;
  },
  Page: (id: number, { state }: DevstoreContext) => {
    const page = state.pages.get(id);
    return page ? pageNode(page) : null;
  },
  Blog: (id: number, context: DevstoreContext) => {
    const blog = context.state.blogs.get(id);
    return blog ? blogNode(blog, context) : null;
  },
  Article: (id: number, context: DevstoreContext) => {
    const article = context.state.articles.get(id);
    return article ? articleNode(article, context) : null;
  },
  Menu: (id: number, { state }: DevstoreContext) => {
    const menu = state.menus.get(id);
    return menu ? menuNode(menu) : null;
  },
};

/** A root `thing(id:)` field: the node when the gid names a record of that type. */
function single(type: keyof typeof loaders) {
  return (args: Record<string, unknown>, context: DevstoreContext) => {
    const parsed = parseGid(String(args.id));
    return parsed?.type === type ? loaders[type](Number(parsed.id), context) : null;
  };
}

export const content: ResolverModule = {
  query: {
    theme: single('OnlineStoreTheme'),
    themes: themesConnection,
    page: single('Page'),
    pages: pagesConnection,
    blog: single('Blog'),
    blogs: blogsConnection,
    article: single('Article'),
    articles: (args, context) => articlesConnection(context.state.articles.values(), args, context),
    menu: single('Menu'),
    menus: menusConnection,
    files: filesConnection,
  },
  mutation: {
    stagedUploadsCreate,
    fileCreate,
    fileUpdate,
    articleCreate,
    articleUpdate,
  },
  nodes: loaders,
};
