import { BlockStack, Card, DescriptionList, InlineStack, Badge, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '~/i18n/format';
import type { ShopProfile } from '~/platform/shopify/shop-profile.server';

interface Props {
  profile: ShopProfile;
  format: Formatter;
  /** The moment the page was loaded, shown in the shop's time zone. */
  now: string;
}

export function ShopProfileCard({ profile, format, now }: Props) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t('today.shopCard.heading')}
          </Text>
          <Text as="p" tone="subdued">
            {t('today.shopCard.description')}
          </Text>
        </BlockStack>
        <DescriptionList
          items={[
            { term: t('today.shopCard.name'), description: profile.name },
            { term: t('today.shopCard.plan'), description: profile.plan },
            {
              term: t('today.shopCard.currency'),
              description: `${profile.currencyCode} · ${t('today.shopCard.sampleMoney')} ${format.money(1234.5)}`,
            },
            { term: t('today.shopCard.timezone'), description: profile.timeZone },
            { term: t('today.shopCard.localTime'), description: format.dateTime(now) },
            {
              term: t('today.shopCard.domain'),
              description: (
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span">{profile.primaryDomain.host}</Text>
                  <Badge tone={profile.primaryDomain.sslEnabled ? 'success' : 'critical'}>
                    {profile.primaryDomain.sslEnabled ? t('today.shopCard.ssl') : t('today.shopCard.noSsl')}
                  </Badge>
                </InlineStack>
              ),
            },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
