/**
 * What the saved file is: its format (automatic: JPEG, or PNG when the
 * background is transparent), its quality, and a web size for its longest
 * edge.
 */
import { BlockStack, Card, Select, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { WEB_SIZES, type EditorDraft } from './editor-draft';
import { ValueSlider } from './Sliders';
import type { SetDraft } from './types';

interface Props {
  draft: EditorDraft;
  set: SetDraft;
  /** The original's longest edge, to offer only sizes that shrink it. */
  longestEdge: number;
}

export function OutputControls({ draft, set, longestEdge }: Props) {
  const { t } = useTranslation();
  const output = draft.output;
  const update = (next: Partial<EditorDraft['output']>) => set('output', { ...output, ...next });
  const lossless =
    output.format === 'png' ||
    (output.format === 'auto' && draft.background.enabled && draft.background.output === 'transparent');
  const sizes = WEB_SIZES.filter((size) => size < longestEdge || size === output.maxEdge);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('studio.editor.output.heading')}
        </Text>
        <Select
          label={t('studio.editor.output.format')}
          options={[
            { label: t('studio.editor.output.auto'), value: 'auto' },
            { label: 'JPEG', value: 'jpeg' },
            { label: 'WebP', value: 'webp' },
            { label: 'PNG', value: 'png' },
          ]}
          value={output.format}
          onChange={(format) => update({ format: format as EditorDraft['output']['format'] })}
        />
        <ValueSlider
          label={t('studio.editor.output.quality')}
          helpText={lossless ? t('studio.editor.output.qualityLossless') : t('studio.editor.output.qualityHelp')}
          min={1}
          max={100}
          value={output.quality}
          disabled={lossless}
          onChange={(quality) => update({ quality })}
        />
        <Select
          label={t('studio.editor.output.size')}
          options={[
            { label: t('studio.editor.output.originalSize', { size: longestEdge }), value: '' },
            ...sizes.map((size) => ({ label: t('studio.editor.output.webSize', { size }), value: String(size) })),
          ]}
          value={output.maxEdge === null ? '' : String(output.maxEdge)}
          onChange={(value) => update({ maxEdge: value === '' ? null : Number(value) })}
        />
      </BlockStack>
    </Card>
  );
}
