/** Blogs and their articles: node builders and the root fields that list them. */
import { connection, encodeCursor, type ConnectionArgs } from '../engine/connection';
import { gid } from '../engine/ids';
import type { ArticleRecord, BlogRecord } from '../state/types';
import { cdnUrl } from './content-files';
import { publishedStatus } from './content-online-store';
import type { DevstoreContext } from './context';

const RECENT_ARTICLES_FOR_TAGS = 200;

const articlesOf = (blog: BlogRecord, { state }: DevstoreContext) =>
  [...state.articles.values()].filter((article) => article.blogId === blog.id);

function count(total: number, limit: number | null | undefined) {
  return limit != null && total > limit
    ? { count: limit, precision: 'AT_LEAST' }
    : { count: total, precision: 'EXACT' };
}

export function blogNode(blog: BlogRecord, context: DevstoreContext) {
  return {
    __typename: 'Blog',
    id: gid('Blog', blog.id),
    title: blog.title,
    handle: blog.handle,
    createdAt: blog.createdAt,
    updatedAt: blog.updatedAt,
    templateSuffix: null,
    feed: null,
    articles: (args: ConnectionArgs) => articlesConnection(articlesOf(blog, context), args, context),
    articlesCount: (args: { limit?: number | null }) => count(articlesOf(blog, context).length, args.limit),
    tags: () => {
      const recent = articlesOf(blog, context)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, RECENT_ARTICLES_FOR_TAGS);
      return [...new Set(recent.flatMap((article) => article.tags))].sort();
    },
  };
}

function articleImage(article: ArticleRecord, context: DevstoreContext) {
  const media = article.imageId === null ? undefined : context.state.media.get(article.imageId);
  if (!media) return null;
  return {
    id: gid('ImageSource', media.id),
    url: cdnUrl(context, media.key),
    altText: media.alt || null,
    width: media.width,
    height: media.height,
    thumbhash: null,
  };
}

export function articleNode(article: ArticleRecord, context: DevstoreContext) {
  const id = gid('Article', article.id);
  const blog = context.state.blogs.get(article.blogId);
  return {
    __typename: 'Article',
    id,
    title: article.title,
    handle: article.handle,
    body: article.body,
    summary: article.summary,
    author: article.author ? { name: article.author } : null,
    tags: article.tags,
    isPublished: article.isPublished,
    publishedAt: article.publishedAt,
    templateSuffix: null,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    defaultCursor: encodeCursor(id),
    blog: () => (blog ? blogNode(blog, context) : null),
    image: () => articleImage(article, context),
  };
}

const blogTitle = (article: ArticleRecord, { state }: DevstoreContext) => state.blogs.get(article.blogId)?.title ?? '';

export function articlesConnection(articles: Iterable<ArticleRecord>, args: ConnectionArgs, context: DevstoreContext) {
  return connection(articles, args, {
    id: (article) => gid('Article', article.id),
    node: (article) => articleNode(article, context),
    sortKeys: {
      TITLE: (article) => article.title.toLowerCase(),
      AUTHOR: (article) => article.author.toLowerCase(),
      BLOG_TITLE: (article) => blogTitle(article, context).toLowerCase(),
      PUBLISHED_AT: (article) => article.publishedAt ?? '',
      UPDATED_AT: (article) => article.updatedAt,
    },
    searchFields: {
      id: (article) => article.id,
      blog_id: (article) => article.blogId,
      blog_title: (article) => blogTitle(article, context),
      title: (article) => article.title,
      handle: (article) => article.handle,
      author: (article) => article.author,
      tag: (article) => article.tags,
      published_status: (article) => publishedStatus(article.isPublished),
      published_at: (article) => article.publishedAt,
      created_at: (article) => article.createdAt,
      updated_at: (article) => article.updatedAt,
    },
    searchText: (article) => `${article.title} ${article.author} ${article.tags.join(' ')}`,
  });
}

export function blogsConnection(args: Record<string, unknown>, context: DevstoreContext) {
  return connection(context.state.blogs.values(), args, {
    id: (blog) => gid('Blog', blog.id),
    node: (blog) => blogNode(blog, context),
    sortKeys: { TITLE: (blog) => blog.title.toLowerCase(), HANDLE: (blog) => blog.handle },
    searchFields: {
      id: (blog) => blog.id,
      title: (blog) => blog.title,
      handle: (blog) => blog.handle,
      created_at: (blog) => blog.createdAt,
      updated_at: (blog) => blog.updatedAt,
    },
    searchText: (blog) => `${blog.title} ${blog.handle}`,
  });
}
