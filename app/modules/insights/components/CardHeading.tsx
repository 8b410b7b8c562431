/** A card's heading on the Insights and Today pages: its title and, under it, a subdued line saying what it shows. */
import { BlockStack, Text } from '@shopify/polaris';

interface Props {
  title: string;
  description?: string;
  /** More lines under the description. */
  children?: React.ReactNode;
}

export function CardHeading({ title, description, children }: Props) {
  return (
    <BlockStack gap="100">
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
      {description ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {description}
        </Text>
      ) : null}
      {children}
    </BlockStack>
  );
}
