/**
 * Insights, products and inventory: the period's best sellers (chart and
 * table) and the products selling least, then the stock that runs out soon
 * and the dead stock tying up cost. The period is in the URL.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import vizStyles from '@shopify/polaris-viz/build/esm/styles.css?url';
import { useTranslation } from 'react-i18next';
import { InsightsEmpty } from '~/modules/insights/components/InsightsEmpty';
import { InsightsErrorBoundary } from '~/modules/insights/components/InsightsErrorBoundary';
import { InsightsPage } from '~/modules/insights/components/InsightsPage';
import { InsightsUpdatingBanner } from '~/modules/insights/components/InsightsUpdatingBanner';
import { InventoryRiskCard } from '~/modules/insights/components/InventoryRiskCard';
import { PeriodPicker } from '~/modules/insights/components/PeriodPicker';
import { ProductsTable } from '~/modules/insights/components/ProductsTable';
import { TopProductsChart } from '~/modules/insights/components/TopProductsChart';
import { useInsightsFormat } from '~/modules/insights/components/useInsightsFormat';
import { periodOfRequest, withInsights } from '~/modules/insights/insights-context.server';
import { loadProducts } from '~/modules/insights/pages.server';

export const links = () => [{ rel: 'stylesheet', href: vizStyles }];

export const loader = ({ request }: LoaderFunctionArgs) =>
  withInsights(request, (context) => loadProducts(context, periodOfRequest(request, context.today)));

export default function InsightsProducts() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useInsightsFormat(data.shop);
  return (
    <InsightsPage tab="products" readiness={data.readiness}>
      <InsightsUpdatingBanner readiness={data.readiness} />
      <PeriodPicker choice={data.choice} today={data.shop.today} format={format} />
      {data.products.top.length === 0 ? (
        <InsightsEmpty state="noOrdersInPeriod" />
      ) : (
        <>
          <TopProductsChart products={data.products.top} choice={data.choice} format={format} />
          <ProductsTable
            title={t('insights.products.topTitle')}
            description={t('insights.products.topDescription')}
            products={data.products.top}
            format={format}
            adminBase={data.adminBase}
          />
        </>
      )}
      <ProductsTable
        title={t('insights.products.bottomTitle')}
        description={t('insights.products.bottomDescription')}
        products={data.products.bottom}
        format={format}
        adminBase={data.adminBase}
      />
      <InventoryRiskCard inventory={data.inventory} format={format} adminBase={data.adminBase} />
    </InsightsPage>
  );
}

export const ErrorBoundary = () => <InsightsErrorBoundary tab="products" />;
