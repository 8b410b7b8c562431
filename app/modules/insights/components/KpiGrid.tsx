/** A grid of headline tiles: one column on a phone, up to four on a wide screen. */
import { InlineGrid } from '@shopify/polaris';

export function KpiGrid({ children, columns = 4 }: { children: React.ReactNode; columns?: 3 | 4 | 5 }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 3, lg: columns }} gap="400">
      {children}
    </InlineGrid>
  );
}
