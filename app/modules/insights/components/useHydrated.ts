/** True once the page has hydrated in the browser: the charts (polaris-viz reads `window`) render only then. */
import { useEffect, useState } from 'react';

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
