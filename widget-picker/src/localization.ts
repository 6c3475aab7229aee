// The picker's languages: English in the source, Swedish, German and Bokmål loaded on demand
// (@lit/localize runtime mode; one locale per page, as the runtime is global).
import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['sv', 'de', 'nb'] as const;
export const LOCALES = [SOURCE_LOCALE, ...TARGET_LOCALES] as const;
export type Locale = (typeof LOCALES)[number];

const loaders = {
  sv: () => import('./locales/sv.js'),
  de: () => import('./locales/de.js'),
  nb: () => import('./locales/nb.js'),
} as const;

let runtime: ReturnType<typeof configureLocalization> | undefined;

function localization() {
  runtime ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
  });
  return runtime;
}

/** The supported locale for a language tag: `sv-SE` → `sv`, `no`/`nn` → `nb`, unknown → `en`. */
export function localeFor(tag: string | null | undefined): Locale {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  if (language === 'no' || language === 'nn') return 'nb';
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : SOURCE_LOCALE;
}

/** Switches every localized element of the page to `tag`'s locale; resolves once loaded. */
export async function setPickerLocale(tag: string | null | undefined): Promise<Locale> {
  const locale = localeFor(tag);
  const { getLocale, setLocale } = localization();
  if (getLocale() !== locale) await setLocale(locale);
  return locale;
}

export function pickerLocale(): Locale {
  return localeFor(localization().getLocale());
}
