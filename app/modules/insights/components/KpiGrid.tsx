/** A grid of headline tiles: one column on a phone, up to four on a wide screen. */
import { InlineGrid } from '@shopify/polaris';

export function KpiGrid({ children }: { children: React.ReactNode }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 3, lg: 4 }} gap="400">
      {children}
    </InlineGrid>
  );
}
