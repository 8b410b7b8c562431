/**
 * The shop as Shopify describes it, in Today's side column: name, plan,
 * currency (with a sample amount), time zone and local time, primary domain.
 * Money, dates and times across Steward follow these.
 */
import { Badge, BlockStack, Card, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import { CardHeading } from '~/modules/insights/components/CardHeading';
import type { ShopProfile } from '~/platform/shopify/shop-profile.server';

interface Props {
  profile: ShopProfile;
  format: Formatter;
  /** The moment the page was loaded, shown in the shop's time zone. */
  now: string;
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="dt" variant="bodySm" tone="subdued">
        {term}
      </Text>
      <Text as="dd" variant="bodyMd">
        {children}
      </Text>
    </BlockStack>
  );
}

export function ShopProfileCard({ profile, format, now }: Props) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="400">
        <CardHeading title={t('today.shopCard.heading')} description={t('today.shopCard.description')} />
        <dl style={{ margin: 0, display: 'grid', gap: 'var(--p-space-300)' }}>
          <Detail term={t('today.shopCard.name')}>{profile.name}</Detail>
          <Detail term={t('today.shopCard.plan')}>{profile.plan}</Detail>
          <Detail term={t('today.shopCard.currency')}>
            {`${profile.currencyCode} · ${t('today.shopCard.sampleMoney')} ${format.money(1234.5)}`}
          </Detail>
          <Detail term={t('today.shopCard.timezone')}>{profile.timeZone}</Detail>
          <Detail term={t('today.shopCard.localTime')}>{format.dateTime(now)}</Detail>
          <Detail term={t('today.shopCard.domain')}>
            <InlineStack gap="200" blockAlign="center" as="span">
              <Text as="span">{profile.primaryDomain.host}</Text>
              <Badge tone={profile.primaryDomain.sslEnabled ? 'success' : 'critical'}>
                {profile.primaryDomain.sslEnabled ? t('today.shopCard.ssl') : t('today.shopCard.noSsl')}
              </Badge>
            </InlineStack>
          </Detail>
        </dl>
      </BlockStack>
    </Card>
  );
}
