/**
 * A Studio batch: a recipe being applied to many images by the job queue.
 * Its progress and per-image results, polled every two seconds while it
 * runs; Cancel, and "Run again" for the images that failed or were cancelled.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from '@remix-run/react';
import { TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { Banner, Page } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePollWhile } from '~/components/sync/use-poll';
import { batchAction, batchView } from '~/modules/studio/batch-view.server';
import { BatchProgress } from '~/modules/studio/components/BatchProgress';
import { batchPath, STUDIO_PATH } from '~/modules/studio/components/browser-url';
import { useActionResult } from '~/modules/studio/components/use-action-result';
import { studioContext } from '~/modules/studio/http.server';
import { withAdmin } from '~/platform/shopify/admin-request.server';
import { useLocale } from '~/root';

const POLL_MS = 2_000;

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  withAdmin(request, ({ session, gateway }) => batchView(gateway, session.shop, params.id ?? '', new URL(request.url)));

export const action = ({ request, params }: ActionFunctionArgs) =>
  withAdmin(request, async (admin) => batchAction(studioContext(admin), params.id ?? '', await request.formData()));

export default function StudioBatch() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const shopify = useAppBridge();
  const poller = useFetcher<typeof loader>();
  const actor = useFetcher<typeof action>();
  const path = batchPath(loaded.status.id);

  // The newest answer: the page's load, then each poll, cancel or re-run as it arrives.
  const [latest, setLatest] = useState(loaded.status);
  useEffect(() => setLatest(loaded.status), [loaded.status]);
  useActionResult(poller, (result) => setLatest(result.status));
  const running = latest.state === 'queued' || latest.state === 'running';

  usePollWhile(running, POLL_MS, () => {
    if (poller.state === 'idle') poller.load(`${path}?progress=1`);
  });

  useActionResult(actor, (result) => {
    if (!result.ok) {
      shopify.toast.show(t(`studio.errors.${result.code}`), { isError: true });
      return;
    }
    setLatest(result.status);
    shopify.toast.show(result.intent === 'cancel' ? t('studio.batch.cancelled') : t('studio.batch.rerunStarted'));
  });

  const busy = actor.state === 'idle' ? null : (actor.formData?.get('intent') as 'cancel' | 'rerun' | null);
  return (
    <Page
      backAction={{ content: t('studio.editor.back'), url: STUDIO_PATH }}
      title={latest.recipeName ?? t('studio.batch.unnamed')}
      subtitle={t('studio.batch.heading', { count: latest.total })}
    >
      <TitleBar title={t('studio.batch.title')} />
      <BatchProgress
        status={latest}
        labels={loaded.labels ?? { titles: {}, thumbnails: {} }}
        locale={locale}
        timeZone={loaded.timeZone ?? 'UTC'}
        busy={busy}
        onCancel={() => actor.submit({ intent: 'cancel' }, { method: 'post' })}
        onRerun={() => actor.submit({ intent: 'rerun' }, { method: 'post' })}
      />
    </Page>
  );
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
      <TitleBar title={t('studio.batch.title')} />
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
