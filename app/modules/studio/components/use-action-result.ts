/** Calls `handle` once for each new answer a fetcher brings back, when it is idle again. */
import { useEffect, useRef } from 'react';

export function useActionResult<T>(fetcher: { state: string; data: T | undefined }, handle: (result: T) => void): void {
  const handled = useRef<T | undefined>(undefined);
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    if (fetcher.state !== 'idle' || fetcher.data === undefined || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    latest.current(fetcher.data);
  }, [fetcher.state, fetcher.data]);
}
