/** Runs `handle` once for each new answer a fetcher receives (not again on re-render or revalidation). */
import type { FetcherWithComponents } from '@remix-run/react';
import { useEffect, useRef } from 'react';

export function useFetcherResult<T>(fetcher: FetcherWithComponents<T>, handle: (result: T) => void): void {
  const handled = useRef<T | undefined>(undefined);
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const result = fetcher.data;
    if (fetcher.state !== 'idle' || result === undefined || handled.current === result) return;
    handled.current = result;
    latest.current(result);
  }, [fetcher.state, fetcher.data]);
}
