/**
 * Colour change: the hues around one colour move to another, shading kept
 * ("make the red shirt blue"). The colour to change is chosen on a hue
 * slider or picked from the photo; "Show the selection" turns the after
 * picture into the mask of what will change.
 */
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { EditorDraft } from './editor-draft';
import { degrees, HueSlider, signed, ValueSlider } from './Sliders';
import type { SetDraft } from './types';

interface Props {
  draft: EditorDraft;
  set: SetDraft;
  showMask: boolean;
  onShowMask: (show: boolean) => void;
  picking: boolean;
  onPicking: (picking: boolean) => void;
  /** The last pick landed on a grey: nothing there to change. */
  pickedGrey: boolean;
}

export function ColourChangeControls({ draft, set, showMask, onShowMask, picking, onPicking, pickedGrey }: Props) {
  const { t } = useTranslation();
  const change = draft.colourChange;
  const update = (next: Partial<EditorDraft['colourChange']>) => set('colourChange', { ...change, ...next });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('studio.editor.colourChange.heading')}
        </Text>
        <Checkbox
          label={t('studio.editor.colourChange.enable')}
          helpText={t('studio.editor.colourChange.help')}
          checked={change.enabled}
          onChange={(enabled) => update({ enabled })}
        />
        {change.enabled ? (
          <BlockStack gap="300">
            <HueSlider
              label={t('studio.editor.colourChange.from')}
              value={change.fromHue}
              onChange={(fromHue) => update({ fromHue })}
            />
            <InlineStack gap="200" blockAlign="center">
              <Button pressed={picking} onClick={() => onPicking(!picking)}>
                {picking ? t('studio.editor.colourChange.picking') : t('studio.editor.colourChange.pick')}
              </Button>
            </InlineStack>
            {pickedGrey ? (
              <Banner tone="info">
                <p>{t('studio.editor.colourChange.pickedGrey')}</p>
              </Banner>
            ) : null}
            <ValueSlider
              label={t('studio.editor.colourChange.range')}
              helpText={t('studio.editor.colourChange.rangeHelp')}
              min={1}
              max={180}
              value={change.range}
              suffix={(value) => `±${degrees(value)}`}
              onChange={(range) => update({ range })}
            />
            <HueSlider
              label={t('studio.editor.colourChange.to')}
              value={change.toHue}
              onChange={(toHue) => update({ toHue })}
            />
            <ValueSlider
              label={t('studio.editor.colourChange.saturation')}
              min={-100}
              max={100}
              value={change.saturation}
              suffix={signed}
              onChange={(saturation) => update({ saturation })}
            />
            <Checkbox
              label={t('studio.editor.colourChange.showMask')}
              helpText={t('studio.editor.colourChange.showMaskHelp')}
              checked={showMask}
              onChange={onShowMask}
            />
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
