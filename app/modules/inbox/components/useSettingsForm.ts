/**
 * An edit page's form (a template, a rule): the values being edited, whether
 * they differ from the saved ones (App Bridge's save bar shows then), saving
 * and deleting through the page's action with a fetcher, field errors from
 * its answer, and a toast and the way back to the settings once done.
 */
import { useFetcher, useNavigate } from '@remix-run/react';
import { useAppBridge } from '@shopify/app-bridge-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsActionResult } from '../settings-pages.server';
import { useFetcherResult } from './useFetcherResult';

export const SETTINGS_URL = '/app/inbox/settings';

export function useSettingsForm<T extends Record<string, string>>(
  saved: T,
  messages: { saved: string; deleted: string },
) {
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const fetcher = useFetcher<SettingsActionResult>();
  const [values, setValues] = useState(saved);
  const dirty = Object.keys(saved).some((key) => values[key] !== saved[key]);

  useFetcherResult(fetcher, (result) => {
    if (!result.ok) {
      shopify.toast.show(t('inbox.saveFailed'), { isError: true });
      return;
    }
    shopify.toast.show(result.intent === 'delete' ? messages.deleted : messages.saved);
    navigate(SETTINGS_URL);
  });

  return {
    values,
    dirty,
    busy: fetcher.state !== 'idle',
    errors: fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {},
    set: <K extends keyof T>(key: K, value: T[K]) => setValues((current) => ({ ...current, [key]: value })),
    reset: () => setValues(saved),
    save: () => fetcher.submit({ intent: 'save', ...values }, { method: 'post' }),
    remove: () => fetcher.submit({ intent: 'delete' }, { method: 'post' }),
  };
}
