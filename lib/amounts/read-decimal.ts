import type { NumberFormat } from "./number-formats";

// Reads a positive decimal written in one person's number format. One pass over at most
// MAX_TYPED_LENGTH characters and no regular expression, so no input can make it slow. Grouping
// separators count only where the format puts them: "1,50" is not a grouped number in en-US, and
// "1.000" is a thousand in de-DE but one point zero in en-US.

export const MAX_TYPED_LENGTH = 40;

export type DecimalReading =
  | { ok: true; whole: string; fraction: string }
  | { ok: false; problem: "empty" | "too_long" | "negative" | "malformed" };

const SPACES = new Set([" ", "\t"]);

export function readDecimal(typed: string, format: NumberFormat): DecimalReading {
  if (typed.length > MAX_TYPED_LENGTH * 4) return { ok: false, problem: "too_long" };
  // NFKC turns full-width digits and separators (a Japanese IME's "１，５００") and every no-break
  // space (fr-FR's U+202F, U+00A0) into their plain forms.
  const text = typed.normalize("NFKC").trim();
  if (text === "") return { ok: false, problem: "empty" };
  if (text.length > MAX_TYPED_LENGTH) return { ok: false, problem: "too_long" };
  if (text.startsWith("-") || text.startsWith("\u2212")) return { ok: false, problem: "negative" };

  const spaceGroups = format.groups.includes(" ");
  const groupSizes: number[] = [];
  let current = 0;
  let whole = "";
  let fraction: string | null = null;
  let lastWasGroup = false;
  for (const char of text) {
    if (char >= "0" && char <= "9") {
      if (fraction === null) {
        whole += char;
        current += 1;
      } else fraction += char;
      lastWasGroup = false;
    } else if (char === format.decimal && fraction === null) {
      if (lastWasGroup) return { ok: false, problem: "malformed" };
      fraction = "";
    } else if (fraction === null && (format.groups.includes(char) || (spaceGroups && SPACES.has(char)))) {
      // A separator must follow digits and come before more digits, never twice in a row.
      if (current === 0) return { ok: false, problem: "malformed" };
      groupSizes.push(current);
      current = 0;
      lastWasGroup = true;
    } else {
      return { ok: false, problem: "malformed" };
    }
  }
  if (lastWasGroup) return { ok: false, problem: "malformed" };
  if (fraction === "") return { ok: false, problem: "malformed" };
  if (whole === "" && fraction === null) return { ok: false, problem: "malformed" };
  if (groupSizes.length > 0 && !groupedAsFormatDoes([...groupSizes, current], format)) return { ok: false, problem: "malformed" };
  return { ok: true, whole: whole === "" ? "0" : whole, fraction: fraction ?? "" };
}

/** [1, 234, 567] for thousands; [12, 34, 567] for the Indian lakh grouping. */
function groupedAsFormatDoes(sizes: number[], format: NumberFormat): boolean {
  const last = sizes.length - 1;
  if (sizes[last] !== 3) return false;
  const inner = format.grouping === "lakh" ? 2 : 3;
  for (let i = 1; i < last; i += 1) if (sizes[i] !== inner) return false;
  const first = sizes[0]!;
  return last === 0 || (first >= 1 && first <= inner);
}
