/**
 * The article editor's form: title, body and summary (rich text), and in
 * the side column whether the store shows it, its blog (or a new one), its
 * author, tags, and its image's alt text. Unsaved changes open App Bridge's
 * save bar; problems, from the form's checks or from Shopify, show under
 * their field. The route decides what a save answer means (toast, new URL).
 */
import { SaveBar } from '@shopify/app-bridge-react';
import {
  Banner,
  BlockStack,
  Card,
  ChoiceList,
  InlineStack,
  Layout,
  Select,
  Text,
  TextField,
  Thumbnail,
} from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_LIMITS, NEW_BLOG, type ArticleFieldProblem } from '../articles/article-form';
import { sanitizeArticleHtml } from '../articles/html-policy';
import type { ArticleView, BlogOption } from '../articles/types';
import { visibilityOf } from './ArticlesTable';
import { RichTextEditor } from './RichTextEditor';

export interface ArticleFormState {
  title: string;
  blogId: string;
  newBlogTitle: string;
  author: string;
  body: string;
  summary: string;
  tags: string;
  imageAlt: string;
  published: 'true' | 'false';
}

export function initialForm(article: ArticleView | null, blogs: BlogOption[]): ArticleFormState {
  return {
    title: article?.title ?? '',
    blogId: article?.blogId ?? blogs[0]?.id ?? NEW_BLOG,
    newBlogTitle: '',
    author: article?.author ?? '',
    body: article?.body ?? '',
    summary: article?.summary ?? '',
    tags: article?.tags.join(', ') ?? '',
    imageAlt: article?.image?.altText ?? '',
    published: article?.isPublished ? 'true' : 'false',
  };
}

/** Two forms say the same (HTML compared as the policy writes it: the browser's editor reformats it). */
function same(a: ArticleFormState, b: ArticleFormState): boolean {
  return (Object.keys(a) as (keyof ArticleFormState)[]).every((key) =>
    key === 'body' || key === 'summary'
      ? sanitizeArticleHtml(a[key]) === sanitizeArticleHtml(b[key])
      : a[key] === b[key],
  );
}

interface Props {
  article: ArticleView | null;
  blogs: BlogOption[];
  problems: ArticleFieldProblem[];
  saving: boolean;
  formatDate: (iso: string) => string;
  onSave: (form: ArticleFormState) => void;
}

const SAVE_BAR_ID = 'content-article-save-bar';

export function ArticleEditor({ article, blogs, problems, saving, formatDate, onSave }: Props) {
  const { t } = useTranslation();
  const initial = initialForm(article, blogs);
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const set = (field: keyof ArticleFormState) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
  };
  const errorOf = (field: string) => {
    const problem = problems.find((candidate) => candidate.field === field);
    if (!problem || touched.has(field)) return undefined;
    if (problem.code === 'shopify') return problem.message;
    return t(`content.article.problems.${problem.code}`, { max: problem.max });
  };
  const formProblems = problems.filter((problem) => problem.field === 'form');
  const dirty = !same(form, initial);
  const save = () => {
    setTouched(new Set());
    onSave(form);
  };
  const visibility = article ? visibilityOf(article) : 'hidden';

  return (
    <>
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        {/* `variant` and `loading` are App Bridge's attributes on the save bar's buttons, not React's. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={save} disabled={saving} loading={saving ? '' : undefined}>
          {t('content.article.save')}
        </button>
        <button onClick={() => setForm(initial)} disabled={saving}>
          {t('content.article.discard')}
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {formProblems.length > 0 ? (
              <Banner tone="critical" title={t('content.article.notSaved')}>
                {formProblems.map((problem) => (
                  <p key={problem.message}>{problem.message}</p>
                ))}
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="400">
                <TextField
                  label={t('content.article.fields.title')}
                  value={form.title}
                  onChange={set('title')}
                  autoComplete="off"
                  maxLength={ARTICLE_LIMITS.title}
                  error={errorOf('title')}
                />
                <RichTextEditor
                  label={t('content.article.fields.body')}
                  value={form.body}
                  onChange={set('body')}
                  error={errorOf('body')}
                />
                {article?.bodyLosesMarkup ? (
                  <Banner tone="warning">
                    <p>{t('content.article.losesMarkup')}</p>
                  </Banner>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <RichTextEditor
                  label={t('content.article.fields.summary')}
                  value={form.summary}
                  onChange={set('summary')}
                  lines={4}
                  error={errorOf('summary')}
                />
                <Text as="p" tone="subdued" variant="bodySm">
                  {t('content.article.summaryHelp')}
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <ChoiceList
                  title={t('content.article.fields.visibility')}
                  choices={[
                    { label: t('content.article.visible'), value: 'true' },
                    { label: t('content.article.hidden'), value: 'false' },
                  ]}
                  selected={[form.published]}
                  onChange={([value]) => set('published')(value === 'true' ? 'true' : 'false')}
                />
                {article?.publishedAt && visibility !== 'hidden' ? (
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t(`content.article.${visibility === 'scheduled' ? 'scheduledFor' : 'publishedOn'}`, {
                      date: formatDate(article.publishedAt),
                    })}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Select
                  label={t('content.article.fields.blog')}
                  options={[
                    ...blogs.map((blog) => ({ label: blog.title, value: blog.id })),
                    { label: t('content.article.newBlog'), value: NEW_BLOG },
                  ]}
                  value={form.blogId}
                  onChange={set('blogId')}
                  error={errorOf('blogId')}
                />
                {form.blogId === NEW_BLOG ? (
                  <TextField
                    label={t('content.article.fields.newBlogTitle')}
                    value={form.newBlogTitle}
                    onChange={set('newBlogTitle')}
                    autoComplete="off"
                    error={errorOf('newBlogTitle')}
                  />
                ) : null}
                <TextField
                  label={t('content.article.fields.author')}
                  value={form.author}
                  onChange={set('author')}
                  autoComplete="name"
                  error={errorOf('author')}
                />
                <TextField
                  label={t('content.article.fields.tags')}
                  value={form.tags}
                  onChange={set('tags')}
                  autoComplete="off"
                  helpText={t('content.article.tagsHelp')}
                  error={errorOf('tags')}
                />
              </BlockStack>
            </Card>
            {article?.image ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingSm">
                    {t('content.article.image')}
                  </Text>
                  <InlineStack gap="300" wrap={false} blockAlign="start">
                    <Thumbnail source={article.image.url} alt={form.imageAlt} size="large" />
                    <div style={{ flex: 1 }}>
                      <TextField
                        label={t('content.article.fields.imageAlt')}
                        value={form.imageAlt}
                        onChange={set('imageAlt')}
                        autoComplete="off"
                        multiline={2}
                        maxLength={ARTICLE_LIMITS.imageAlt}
                        showCharacterCount
                        error={errorOf('imageAlt')}
                      />
                    </div>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </>
  );
}
