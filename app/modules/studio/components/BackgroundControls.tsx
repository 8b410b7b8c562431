/**
 * Background removal: to transparent or onto a chosen colour, with the edge's
 * softness (feather), an optional soft shadow, and the sensitivity found
 * from the photo unless the merchant sets it.
 */
import {
  BlockStack,
  Card,
  Checkbox,
  ChoiceList,
  ColorPicker,
  hexToRgb,
  hsbToHex,
  InlineStack,
  rgbToHsb,
  Text,
  TextField,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorDraft } from './editor-draft';
import { ValueSlider } from './Sliders';
import type { SetDraft } from './types';

interface Props {
  draft: EditorDraft;
  set: SetDraft;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** A colour as a hex field and a picker, kept in step. */
function ColourField({ value, onChange }: { value: string; onChange: (hex: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const typed = (next: string) => {
    setText(next);
    const hex = next.startsWith('#') ? next : `#${next}`;
    if (HEX.test(hex)) onChange(hex.toLowerCase());
  };
  return (
    <BlockStack gap="200">
      <ColorPicker color={rgbToHsb(hexToRgb(value))} onChange={(colour) => onChange(hsbToHex(colour))} />
      <InlineStack gap="200" blockAlign="end">
        <span
          aria-hidden
          style={{
            width: 32,
            height: 32,
            borderRadius: 8,
            background: value,
            boxShadow: 'inset 0 0 0 1px rgba(0, 0, 0, 0.2)',
          }}
        />
        <TextField
          label={t('studio.editor.background.colour')}
          value={text}
          onChange={typed}
          autoComplete="off"
          maxLength={7}
          error={
            HEX.test(text.startsWith('#') ? text : `#${text}`) ? undefined : t('studio.editor.background.badColour')
          }
        />
      </InlineStack>
    </BlockStack>
  );
}

export function BackgroundControls({ draft, set }: Props) {
  const { t } = useTranslation();
  const background = draft.background;
  const update = (next: Partial<EditorDraft['background']>) => set('background', { ...background, ...next });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('studio.editor.background.heading')}
        </Text>
        <Checkbox
          label={t('studio.editor.background.enable')}
          helpText={t('studio.editor.background.help')}
          checked={background.enabled}
          onChange={(enabled) => update({ enabled })}
        />
        {background.enabled ? (
          <BlockStack gap="300">
            <ChoiceList
              title={t('studio.editor.background.output')}
              choices={[
                { label: t('studio.editor.background.transparent'), value: 'transparent' },
                { label: t('studio.editor.background.onColour'), value: 'colour' },
              ]}
              selected={[background.output]}
              onChange={([output]) => update({ output: output === 'colour' ? 'colour' : 'transparent' })}
            />
            {background.output === 'colour' ? (
              <ColourField value={background.colour} onChange={(colour) => update({ colour })} />
            ) : null}
            <ValueSlider
              label={t('studio.editor.background.feather')}
              helpText={t('studio.editor.background.featherHelp')}
              min={0}
              max={20}
              value={background.feather}
              suffix={(value) => t('studio.editor.background.pixels', { count: value })}
              onChange={(feather) => update({ feather })}
            />
            <Checkbox
              label={t('studio.editor.background.shadow')}
              checked={background.shadow}
              onChange={(shadow) => update({ shadow })}
            />
            <Checkbox
              label={t('studio.editor.background.manualTolerance')}
              helpText={t('studio.editor.background.manualToleranceHelp')}
              checked={background.tolerance !== null}
              onChange={(manual) => update({ tolerance: manual ? 50 : null })}
            />
            {background.tolerance !== null ? (
              <ValueSlider
                label={t('studio.editor.background.tolerance')}
                min={0}
                max={100}
                value={background.tolerance}
                onChange={(tolerance) => update({ tolerance })}
              />
            ) : null}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
