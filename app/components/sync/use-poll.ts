/** Calls `tick` every `everyMs` while `active` (and the page is visible); stops when it is not. */
import { useEffect, useRef } from 'react';

export function usePollWhile(active: boolean, everyMs: number, tick: () => void): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
