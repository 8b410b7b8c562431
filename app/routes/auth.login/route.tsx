/**
 * Where Shopify's library sends a visit to /app from outside Shopify admin:
 * the merchant names their shop and is sent to install or open Steward there.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from '@shopify/polaris';
import polarisStyles from '@shopify/polaris/build/esm/styles.css?url';
import { LoginErrorType } from '@shopify/shopify-app-remix/server';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POLARIS_TRANSLATIONS } from '~/i18n/polaris';
import { useLocale } from '~/root';
import { login } from '~/shopify.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: 'Steward' }];

function errorKey(errors: Awaited<ReturnType<typeof login>>): string | undefined {
  if (errors.shop === LoginErrorType.MissingShop) return 'login.missingShop';
  if (errors.shop === LoginErrorType.InvalidShop) return 'login.invalidShop';
  return undefined;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  // With ?shop= in the URL, login() redirects straight to the shop.
  return { error: errorKey(await login(request)) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  return { error: errorKey(await login(request)) };
};

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState('');
  const { t } = useTranslation();
  const locale = useLocale();
  const error = actionData?.error ?? loaderData.error;
  return (
    <AppProvider i18n={POLARIS_TRANSLATIONS[locale]}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">
                {t('login.title')}
              </Text>
              <TextField
                type="text"
                name="shop"
                label={t('login.shopLabel')}
                helpText={t('login.shopHelp')}
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error ? t(error) : undefined}
              />
              <Button submit variant="primary">
                {t('login.submit')}
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
