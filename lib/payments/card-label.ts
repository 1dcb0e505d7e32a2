// Card brands as Stripe names them (`card.brand`) and as the Stripe Dashboard shows them.
const BRAND_NAMES: Record<string, string> = {
  amex: "American Express",
  cartes_bancaires: "Cartes Bancaires",
  diners: "Diners Club",
  discover: "Discover",
  eftpos_au: "eftpos Australia",
  interac: "Interac",
  jcb: "JCB",
  link: "Link",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
};

/** "Visa •••• 4242". */
export function cardLabel(brand: string | null | undefined, last4: string | null | undefined): string {
  const name = brand ? (BRAND_NAMES[brand.toLowerCase()] ?? brand) : "Card";
  return `${name} •••• ${last4 ?? "????"}`;
}
