/**
 * Steward's one i18n mechanism: i18next with the resources bundled (they are
 * small), the same instance shape on server and client. The merchant's admin
 * locale picks the language: Shopify passes it as `locale` on every embedded
 * app load; Accept-Language is the fallback; English the default.
 */
import i18next, { type i18n as I18n } from 'i18next';

type Messages = Record<string, unknown>;

// One file per area and locale (locales/<locale>/<area>.json), each holding
// its area's top-level key, merged into one `translation` namespace. Two files
// may not claim the same top-level key.
const files = import.meta.glob<Messages>('./locales/*/*.json', { eager: true, import: 'default' });

function messagesOf(locale: string): Messages {
  const merged: Messages = {};
  for (const [file, messages] of Object.entries(files)) {
    if (!file.startsWith(`./locales/${locale}/`)) continue;
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`Translation key "${key}" is defined twice for ${locale} (${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const resources = {
  en: { translation: messagesOf('en') },
  fr: { translation: messagesOf('fr') },
} as const;

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
