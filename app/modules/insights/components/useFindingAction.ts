/**
 * Dismiss, snooze or restore a finding from any page: a fetcher posting the
 * findings form to /app/insights/findings (its action scopes it to the
 * session's shop), then an App Bridge toast saying what happened. Remix
 * revalidates the page's loaders afterwards, so the list updates itself.
 */
import { useFetcher } from '@remix-run/react';
import { useAppBridge } from '@shopify/app-bridge-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingActionResult, FindingIntent } from '../finding-actions.server';

const FINDINGS_ACTION = '/app/insights/findings';

export function useFindingAction() {
  const fetcher = useFetcher<FindingActionResult>();
  const shopify = useAppBridge();
  const { t } = useTranslation();
  const shown = useRef<FindingActionResult | undefined>(undefined);

  useEffect(() => {
    const result = fetcher.data;
    if (fetcher.state !== 'idle' || !result || shown.current === result) return;
    shown.current = result;
    if (result.ok) shopify.toast.show(t(`insights.findings.toast.${result.intent}`));
    else shopify.toast.show(t(`insights.findings.toast.${result.error}`), { isError: true });
  }, [fetcher.state, fetcher.data, shopify, t]);

  const submit = (intent: FindingIntent, id: string, days?: number) =>
    fetcher.submit(
      { intent, id, ...(days ? { days: String(days) } : {}) },
      { method: 'post', action: FINDINGS_ACTION },
    );

  const pendingId = fetcher.state !== 'idle' ? String(fetcher.formData?.get('id') ?? '') : null;
  return { submit, pendingId };
}
