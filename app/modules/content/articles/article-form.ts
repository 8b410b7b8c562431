/**
 * The article editor's form, checked in the browser and again on the server:
 * title, blog (or a new one by its title), author, body and summary (HTML, cleaned by the server before
 * it goes to Shopify), tags (comma-separated), the image's alt text and
 * whether the article is visible on the store.
 */
import { z } from 'zod';

export const ARTICLE_LIMITS = {
  title: 255,
  author: 255,
  body: 500_000,
  summary: 50_000,
  tag: 255,
  tags: 250,
  imageAlt: 512,
} as const;

/** A problem with one field, as a key the page translates (with the limit when there is one). */
export interface ArticleFieldProblem {
  field: string;
  code: 'required' | 'tooLong' | 'invalid' | 'shopify';
  max?: number;
  message?: string;
}

const required = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max, { message: 'tooLong' });

/** The blog choice that makes a new blog (named in newBlogTitle). */
export const NEW_BLOG = 'new';

export const articleFormSchema = z
  .object({
    title: required(ARTICLE_LIMITS.title),
    blogId: z.string().regex(/^(\d{1,20}|new)$/, { message: 'required' }),
    newBlogTitle: z.string().trim().max(ARTICLE_LIMITS.title, { message: 'tooLong' }).optional(),
    author: required(ARTICLE_LIMITS.author),
    body: z.string().max(ARTICLE_LIMITS.body, { message: 'tooLong' }),
    summary: z.string().max(ARTICLE_LIMITS.summary, { message: 'tooLong' }),
    tags: z
      .string()
      .transform((text) => [
        ...new Set(
          text
            .split(',')
            .map((tag) => tag.trim())
            .filter((tag) => tag !== ''),
        ),
      ])
      .pipe(
        z
          .array(z.string().max(ARTICLE_LIMITS.tag, { message: 'tooLong' }))
          .max(ARTICLE_LIMITS.tags, { message: 'tooLong' }),
      ),
    imageAlt: z.string().trim().max(ARTICLE_LIMITS.imageAlt, { message: 'tooLong' }).optional(),
    published: z.enum(['true', 'false']).transform((value) => value === 'true'),
  })
  .superRefine((form, context) => {
    if (form.blogId === NEW_BLOG && !form.newBlogTitle) {
      context.addIssue({ code: 'custom', path: ['newBlogTitle'], message: 'required' });
    }
  });

export type ArticleForm = z.infer<typeof articleFormSchema>;

const MAX_OF: Record<string, number> = {
  title: ARTICLE_LIMITS.title,
  newBlogTitle: ARTICLE_LIMITS.title,
  author: ARTICLE_LIMITS.author,
  body: ARTICLE_LIMITS.body,
  summary: ARTICLE_LIMITS.summary,
  tags: ARTICLE_LIMITS.tag,
  imageAlt: ARTICLE_LIMITS.imageAlt,
};

export function articleProblemsOf(error: z.ZodError): ArticleFieldProblem[] {
  const seen = new Set<string>();
  return error.issues.flatMap((issue): ArticleFieldProblem[] => {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) return [];
    seen.add(field);
    if (issue.message === 'required') return [{ field, code: 'required' }];
    if (issue.message === 'tooLong') {
      const max = field === 'tags' && issue.path.length === 1 ? ARTICLE_LIMITS.tags : MAX_OF[field];
      return [{ field, code: 'tooLong', max }];
    }
    return [{ field, code: 'invalid' }];
  });
}
