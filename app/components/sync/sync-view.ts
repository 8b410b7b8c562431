/**
 * How the sync's status reads on screen (the Sync page and Today's card):
 * progress as a percentage, times as "3 minutes ago" against the server's
 * clock (so the server's render and the browser's agree), the badge of a
 * phase.
 */
import type { RunView, SyncPhase } from '~/platform/sync/status.server';

/** 0–100, or null when the total is not known yet. */
export function progressPercent(run: RunView): number | null {
  if (run.phase === 'done') return 100;
  if (run.objectsTotal === null) return null;
  if (run.objectsTotal === 0) return 100;
  return Math.min(100, Math.floor((run.objectsDone / run.objectsTotal) * 100));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "now", in the merchant's language. */
export function relativeTime(locale: string, at: string, now: string): string {
  const seconds = Math.round((Date.parse(at) - Date.parse(now)) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

export type BadgeTone = 'success' | 'attention' | 'critical' | 'info' | undefined;

export function phaseTone(phase: SyncPhase | 'never'): BadgeTone {
  if (phase === 'done') return 'success';
  if (phase === 'failed') return 'critical';
  if (phase === 'never' || phase === 'cancelled') return undefined;
  return phase === 'queued' ? 'info' : 'attention';
}

export const isRunning = (phase: SyncPhase | 'never') => !['done', 'failed', 'cancelled', 'never'].includes(phase);
