/**
 * Steward's one i18n mechanism: i18next with the resources bundled (they are
 * small), the same instance shape on server and client. The merchant's admin
 * locale picks the language: Shopify passes it as `locale` on every embedded
 * app load; Accept-Language is the fallback; English the default.
 */
import i18next, { type i18n as I18n } from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

function match(tag: string | null | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((locale) => locale === language);
}

/** The locale for a request: `?locale=` from Shopify admin, then Accept-Language. */
export function resolveLocale(request: Request): Locale {
  const fromShopify = match(new URL(request.url).searchParams.get('locale'));
  if (fromShopify) return fromShopify;
  const accepted = (request.headers.get('Accept-Language') ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of accepted) {
    const locale = match(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
