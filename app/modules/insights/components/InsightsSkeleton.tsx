/**
 * An Insights page, or Today, while it loads: its headline tiles (in a KpiGrid,
 * as the pages lay them out) and a card, in skeletons, under its title.
 */
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from '@shopify/polaris';
import { KpiGrid } from './KpiGrid';

export function InsightsSkeleton({ title, tiles }: { title: string; tiles: number }) {
  return (
    <SkeletonPage title={title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <KpiGrid>
              {Array.from({ length: tiles }, (_, index) => (
                <Card key={index}>
                  <BlockStack gap="200">
                    <SkeletonBodyText lines={1} />
                    <SkeletonDisplayText size="medium" />
                  </BlockStack>
                </Card>
              ))}
            </KpiGrid>
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={8} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
