/**
 * True once the component has mounted in the browser (false on the server and
 * while hydrating). The charts (polaris-viz reads `window`) render only then,
 * and so does the sessions tiles' Suspense boundary: one still pending at
 * hydration is reached by the context update Polaris's providers make on
 * mount, and React drops it with "This Suspense boundary received an update
 * before it finished hydrating".
 */
import { useEffect, useState } from 'react';

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
