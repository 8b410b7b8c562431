/**
 * A ticket's status, priority and first-reply deadline as Polaris badges,
 * in the reader's language. The deadline is "overdue" (critical) once past
 * while the ticket still waits for its first reply.
 */
import { Badge, type BadgeProps } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { SlaState } from './types';
import type { InboxFormatter } from './useInboxFormat';

const STATUS_TONE: Record<string, BadgeProps['tone']> = {
  open: 'attention',
  pending: 'info',
  solved: 'success',
  closed: undefined,
};

const PRIORITY_TONE: Record<string, BadgeProps['tone']> = {
  urgent: 'critical',
  high: 'warning',
  normal: undefined,
  low: undefined,
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`inbox.status.${status}`)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation();
  const label = t(`inbox.priority.${priority}`);
  return <Badge tone={PRIORITY_TONE[priority]}>{label}</Badge>;
}

/** The first-reply deadline: overdue (critical badge), due at a time, or met. */
export function SlaBadge({ sla, format }: { sla: SlaState; format: InboxFormatter }) {
  const { t } = useTranslation();
  switch (sla.state) {
    case 'overdue':
      return (
        <span title={t('inbox.sla.overdueSince', { time: format.compactDateTime(sla.dueAt) })}>
          <Badge tone="critical">{t('inbox.sla.overdue')}</Badge>
        </span>
      );
    case 'due':
      return <time dateTime={sla.dueAt}>{format.compactDateTime(sla.dueAt)}</time>;
    case 'met':
      return <span>{t('inbox.sla.met')}</span>;
    case 'none':
      return <span>{t('inbox.sla.none')}</span>;
  }
}
