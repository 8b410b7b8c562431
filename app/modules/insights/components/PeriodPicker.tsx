/**
 * The period picker: presets (today … last quarter, each with the dates it
 * covers) and a custom range (Polaris DatePicker, or typed dates) in a
 * Popover. The choice is written to the URL, which the loaders read; the
 * line under the button says which dates the figures cover and which they
 * are compared with. Dates are the shop's calendar days.
 */
import { useNavigate } from '@remix-run/react';
import {
  ActionList,
  BlockStack,
  Box,
  Button,
  DatePicker,
  InlineStack,
  Popover,
  Text,
  TextField,
  type Range,
} from '@shopify/polaris';
import { CalendarIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodSearchParams, type PeriodChoice } from '../period-params';
import {
  daysBetween,
  isLocalDate,
  MAX_PERIOD_DAYS,
  PERIOD_PRESETS,
  resolvePeriod,
  type LocalDate,
  type PeriodPreset,
} from '../periods';
import type { InsightsFormatter } from './insights-format';

interface Props {
  choice: PeriodChoice;
  /** The shop's today: presets are resolved from it and later days cannot be picked. */
  today: LocalDate;
  format: InsightsFormatter;
}

const toDate = (date: LocalDate) =>
  new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const toLocal = (date: Date): LocalDate =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function rangeProblem(start: string, end: string, today: LocalDate): string | null {
  if (!isLocalDate(start) || !isLocalDate(end)) return 'badDate';
  if (daysBetween(start, end) < 0) return 'endBeforeStart';
  if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS) return 'tooLong';
  if (daysBetween(today, end) > 0) return 'future';
  return null;
}

export function PeriodPicker({ choice, today, format }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState(false);
  const [start, setStart] = useState(choice.start);
  const [end, setEnd] = useState(choice.end);
  const [month, setMonth] = useState({ month: toDate(choice.end).getMonth(), year: toDate(choice.end).getFullYear() });

  const go = (preset: PeriodPreset, dates?: { start: string; end: string }) => {
    const params = periodSearchParams({ preset, ...dates });
    setOpen(false);
    setCustom(false);
    navigate(`?${params}`, { preventScrollReset: true });
  };

  const openPicker = () => {
    setStart(choice.start);
    setEnd(choice.end);
    setCustom(choice.preset === 'custom');
    setOpen((value) => !value);
  };

  const problem = rangeProblem(start, end, today);
  const label = choice.preset === 'custom' ? format.period(choice) : t(`insights.period.presets.${choice.preset}`);

  const presets = PERIOD_PRESETS.filter((preset) => preset !== 'custom').map((preset) => ({
    content: t(`insights.period.presets.${preset}`),
    helpText: format.period(resolvePeriod(preset, today)),
    active: choice.preset === preset,
    onAction: () => go(preset),
  }));

  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Popover
          active={open}
          onClose={() => setOpen(false)}
          preferredAlignment="left"
          autofocusTarget="first-node"
          activator={
            <Button
              icon={CalendarIcon}
              disclosure
              onClick={openPicker}
              accessibilityLabel={t('insights.period.button', { label })}
            >
              {label}
            </Button>
          }
        >
          {custom ? (
            <Box padding="400" maxWidth="600px">
              <BlockStack gap="300">
                <Text as="h2" variant="headingSm">
                  {t('insights.period.customHeading')}
                </Text>
                <InlineStack gap="300" wrap={false}>
                  <TextField
                    label={t('insights.period.start')}
                    value={start}
                    onChange={setStart}
                    autoComplete="off"
                    placeholder="YYYY-MM-DD"
                  />
                  <TextField
                    label={t('insights.period.end')}
                    value={end}
                    onChange={setEnd}
                    autoComplete="off"
                    placeholder="YYYY-MM-DD"
                    error={problem ? t(`insights.problems.${problem}`) : undefined}
                  />
                </InlineStack>
                <DatePicker
                  month={month.month}
                  year={month.year}
                  onMonthChange={(m, y) => setMonth({ month: m, year: y })}
                  onChange={(range: Range) => {
                    setStart(toLocal(range.start));
                    setEnd(toLocal(range.end));
                  }}
                  selected={
                    isLocalDate(start) && isLocalDate(end) && daysBetween(start, end) >= 0
                      ? { start: toDate(start), end: toDate(end) }
                      : undefined
                  }
                  disableDatesAfter={toDate(today)}
                  allowRange
                  multiMonth
                />
                <Text as="p" variant="bodySm" tone="subdued">
                  {t('insights.period.timeZoneHelp', { timeZone: format.timeZone })}
                </Text>
                <InlineStack gap="200" align="end">
                  <Button onClick={() => setCustom(false)}>{t('insights.period.back')}</Button>
                  <Button variant="primary" disabled={problem !== null} onClick={() => go('custom', { start, end })}>
                    {t('insights.period.apply')}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Box>
          ) : (
            <ActionList
              actionRole="menuitem"
              items={[
                ...presets,
                {
                  content: t('insights.period.presets.custom'),
                  active: choice.preset === 'custom',
                  onAction: () => setCustom(true),
                },
              ]}
            />
          )}
        </Popover>
      </InlineStack>
      <Text as="p" variant="bodySm" tone="subdued">
        {t('insights.period.covers', {
          period: format.period(choice),
          comparison: format.period(choice.comparison),
        })}
      </Text>
    </BlockStack>
  );
}
