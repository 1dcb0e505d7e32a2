// How each staff member writes numbers. A fixed table rather than whatever Intl says at run time:
// the browser's ICU and the server's can differ (de-CH groups with ' on one and ’ on the other), and
// the amount a person types must be read the same way in the form's preview and on the server.
// `number-formats.test.ts` checks every entry against the runtime's Intl so the table cannot drift.

export type Grouping = "thousands" | "lakh";

export interface NumberFormat {
  /** BCP 47 tag, also the locale dates and money are shown in. */
  locale: string;
  label: string;
  decimal: "." | ",";
  /** Characters accepted between digit groups. Spaces of every width arrive as U+0020 (NFKC). */
  groups: readonly string[];
  grouping: Grouping;
}

const COMMA_POINT = { decimal: ".", groups: [","], grouping: "thousands" } as const;
const POINT_COMMA = { decimal: ",", groups: ["."], grouping: "thousands" } as const;
const SPACE_COMMA = { decimal: ",", groups: [" "], grouping: "thousands" } as const;

export const NUMBER_FORMATS: readonly NumberFormat[] = [
  { locale: "en-US", label: "English (United States)", ...COMMA_POINT },
  { locale: "en-GB", label: "English (United Kingdom)", ...COMMA_POINT },
  { locale: "en-IN", label: "English (India)", decimal: ".", groups: [","], grouping: "lakh" },
  { locale: "ja-JP", label: "日本語 (日本)", ...COMMA_POINT },
  { locale: "de-DE", label: "Deutsch (Deutschland)", ...POINT_COMMA },
  { locale: "de-CH", label: "Deutsch (Schweiz)", decimal: ".", groups: ["'", "’"], grouping: "thousands" },
  { locale: "fr-FR", label: "Français (France)", ...SPACE_COMMA },
  { locale: "es-ES", label: "Español (España)", ...POINT_COMMA },
  { locale: "it-IT", label: "Italiano (Italia)", ...POINT_COMMA },
  { locale: "nl-NL", label: "Nederlands (Nederland)", ...POINT_COMMA },
  { locale: "pt-BR", label: "Português (Brasil)", ...POINT_COMMA },
  { locale: "sv-SE", label: "Svenska (Sverige)", ...SPACE_COMMA },
  { locale: "pl-PL", label: "Polski (Polska)", ...SPACE_COMMA },
];

export const DEFAULT_LOCALE = "en-US";

const BY_LOCALE = new Map(NUMBER_FORMATS.map((format) => [format.locale.toLowerCase(), format]));

export function isSupportedLocale(locale: string): boolean {
  return BY_LOCALE.has(locale.toLowerCase());
}

/** The format of a supported locale; anything else reads as en-US. */
export function numberFormat(locale: string | null | undefined): NumberFormat {
  return BY_LOCALE.get((locale ?? DEFAULT_LOCALE).toLowerCase()) ?? BY_LOCALE.get(DEFAULT_LOCALE.toLowerCase())!;
}

/**
 * The best supported format for a browser's languages (an Accept-Language header or
 * `navigator.languages`), or null when none of them is close: exact tag first, then the first
 * supported region of the same language ("de-AT" → de-DE, "fr" → fr-FR).
 */
export function localeForLanguages(languages: string | readonly string[] | null | undefined): string | null {
  const tags = (typeof languages === "string" ? acceptLanguageTags(languages) : (languages ?? [])).slice(0, 16);
  for (const tag of tags) {
    const exact = BY_LOCALE.get(tag.toLowerCase());
    if (exact) return exact.locale;
    const language = tag.split("-")[0]!.toLowerCase();
    const sameLanguage = NUMBER_FORMATS.find((format) => format.locale.toLowerCase().startsWith(`${language}-`));
    if (sameLanguage) return sameLanguage.locale;
  }
  return null;
}

/** "de-CH,de;q=0.9,en;q=0.5" → ["de-CH", "de", "en"], by quality, wildcards dropped. */
function acceptLanguageTags(header: string): string[] {
  return header
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(entry.tag) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** Groups an integer's digits the way the format does: "1234567" → "1.234.567" or "12,34,567". */
export function groupDigits(digits: string, format: NumberFormat): string {
  const separator = format.groups[0]!;
  const groups: string[] = [];
  let end = digits.length;
  let size = 3;
  while (end > size) {
    groups.unshift(digits.slice(end - size, end));
    end -= size;
    if (format.grouping === "lakh") size = 2;
  }
  groups.unshift(digits.slice(0, end));
  return groups.join(separator === " " ? "\u202f" : separator);
}

/** How an amount is written in this format with this many decimals, e.g. "1.234.567,89" or "12,34,567". */
export function formatPattern(format: NumberFormat, decimals: number): string {
  const whole = groupDigits("1234567", format);
  return decimals > 0 ? `${whole}${format.decimal}${"89".padEnd(decimals, "0").slice(0, decimals)}` : whole;
}
