/**
 * Content › one blog article ("new" to write one): the editor, saved
 * through its action. A save answers with what happened (toast) or with the
 * problems to show; a new article moves to its own address once created.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useFetcher, useLoaderData, useNavigate } from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { Page } from '@shopify/polaris';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleEditor, type ArticleFormState } from '~/modules/content/components/ArticleEditor';
import { ContentErrorBoundary } from '~/modules/content/components/ContentErrorBoundary';
import { ARTICLES_PATH } from '~/modules/content/articles/article-filters';
import {
  applyArticleForm,
  loadArticleEditor,
  type ArticleAnswer,
} from '~/modules/content/articles/article-pages.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { useLocale } from '~/root';
import editorStyles from '~/modules/content/components/article-editor.css?url';

export const links = () => [{ rel: 'stylesheet', href: editorStyles }];

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  withAdmin(request, (admin) => loadArticleEditor(params.id ?? '', admin));

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, (admin) => applyArticleForm(request, admin, params.id ?? ''));

export default function ContentArticle() {
  const { article, blogs, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const fetcher = useFetcher<typeof action>();
  const answer = fetcher.data as ArticleAnswer | undefined;
  const formatDate = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    return (iso: string) => format.format(new Date(iso));
  }, [locale, timeZone]);

  useEffect(() => {
    if (fetcher.state !== 'idle' || !answer) return;
    if (!answer.ok) {
      shopify.toast.show(t('content.article.notSaved'), { isError: true });
      return;
    }
    shopify.toast.show(t(`content.article.saved.${answer.verb}`));
    if (!article) navigate(`${ARTICLES_PATH}/${answer.id}`, { replace: true });
    // Only a new answer matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, answer]);

  const save = (form: ArticleFormState) => fetcher.submit({ ...form }, { method: 'post' });
  const title = article ? article.title : t('content.article.newTitle');
  return (
    <Page backAction={{ content: t('content.articles.title'), url: ARTICLES_PATH }} title={title}>
      <TitleBar title={title} />
      <ArticleEditor
        // A saved article comes back from Shopify as it now is: start the form again from it.
        key={article ? `${article.id}:${article.updatedAt}` : 'new'}
        article={article}
        blogs={blogs}
        problems={answer && !answer.ok ? answer.problems : []}
        saving={fetcher.state !== 'idle'}
        formatDate={formatDate}
        onSave={save}
      />
    </Page>
  );
}

export const ErrorBoundary = ContentErrorBoundary;
