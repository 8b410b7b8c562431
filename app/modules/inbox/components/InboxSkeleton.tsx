/** An inbox page while it loads: the list (summary tiles and a table) or a ticket (thread beside the customer), in skeletons. */
import {
  BlockStack,
  Card,
  InlineGrid,
  Layout,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
} from '@shopify/polaris';

export function InboxSkeleton({ title, kind }: { title: string; kind: 'list' | 'ticket' }) {
  if (kind === 'ticket') {
    return (
      <SkeletonPage title={title} backAction>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="400">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={6} />
                  <SkeletonBodyText lines={4} />
                </BlockStack>
              </Card>
              <Card>
                <SkeletonBodyText lines={5} />
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <SkeletonBodyText lines={6} />
              </Card>
              <Card>
                <SkeletonBodyText lines={8} />
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  return (
    <SkeletonPage title={title} primaryAction>
      <BlockStack gap="400">
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
          {[0, 1, 2].map((tile) => (
            <Card key={tile}>
              <BlockStack gap="200">
                <SkeletonBodyText lines={1} />
                <SkeletonDisplayText size="medium" />
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>
        <Card>
          <SkeletonBodyText lines={12} />
        </Card>
      </BlockStack>
    </SkeletonPage>
  );
}
