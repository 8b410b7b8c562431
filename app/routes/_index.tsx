/**
 * The app URL outside Shopify admin. Shopify opens Steward at /app with the
 * shop and host parameters; anyone arriving here with them is sent on, and
 * anyone else is told where Steward lives. There is no separate login.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useTranslation } from 'react-i18next';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get('shop')) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
};

export const meta: MetaFunction = () => [{ title: 'Steward' }];

export default function Landing() {
  const { t } = useTranslation();
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '36rem', margin: '4rem auto', padding: '0 1rem' }}>
      <h1>{t('landing.title')}</h1>
      <p>{t('landing.body')}</p>
    </main>
  );
}
