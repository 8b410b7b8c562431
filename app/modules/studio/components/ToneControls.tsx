/**
 * Light and colour (automatic white balance and levels; exposure, contrast,
 * saturation) and retouching (denoise, sharpen).
 */
import { BlockStack, Button, Card, Checkbox, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { EditorDraft } from './editor-draft';
import { signed, ValueSlider } from './Sliders';
import type { SetDraft } from './types';

interface Props {
  draft: EditorDraft;
  set: SetDraft;
}

export function ToneControls({ draft, set }: Props) {
  const { t } = useTranslation();
  const { adjust, autoColour } = draft;
  const adjusted = adjust.exposure !== 0 || adjust.contrast !== 0 || adjust.saturation !== 0;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t('studio.editor.tone.heading')}
          </Text>
          <Button
            variant="plain"
            disabled={!adjusted}
            onClick={() => set('adjust', { exposure: 0, contrast: 0, saturation: 0 })}
          >
            {t('studio.editor.tone.reset')}
          </Button>
        </InlineStack>
        <BlockStack gap="100">
          <Checkbox
            label={t('studio.editor.tone.whiteBalance')}
            helpText={t('studio.editor.tone.whiteBalanceHelp')}
            checked={autoColour.whiteBalance}
            onChange={(whiteBalance) => set('autoColour', { ...autoColour, whiteBalance })}
          />
          <Checkbox
            label={t('studio.editor.tone.levels')}
            helpText={t('studio.editor.tone.levelsHelp')}
            checked={autoColour.levels}
            onChange={(levels) => set('autoColour', { ...autoColour, levels })}
          />
        </BlockStack>
        <ValueSlider
          label={t('studio.editor.tone.exposure')}
          min={-100}
          max={100}
          value={adjust.exposure}
          suffix={signed}
          onChange={(exposure) => set('adjust', { ...adjust, exposure })}
        />
        <ValueSlider
          label={t('studio.editor.tone.contrast')}
          min={-100}
          max={100}
          value={adjust.contrast}
          suffix={signed}
          onChange={(contrast) => set('adjust', { ...adjust, contrast })}
        />
        <ValueSlider
          label={t('studio.editor.tone.saturation')}
          min={-100}
          max={100}
          value={adjust.saturation}
          suffix={signed}
          onChange={(saturation) => set('adjust', { ...adjust, saturation })}
        />
        <Text as="h3" variant="headingSm">
          {t('studio.editor.tone.retouch')}
        </Text>
        <ValueSlider
          label={t('studio.editor.tone.denoise')}
          min={0}
          max={100}
          value={draft.denoise}
          onChange={(value) => set('denoise', value)}
        />
        <ValueSlider
          label={t('studio.editor.tone.sharpen')}
          min={0}
          max={100}
          value={draft.sharpen}
          onChange={(value) => set('sharpen', value)}
        />
      </BlockStack>
    </Card>
  );
}
