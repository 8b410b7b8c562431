/**
 * The editor's sliders: a labelled value slider with its number beside it,
 * and a hue slider whose swatch and rainbow show the colour chosen (hues
 * as the colour change measures them).
 */
import { BlockStack, RangeSlider } from '@shopify/polaris';
import { HUE_GRADIENT, hueColour } from './hue';

interface ValueSliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  helpText?: string;
  disabled?: boolean;
  /** How the value reads beside the slider ("+12", "3°"). */
  suffix?: (value: number) => string;
  onChange: (value: number) => void;
}

export function ValueSlider({
  label,
  value,
  min,
  max,
  step = 1,
  helpText,
  disabled,
  suffix,
  onChange,
}: ValueSliderProps) {
  return (
    <RangeSlider
      label={label}
      value={value}
      min={min}
      max={max}
      step={step}
      helpText={helpText}
      disabled={disabled}
      output
      suffix={
        <span style={{ minWidth: 44, display: 'inline-block', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
          {suffix ? suffix(value) : value}
        </span>
      }
      onChange={(next) => onChange(next as number)}
    />
  );
}

export const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
export const degrees = (value: number) => `${value}°`;

interface HueSliderProps {
  label: string;
  value: number;
  onChange: (hue: number) => void;
  disabled?: boolean;
  helpText?: string;
}

export function HueSlider({ label, value, onChange, disabled, helpText }: HueSliderProps) {
  return (
    <BlockStack gap="100">
      <RangeSlider
        label={label}
        value={value}
        min={0}
        max={360}
        disabled={disabled}
        helpText={helpText}
        onChange={(next) => onChange(next as number)}
        prefix={
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 24,
              height: 24,
              borderRadius: 6,
              background: hueColour(value),
              boxShadow: 'inset 0 0 0 1px rgba(0, 0, 0, 0.2)',
            }}
          />
        }
        suffix={<span style={{ minWidth: 44, display: 'inline-block', textAlign: 'right' }}>{degrees(value)}</span>}
      />
      <div aria-hidden style={{ height: 6, borderRadius: 3, background: HUE_GRADIENT, marginInline: 36 + 8 }} />
    </BlockStack>
  );
}
