/**
 * Crop (free, or a 1:1 / 4:5 / 16:9 frame), rotate by quarter turns, and
 * straighten. The crop frame is set with sliders (size, or width and height,
 * and where it sits), so it works from the keyboard; the original in the
 * preview shows it.
 */
import { BlockStack, Button, ButtonGroup, Card, Checkbox, InlineStack, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import type { CropAspect } from '../image/recipe';
import { presetFrame, type CropDraft, type EditorDraft } from './editor-draft';
import { degrees, ValueSlider } from './Sliders';
import type { SetDraft } from './types';

const ASPECTS: CropAspect[] = ['free', '1:1', '4:5', '16:9'];

interface Props {
  draft: EditorDraft;
  set: SetDraft;
  /** The original's size, to fit a preset frame. */
  imageWidth: number;
  imageHeight: number;
}

/** Where a frame of this size sits along an edge, 0..100 (centred when it fills it). */
const position = (start: number, size: number) => (size >= 1 ? 50 : Math.round((start / (1 - size)) * 100));
const startAt = (position: number, size: number) => (size >= 1 ? 0 : (position / 100) * (1 - size));
const percent = (value: number) => `${value}%`;

export function GeometryControls({ draft, set, imageWidth, imageHeight }: Props) {
  const { t } = useTranslation();
  const crop = draft.crop;
  const setCrop = (next: Partial<CropDraft>) => set('crop', { ...crop, ...next });

  const chooseAspect = (aspect: CropAspect) =>
    setCrop({ aspect, ...presetFrame(aspect, imageWidth, imageHeight), enabled: true });

  /** Scales a preset frame around its centre, keeping its aspect. */
  const resize = (size: number) => {
    const full = presetFrame(crop.aspect, imageWidth, imageHeight);
    const width = (full.width * size) / 100;
    const height = (full.height * size) / 100;
    const centreX = crop.x + crop.width / 2;
    const centreY = crop.y + crop.height / 2;
    setCrop({
      width,
      height,
      x: Math.min(Math.max(centreX - width / 2, 0), 1 - width),
      y: Math.min(Math.max(centreY - height / 2, 0), 1 - height),
    });
  };
  const presetSize =
    crop.aspect === 'free'
      ? 100
      : Math.round((crop.width / presetFrame(crop.aspect, imageWidth, imageHeight).width) * 100);

  const turn = (by: 90 | -90) => set('rotate', ((draft.rotate + by + 360) % 360) as EditorDraft['rotate']);

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('studio.editor.geometry.heading')}
        </Text>
        <Checkbox
          label={t('studio.editor.geometry.crop')}
          checked={crop.enabled}
          onChange={(enabled) => setCrop({ enabled })}
        />
        {crop.enabled ? (
          <BlockStack gap="300">
            <BlockStack gap="100">
              <Text as="p" variant="bodySm" tone="subdued">
                {t('studio.editor.geometry.aspect')}
              </Text>
              <ButtonGroup variant="segmented">
                {ASPECTS.map((aspect) => (
                  <Button
                    key={aspect}
                    pressed={crop.aspect === aspect}
                    onClick={() => chooseAspect(aspect)}
                    accessibilityLabel={t('studio.editor.geometry.aspectLabel', {
                      aspect: aspect === 'free' ? t('studio.editor.geometry.free') : aspect,
                    })}
                  >
                    {aspect === 'free' ? t('studio.editor.geometry.free') : aspect}
                  </Button>
                ))}
              </ButtonGroup>
            </BlockStack>
            {crop.aspect === 'free' ? (
              <>
                <ValueSlider
                  label={t('studio.editor.geometry.width')}
                  min={5}
                  max={100}
                  value={Math.round(crop.width * 100)}
                  suffix={percent}
                  onChange={(value) => setCrop({ width: value / 100, x: Math.min(crop.x, 1 - value / 100) })}
                />
                <ValueSlider
                  label={t('studio.editor.geometry.height')}
                  min={5}
                  max={100}
                  value={Math.round(crop.height * 100)}
                  suffix={percent}
                  onChange={(value) => setCrop({ height: value / 100, y: Math.min(crop.y, 1 - value / 100) })}
                />
              </>
            ) : (
              <ValueSlider
                label={t('studio.editor.geometry.size')}
                min={10}
                max={100}
                value={presetSize}
                suffix={percent}
                onChange={resize}
              />
            )}
            <ValueSlider
              label={t('studio.editor.geometry.horizontal')}
              min={0}
              max={100}
              value={position(crop.x, crop.width)}
              disabled={crop.width >= 1}
              suffix={percent}
              onChange={(value) => setCrop({ x: startAt(value, crop.width) })}
            />
            <ValueSlider
              label={t('studio.editor.geometry.vertical')}
              min={0}
              max={100}
              value={position(crop.y, crop.height)}
              disabled={crop.height >= 1}
              suffix={percent}
              onChange={(value) => setCrop({ y: startAt(value, crop.height) })}
            />
          </BlockStack>
        ) : null}
        <BlockStack gap="100">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="p">{t('studio.editor.geometry.rotate')}</Text>
            <Text as="p" tone="subdued">
              {degrees(draft.rotate)}
            </Text>
          </InlineStack>
          <ButtonGroup>
            <Button onClick={() => turn(-90)}>{t('studio.editor.geometry.rotateLeft')}</Button>
            <Button onClick={() => turn(90)}>{t('studio.editor.geometry.rotateRight')}</Button>
          </ButtonGroup>
        </BlockStack>
        <ValueSlider
          label={t('studio.editor.geometry.straighten')}
          min={-45}
          max={45}
          step={0.5}
          value={draft.straighten}
          suffix={degrees}
          helpText={t('studio.editor.geometry.straightenHelp')}
          onChange={(value) => set('straighten', value)}
        />
      </BlockStack>
    </Card>
  );
}
