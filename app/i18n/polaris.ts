/** Polaris's own strings, in the same locale as Steward's. */
import polarisEn from '@shopify/polaris/locales/en.json';
import polarisFr from '@shopify/polaris/locales/fr.json';
import type { Locale } from './i18n';

export const POLARIS_TRANSLATIONS: Record<Locale, typeof polarisEn> = { en: polarisEn, fr: polarisFr };
