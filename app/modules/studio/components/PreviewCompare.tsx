/**
 * Before and after, rendered by the server at preview size: side by side, or
 * in one frame split by a divider (the original to its left, the result to
 * its right) that the merchant drags or moves with the keyboard (a labelled
 * slider). The original shows the crop frame; a
 * transparent result sits on a checkerboard. While a preview renders, a
 * spinner covers the last one; a failed render keeps it and says why. In
 * "pick" mode a click on the original reports the colour under it.
 */
import {
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  InlineError,
  InlineStack,
  RangeSlider,
  Spinner,
  Text,
} from '@shopify/polaris';
import { useState, type CSSProperties, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CropDraft } from './editor-draft';
import type { Preview } from './use-preview';

export type CompareMode = 'slider' | 'side';

interface Props {
  before: Preview;
  after: Preview;
  /** The after picture is the colour-change mask, not the result. */
  showingMask: boolean;
  /** Drawn on the original when the crop is on. */
  crop: CropDraft | null;
  mode: CompareMode;
  onModeChange: (mode: CompareMode) => void;
  /** While set, a click on the original reports the colour under it. */
  onPick: ((rgb: [number, number, number]) => void) | null;
}

/** Where a picture ends, even on a white card. */
const FRAME: CSSProperties = { outline: '1px solid rgba(0, 0, 0, 0.1)' };

const CHECKERBOARD: CSSProperties = {
  backgroundColor: '#ffffff',
  backgroundImage: 'conic-gradient(#e3e3e3 25%, #ffffff 0 50%, #e3e3e3 0 75%, #ffffff 0)',
  backgroundSize: '16px 16px',
};

/** The average colour of a 5×5 patch around a point of an image (0..1 fractions). */
function colourAt(image: HTMLImageElement, fx: number, fy: number): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return [0, 0, 0];
  context.drawImage(image, 0, 0);
  const x = Math.min(Math.max(Math.round(fx * image.naturalWidth) - 2, 0), Math.max(image.naturalWidth - 5, 0));
  const y = Math.min(Math.max(Math.round(fy * image.naturalHeight) - 2, 0), Math.max(image.naturalHeight - 5, 0));
  const { data } = context.getImageData(x, y, 5, 5);
  let [red, green, blue] = [0, 0, 0];
  for (let index = 0; index < data.length; index += 4) {
    red += data[index] as number;
    green += data[index + 1] as number;
    blue += data[index + 2] as number;
  }
  const count = data.length / 4;
  return [Math.round(red / count), Math.round(green / count), Math.round(blue / count)];
}

function Rendering({ label }: { label: string }) {
  return (
    <div
      style={{
        position: 'absolute',
        inset: 0,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'rgba(255, 255, 255, 0.55)',
      }}
    >
      <Spinner accessibilityLabel={label} size="large" />
    </div>
  );
}

function Picture({ src, alt, style }: { src: string | null; alt: string; style?: CSSProperties }) {
  if (!src) return <div style={{ aspectRatio: '1', width: '100%', ...style }} />;
  return <img src={src} alt={alt} draggable={false} style={{ display: 'block', width: '100%', ...style }} />;
}

export function PreviewCompare({ before, after, showingMask, crop, mode, onModeChange, onPick }: Props) {
  const { t } = useTranslation();
  const [divider, setDivider] = useState(50);
  const afterLabel = showingMask ? t('studio.editor.preview.mask') : t('studio.editor.preview.after');

  /** A click samples where it lands; Enter or Space on the focused picture samples its centre. */
  const pick = (event: MouseEvent<HTMLButtonElement>) => {
    const image = event.currentTarget.querySelector('img');
    if (!onPick || !image) return;
    const box = image.getBoundingClientRect();
    const byPointer = event.detail > 0;
    onPick(
      colourAt(
        image,
        byPointer ? (event.clientX - box.left) / box.width : 0.5,
        byPointer ? (event.clientY - box.top) / box.height : 0.5,
      ),
    );
  };

  const dragDivider = (event: PointerEvent<HTMLDivElement>) => {
    if (event.type === 'pointermove' && event.buttons !== 1) return;
    const box = event.currentTarget.getBoundingClientRect();
    setDivider(Math.round(Math.min(Math.max(((event.clientX - box.left) / box.width) * 100, 0), 100)));
  };

  const ratio = after.width && after.height ? `${after.width} / ${after.height}` : '1';
  const fitted: CSSProperties = { position: 'absolute', inset: 0, height: '100%', objectFit: 'contain' };

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {t('studio.editor.preview.heading')}
          </Text>
          <ButtonGroup variant="segmented">
            <Button pressed={mode === 'slider'} onClick={() => onModeChange('slider')} disabled={onPick !== null}>
              {t('studio.editor.preview.slider')}
            </Button>
            <Button pressed={mode === 'side'} onClick={() => onModeChange('side')}>
              {t('studio.editor.preview.sideBySide')}
            </Button>
          </ButtonGroup>
        </InlineStack>
        {mode === 'side' || onPick ? (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, alignItems: 'start' }}>
            <BlockStack gap="100">
              <Text as="p" variant="bodySm" tone="subdued">
                {onPick ? t('studio.editor.preview.pickHint') : t('studio.editor.preview.before')}
              </Text>
              <div style={{ position: 'relative', overflow: 'hidden', ...FRAME }}>
                {before.url && onPick ? (
                  <button
                    type="button"
                    onClick={pick}
                    aria-label={t('studio.editor.preview.pickHint')}
                    style={{
                      display: 'block',
                      width: '100%',
                      padding: 0,
                      border: 0,
                      background: 'none',
                      cursor: 'crosshair',
                    }}
                  >
                    <Picture src={before.url} alt={t('studio.editor.preview.beforeAlt')} />
                  </button>
                ) : before.url ? (
                  <Picture src={before.url} alt={t('studio.editor.preview.beforeAlt')} />
                ) : (
                  <Picture src={null} alt="" />
                )}
                {crop && before.url ? (
                  <div
                    aria-hidden
                    style={{
                      position: 'absolute',
                      left: `${crop.x * 100}%`,
                      top: `${crop.y * 100}%`,
                      width: `${crop.width * 100}%`,
                      height: `${crop.height * 100}%`,
                      outline: '2px dashed #ffffff',
                      boxShadow: '0 0 0 9999px rgba(0, 0, 0, 0.45)',
                      pointerEvents: 'none',
                    }}
                  />
                ) : null}
                {before.loading && !before.url ? <Rendering label={t('studio.editor.preview.rendering')} /> : null}
              </div>
            </BlockStack>
            <BlockStack gap="100">
              <Text as="p" variant="bodySm" tone="subdued">
                {afterLabel}
              </Text>
              <div style={{ position: 'relative', ...CHECKERBOARD, ...FRAME }}>
                <Picture src={after.url} alt={t('studio.editor.preview.afterAlt')} />
                {after.loading ? <Rendering label={t('studio.editor.preview.rendering')} /> : null}
              </div>
            </BlockStack>
          </div>
        ) : (
          <BlockStack gap="200">
            <div
              onPointerDown={dragDivider}
              onPointerMove={dragDivider}
              style={{
                position: 'relative',
                aspectRatio: ratio,
                touchAction: 'none',
                cursor: 'ew-resize',
                ...CHECKERBOARD,
                ...FRAME,
              }}
            >
              <Picture
                src={before.url}
                alt={t('studio.editor.preview.beforeAlt')}
                style={{ ...fitted, clipPath: `inset(0 ${100 - divider}% 0 0)` }}
              />
              <Picture
                src={after.url}
                alt={t('studio.editor.preview.afterAlt')}
                style={{ ...fitted, clipPath: `inset(0 0 0 ${divider}%)` }}
              />
              <div
                aria-hidden
                style={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: `${divider}%`,
                  width: 2,
                  marginLeft: -1,
                  background: '#ffffff',
                  boxShadow: '0 0 0 1px rgba(0, 0, 0, 0.35)',
                }}
              />
              <Box position="absolute" insetBlockStart="200" insetInlineStart="200">
                <Text as="span" variant="bodySm" fontWeight="medium">
                  <span style={{ background: 'rgba(255,255,255,0.85)', padding: '2px 6px', borderRadius: 6 }}>
                    {t('studio.editor.preview.before')}
                  </span>
                </Text>
              </Box>
              <Box position="absolute" insetBlockStart="200" insetInlineEnd="200">
                <Text as="span" variant="bodySm" fontWeight="medium">
                  <span style={{ background: 'rgba(255,255,255,0.85)', padding: '2px 6px', borderRadius: 6 }}>
                    {afterLabel}
                  </span>
                </Text>
              </Box>
              {after.loading ? <Rendering label={t('studio.editor.preview.rendering')} /> : null}
            </div>
            <RangeSlider
              label={t('studio.editor.preview.divider')}
              labelHidden
              min={0}
              max={100}
              value={divider}
              onChange={(value) => setDivider(value as number)}
              output
            />
          </BlockStack>
        )}
        {after.error ? <InlineError message={after.error} fieldID="studio-preview" /> : null}
        {before.error && !before.url ? <InlineError message={before.error} fieldID="studio-original" /> : null}
      </BlockStack>
    </Card>
  );
}
