/**
 * articleCreate and articleUpdate with Shopify's userErrors: the blog (by id,
 * or a new one by title), the author (a name, or a staff member), a handle
 * unique in its blog, publishing now or at a publish date, and an image from
 * a file this devstore stores.
 */
import { NotEmulatedError } from '../engine/strict-resolver';
import { parseGid } from '../engine/ids';
import type { ArticleRecord, BlogRecord } from '../state/types';
import { articleNode } from './content-blogs';
import { readSourceImage } from './content-files';
import type { DevstoreContext } from './context';

interface ArticleInput {
  title?: string | null;
  body?: string | null;
  summary?: string | null;
  handle?: string | null;
  author?: { name?: string | null; userId?: string | null } | null;
  tags?: string[] | null;
  isPublished?: boolean | null;
  publishDate?: string | null;
  blogId?: string | null;
  image?: { url?: string | null; altText?: string | null } | null;
  metafields?: unknown[] | null;
  templateSuffix?: string | null;
  redirectNewHandle?: boolean | null;
}

interface ArticleUserError {
  field: string[] | null;
  message: string;
  code: string;
}

export const handleize = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function uniqueHandle(base: string, blogId: number, selfId: number | null, context: DevstoreContext): string {
  const taken = new Set(
    [...context.state.articles.values()].filter((a) => a.blogId === blogId && a.id !== selfId).map((a) => a.handle),
  );
  const root = base || 'article';
  let handle = root;
  for (let suffix = 1; taken.has(handle); suffix++) handle = `${root}-${suffix}`;
  return handle;
}

const handleTaken = (handle: string, blogId: number, selfId: number | null, { state }: DevstoreContext) =>
  [...state.articles.values()].some((a) => a.blogId === blogId && a.id !== selfId && a.handle === handle);

type BlogChoice = { blog: BlogRecord | null; newTitle: string | null } | ArticleUserError;

function chooseBlog(
  input: ArticleInput,
  blogInput: { title: string } | null | undefined,
  required: boolean,
  context: DevstoreContext,
): BlogChoice {
  if (input.blogId && blogInput)
    return { field: ['article', 'blogId'], message: 'Provide either blogId or blog, not both', code: 'AMBIGUOUS_BLOG' };
  if (blogInput) {
    if (!blogInput.title.trim()) return { field: ['blog', 'title'], message: "Title can't be blank", code: 'BLANK' };
    return { blog: null, newTitle: blogInput.title.trim() };
  }
  if (input.blogId) {
    const parsed = parseGid(input.blogId);
    const blog = parsed?.type === 'Blog' ? context.state.blogs.get(Number(parsed.id)) : undefined;
    return blog
      ? { blog, newTitle: null }
      : { field: ['article', 'blogId'], message: 'Blog does not exist', code: 'NOT_FOUND' };
  }
  if (required)
    return { field: ['article'], message: 'A blog is required: give blogId or blog', code: 'BLOG_REFERENCE_REQUIRED' };
  return { blog: null, newTitle: null };
}

function authorName(
  author: ArticleInput['author'],
  required: boolean,
  { state }: DevstoreContext,
): string | null | ArticleUserError {
  if (!author || (!author.name && !author.userId)) {
    return required
      ? { field: ['article', 'author'], message: 'An author name or userId is required', code: 'AUTHOR_FIELD_REQUIRED' }
      : null;
  }
  if (author.name && author.userId)
    return {
      field: ['article', 'author'],
      message: 'Provide either name or userId, not both',
      code: 'AMBIGUOUS_AUTHOR',
    };
  if (author.name) return author.name;
  const parsed = parseGid(author.userId as string);
  const staff = parsed?.type === 'StaffMember' ? state.staff.get(Number(parsed.id)) : undefined;
  if (!staff)
    return {
      field: ['article', 'author', 'userId'],
      message: 'The author must be an existing staff member',
      code: 'AUTHOR_MUST_EXIST',
    };
  return `${staff.firstName} ${staff.lastName}`;
}

const isError = (value: unknown): value is ArticleUserError =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

function refuseUnemulated(typeName: string, input: ArticleInput) {
  if (input.metafields?.length) throw new NotEmulatedError(typeName, 'metafields');
  if (input.templateSuffix) throw new NotEmulatedError(typeName, 'templateSuffix');
}

/** isPublished and publishedAt from the input; a future date schedules the article. */
function publishing(input: ArticleInput, current: ArticleRecord | null, now: string) {
  const date = input.publishDate ?? null;
  const future = date !== null && Date.parse(date) > Date.now();
  if (future && input.isPublished === true)
    return {
      field: ['article', 'publishDate'],
      message: "Can't publish an article with a future publish date",
      code: 'INVALID_PUBLISH_DATE',
    };
  if (input.isPublished == null && date === null)
    return current
      ? { isPublished: current.isPublished, publishedAt: current.publishedAt }
      : { isPublished: false, publishedAt: null };
  const isPublished = input.isPublished ?? !future;
  if (!isPublished) return { isPublished: false, publishedAt: future ? date : null };
  return { isPublished: true, publishedAt: date ?? current?.publishedAt ?? now };
}

async function imageId(
  input: ArticleInput,
  context: DevstoreContext,
): Promise<number | null | undefined | ArticleUserError> {
  if (input.image === undefined) return undefined;
  if (input.image === null || !input.image.url) return null;
  const image = await readSourceImage(input.image.url, ['article', 'image', 'url'], context);
  if ('code' in image) return { field: image.field, message: image.message, code: 'UPLOAD_FAILED' };
  const { state } = context;
  const now = state.now();
  const id = state.nextId();
  const alt = input.image.altText ?? '';
  state.media.set(id, {
    id,
    productId: null,
    alt,
    key: image.key,
    width: image.width,
    height: image.height,
    mimeType: image.mimeType,
    fileSize: image.bytes.length,
    status: 'READY',
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

function createBlog(title: string, { state }: DevstoreContext): BlogRecord {
  const now = state.now();
  const handles = new Set([...state.blogs.values()].map((blog) => blog.handle));
  let handle = handleize(title) || 'blog';
  for (let suffix = 1; handles.has(handle); suffix++) handle = `${handleize(title) || 'blog'}-${suffix}`;
  const blog = { id: state.nextId(), title, handle, createdAt: now, updatedAt: now };
  state.blogs.set(blog.id, blog);
  return blog;
}

export async function articleCreate(args: Record<string, unknown>, context: DevstoreContext) {
  const input = args.article as ArticleInput;
  refuseUnemulated('ArticleCreateInput', input);
  const fail = (error: ArticleUserError) => ({ article: null, userErrors: [error] });
  const choice = chooseBlog(input, args.blog as { title: string } | null, true, context);
  if (isError(choice)) return fail(choice);
  const title = (input.title ?? '').trim();
  if (!title) return fail({ field: ['article', 'title'], message: "Title can't be blank", code: 'BLANK' });
  const author = authorName(input.author, true, context);
  if (isError(author)) return fail(author);
  const blogId = choice.blog?.id ?? null;
  if (input.handle && blogId !== null && handleTaken(handleize(input.handle), blogId, null, context)) {
    return fail({ field: ['article', 'handle'], message: 'Handle has already been taken', code: 'TAKEN' });
  }
  const { state } = context;
  const now = state.now();
  const published = publishing(input, null, now);
  if (isError(published)) return fail(published);
  const image = await imageId(input, context);
  if (isError(image)) return fail(image);
  const blog = choice.blog ?? createBlog(choice.newTitle as string, context);
  const article: ArticleRecord = {
    id: state.nextId(),
    blogId: blog.id,
    title,
    handle: uniqueHandle(handleize(input.handle || title), blog.id, null, context),
    body: input.body ?? '',
    summary: input.summary ?? null,
    author: author as string,
    tags: input.tags ?? [],
    ...published,
    imageId: image ?? null,
    createdAt: now,
    updatedAt: now,
  };
  state.articles.set(article.id, article);
  return { article: articleNode(article, context), userErrors: [] };
}

export async function articleUpdate(args: Record<string, unknown>, context: DevstoreContext) {
  const input = args.article as ArticleInput;
  refuseUnemulated('ArticleUpdateInput', input);
  const fail = (error: ArticleUserError) => ({ article: null, userErrors: [error] });
  const parsed = parseGid(String(args.id));
  const article = parsed?.type === 'Article' ? context.state.articles.get(Number(parsed.id)) : undefined;
  if (!article) return fail({ field: ['id'], message: 'Article does not exist', code: 'NOT_FOUND' });
  const choice = chooseBlog(input, args.blog as { title: string } | null, false, context);
  if (isError(choice)) return fail(choice);
  if (input.title != null && !input.title.trim())
    return fail({ field: ['article', 'title'], message: "Title can't be blank", code: 'BLANK' });
  const author = authorName(input.author, false, context);
  if (isError(author)) return fail(author);
  const blogId = choice.blog?.id ?? article.blogId;
  const handle = input.handle ? handleize(input.handle) : null;
  if (handle && handleTaken(handle, blogId, article.id, context))
    return fail({ field: ['article', 'handle'], message: 'Handle has already been taken', code: 'TAKEN' });
  const { state } = context;
  const now = state.now();
  const published = publishing(input, article, now);
  if (isError(published)) return fail(published);
  const image = await imageId(input, context);
  if (isError(image)) return fail(image);
  const blog = choice.newTitle ? createBlog(choice.newTitle, context) : null;
  Object.assign(article, {
    blogId: blog?.id ?? blogId,
    title: input.title?.trim() ?? article.title,
    handle:
      handle ??
      (blog || blogId !== article.blogId
        ? uniqueHandle(article.handle, blog?.id ?? blogId, article.id, context)
        : article.handle),
    body: input.body ?? article.body,
    summary: input.summary === undefined ? article.summary : input.summary,
    author: author ?? article.author,
    tags: input.tags ?? article.tags,
    ...published,
    imageId: image === undefined ? article.imageId : image,
    updatedAt: now,
  });
  return { article: articleNode(article, context), userErrors: [] };
}
