/**
 * False on the server and while React hydrates the page, true from the render
 * after hydration on. A Suspense boundary that waits on streamed data is
 * rendered only once this is true: hydrated from the server, such a boundary
 * is still pending when Polaris's providers update their context right after
 * mounting (PortalsManager's container), and React then drops the server's
 * HTML and logs "This Suspense boundary received an update before it finished
 * hydrating".
 */
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
