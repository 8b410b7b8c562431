/** A batch's or a batch image's state as a badge (running ones show as in progress). */
import { Badge } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { BatchItemState, BatchState } from '../batch.server';

type State = BatchState | BatchItemState;

const TONES: Record<State, 'info' | 'attention' | 'success' | 'critical' | undefined> = {
  queued: 'info',
  pending: undefined,
  running: 'attention',
  done: 'success',
  failed: 'critical',
  cancelled: undefined,
};

const PROGRESS: Record<State, 'incomplete' | 'partiallyComplete' | 'complete'> = {
  queued: 'incomplete',
  pending: 'incomplete',
  running: 'partiallyComplete',
  done: 'complete',
  failed: 'complete',
  cancelled: 'complete',
};

export function BatchStateBadge({ state }: { state: State }) {
  const { t } = useTranslation();
  return (
    <Badge tone={TONES[state]} progress={PROGRESS[state]}>
      {t(`studio.batch.states.${state}`)}
    </Badge>
  );
}
