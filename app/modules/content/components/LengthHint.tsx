/**
 * A text field's length against its guide ("58 / 70"), coloured as it nears
 * (warning, the last ten characters) and passes (critical) the guide, with
 * a word on what that means. Placed as the field's help text, so a screen
 * reader hears it with the field.
 */
import { InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { characterCount, LENGTHS, lengthTone, type LengthField } from '../seo/limits';

const TONES = { empty: 'subdued', ok: 'success', warning: 'caution', critical: 'critical' } as const;

export function LengthHint({ field, value }: { field: LengthField; value: string }) {
  const { t } = useTranslation();
  const tone = lengthTone(field, value);
  const { guide, max } = LENGTHS[field];
  const count = characterCount(value.trim());
  const message =
    count > max ? t('content.length.refused', { max }) : t(`content.length.${tone}`, { guide, over: count - guide });
  return (
    <InlineStack gap="200" wrap={false}>
      <Text as="span" variant="bodySm" tone={count > max ? 'critical' : TONES[tone]} fontWeight="medium" numeric>
        {t('content.length.count', { count, guide })}
      </Text>
      <Text as="span" variant="bodySm" tone="subdued">
        {message}
      </Text>
    </InlineStack>
  );
}
