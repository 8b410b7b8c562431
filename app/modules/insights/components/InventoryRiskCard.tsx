/**
 * Inventory at risk, as of the shop's today: best-selling stock that runs
 * out soon (days of cover from the last 28 days' sales, and the day it would
 * run out), and dead stock — in stock, no sale in 90 days — with the cost it
 * ties up ("—" where no variant has a unit cost; units without one counted
 * apart). Each product links to it in Shopify admin.
 */
import { BlockStack, Box, Card, DataTable, Link, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { InventoryRisk } from '../inventory-risk.server';
import { addDays } from '../periods';
import { CardHeading } from './CardHeading';
import type { InsightsFormatter } from './insights-format';

interface Props {
  inventory: InventoryRisk;
  format: InsightsFormatter;
  adminBase: string;
}

const ROWS = 15;

function Section({ children }: { children: React.ReactNode }) {
  return (
    <Box paddingInline="400" paddingBlockStart="400">
      {children}
    </Box>
  );
}

export function InventoryRiskCard({ inventory, format, adminBase }: Props) {
  const { t } = useTranslation();
  const link = (productId: string, title: string) => (
    <Link key={productId} url={`${adminBase}/products/${productId}`} target="_top" removeUnderline>
      {title}
    </Link>
  );
  /** Under a table cut at ROWS: how many of how many are shown. */
  const more = (total: number) => (total > ROWS ? t('insights.inventory.more', { shown: ROWS, total }) : undefined);
  const atRisk = inventory.atRisk.slice(0, ROWS);
  const dead = inventory.deadStock.slice(0, ROWS);
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Section>
          <CardHeading
            title={t('insights.inventory.atRiskTitle')}
            description={t('insights.inventory.atRiskDescription', {
              days: inventory.coverDays,
              window: format.period(inventory.velocityWindow),
            })}
          />
        </Section>
        {atRisk.length === 0 ? (
          <Section>
            <Text as="p" tone="subdued">
              {t('insights.inventory.noneAtRisk')}
            </Text>
          </Section>
        ) : (
          <DataTable
            columnContentTypes={['text', 'numeric', 'numeric', 'numeric', 'text']}
            headings={[
              t('insights.inventory.columns.product'),
              t('insights.inventory.columns.available'),
              t('insights.inventory.columns.velocity'),
              t('insights.inventory.columns.daysOfCover'),
              t('insights.inventory.columns.stockOut'),
            ]}
            rows={atRisk.map((row) => [
              link(row.productId, row.title),
              format.number(row.available),
              format.decimal(row.velocity),
              row.daysOfCover === null ? '—' : format.decimal(row.daysOfCover),
              row.daysOfCover === null
                ? '—'
                : format.calendarDate(addDays(inventory.today, Math.floor(row.daysOfCover))),
            ])}
            footerContent={more(inventory.atRisk.length)}
          />
        )}
        <Section>
          <CardHeading
            title={t('insights.inventory.deadTitle')}
            description={t('insights.inventory.deadDescription', { days: inventory.deadAfterDays })}
          >
            {inventory.deadStock.length > 0 ? (
              <Text as="p" variant="bodyMd" fontWeight="semibold">
                {t('insights.inventory.deadSummary', {
                  cost: format.money(inventory.deadStockCost),
                  products: format.number(inventory.deadStock.length),
                })}
                {inventory.deadStockUncostedUnits > 0
                  ? ` ${t('insights.inventory.deadUncosted', { units: format.number(inventory.deadStockUncostedUnits) })}`
                  : ''}
              </Text>
            ) : null}
          </CardHeading>
        </Section>
        {dead.length === 0 ? (
          <Box paddingInline="400" paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              {t('insights.inventory.noDeadStock')}
            </Text>
          </Box>
        ) : (
          <DataTable
            columnContentTypes={['text', 'numeric', 'text', 'numeric']}
            headings={[
              t('insights.inventory.columns.product'),
              t('insights.inventory.columns.available'),
              t('insights.inventory.columns.lastSale'),
              t('insights.inventory.columns.costTiedUp'),
            ]}
            rows={dead.map((row) => [
              link(row.productId, row.title),
              format.number(row.available),
              row.lastSaleDay ? format.calendarDate(row.lastSaleDay) : t('insights.inventory.neverSold'),
              row.costTiedUp === null ? '—' : format.money(row.costTiedUp),
            ])}
            footerContent={more(inventory.deadStock.length)}
          />
        )}
      </BlockStack>
    </Card>
  );
}
