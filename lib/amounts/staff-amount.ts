import { staffLocale } from "@/lib/auth/own-preferences";
import { parseAmount, type ParsedAmount } from "@/lib/money";
import { formatPattern, numberFormat } from "./number-formats";

/**
 * The server's reading of an amount a member of staff typed into a form: in their own number
 * format, as stored on their profile. The form sends the format its preview used; if the profile
 * changed since (another tab), the same keystrokes could mean another sum, so nothing is guessed.
 */
export async function readStaffAmount(staffId: string, typed: string, currency: string, formLocale?: string): Promise<ParsedAmount & { locale: string }> {
  const locale = await staffLocale(staffId);
  if (formLocale !== undefined && numberFormat(formLocale).locale !== locale) {
    const pattern = formatPattern(numberFormat(locale), 2);
    return {
      ok: false,
      locale,
      message: `Your number format changed to ${numberFormat(locale).label} (${pattern}) after this form was opened. Reload the page and type the amount again.`,
    };
  }
  return { ...parseAmount(typed, currency, locale), locale };
}
