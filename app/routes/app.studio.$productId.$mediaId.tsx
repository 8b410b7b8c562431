/**
 * The Studio editor for one product image: controls for every operation, a
 * before/after preview rendered by the server, save to Shopify as a new
 * version, the versions with one-click restore, "Save as recipe".
 * (app/modules/studio/components/Editor.tsx; the posts in editor-actions.server.ts.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { isRouteErrorResponse, useLoaderData, useRouteError } from '@remix-run/react';
import { TitleBar } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { STUDIO_PATH } from '~/modules/studio/components/browser-url';
import { Editor } from '~/modules/studio/components/Editor';
import { editorAction } from '~/modules/studio/editor-actions.server';
import { editorView } from '~/modules/studio/editor-view.server';
import { imageParams, studioContext, throwStudioError } from '~/modules/studio/http.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { useLocale } from '~/root';

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  withAdmin(request, async ({ session, gateway }) => {
    const { productId, mediaId } = imageParams(params);
    return editorView(gateway, session.shop, productId, mediaId).catch(throwStudioError);
  });

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, async (admin) =>
    editorAction(studioContext(admin), imageParams(params), await request.formData()),
  );

/**
 * A save or a restore puts a new image (a new media id) in the slot: the
 * editor moves to it, rather than reloading the image that left the product.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const result = actionResult as { ok?: boolean; intent?: string } | undefined;
  if (result?.ok && (result.intent === 'save' || result.intent === 'rollback')) return false;
  return defaultShouldRevalidate;
};

export default function StudioEditor() {
  const view = useLoaderData<typeof loader>();
  const locale = useLocale();
  // A new image (after a save or a restore) starts from a clean draft.
  return <Editor key={view.item.mediaId} view={view} locale={locale} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const code = isRouteErrorResponse(error) ? (error.data as { code?: string } | null)?.code : undefined;
  const message =
    isRouteErrorResponse(error) && error.status === 503
      ? t('errors.shopifyUnavailable')
      : code
        ? t(`studio.errors.${code}`)
        : t('studio.errors.unexpected');
  return (
    <Page backAction={{ content: t('studio.editor.back'), url: STUDIO_PATH }}>
      <TitleBar title={t('studio.editor.title')} />
      <Banner
        tone="critical"
        title={t('studio.errors.title')}
        action={{ content: t('studio.errors.back'), url: STUDIO_PATH }}
      >
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
