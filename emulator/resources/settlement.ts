import type { World } from "../core/world";

// Which currency money lands in. Stripe keeps a balance per settlement currency; a charge in a
// currency the account does not settle in is converted into the account's default currency at the
// rate of the moment, and its balance transaction says so with `exchange_rate` (docs.stripe.com
// "Currency conversions"; API reference, balance transaction `exchange_rate`: "if money was
// converted from currency A to currency B, then the amount in currency A, times exchange_rate, would
// be the amount in currency B"). The emulator's rates are fixed, so tests can compute them.

const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

export function currencyExponent(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** US dollars per one unit of each currency: the emulator's fixed mid-market rates. */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  usd: 1,
  eur: 1.08,
  gbp: 1.27,
  jpy: 0.0067,
  cad: 0.73,
  aud: 0.66,
  chf: 1.13,
  kwd: 3.25,
  sek: 0.095,
  nok: 0.093,
  dkk: 0.145,
  nzd: 0.61,
  mxn: 0.058,
  sgd: 0.74,
  hkd: 0.128,
  inr: 0.012,
  brl: 0.2,
  pln: 0.25,
  czk: 0.043,
  huf: 0.0027,
  ron: 0.22,
  bgn: 0.55,
  isk: 0.0072,
  zar: 0.055,
  ils: 0.27,
  aed: 0.2723,
  sar: 0.2667,
  try: 0.029,
  thb: 0.028,
  myr: 0.21,
  php: 0.017,
  idr: 0.000062,
  krw: 0.00073,
  twd: 0.031,
  cny: 0.138,
  clp: 0.00105,
  cop: 0.00025,
  vnd: 0.00004,
  ugx: 0.00027,
  bhd: 2.65,
  jod: 1.41,
  omr: 2.6,
  tnd: 0.32,
};

/** The account's default currency and the currencies it settles in (the default among them). */
export function settlementCurrencies(world: World): { defaultCurrency: string; currencies: Set<string> } {
  const settings = world.store.settings;
  return { defaultCurrency: settings.defaultCurrency, currencies: new Set([settings.defaultCurrency, ...settings.settlementCurrencies]) };
}

/** The currency a payment in `currency` settles in. */
export function settlementCurrencyFor(world: World, currency: string): string {
  const { defaultCurrency, currencies } = settlementCurrencies(world);
  return currencies.has(currency) ? currency : defaultCurrency;
}

export type Settled = { amount: number; currency: string; exchangeRate: number | null };

/** `amount` (minor units of `currency`) as it lands in the balance. */
export function settle(world: World, amount: number, currency: string): Settled {
  const target = settlementCurrencyFor(world, currency);
  if (target === currency) return { amount, currency, exchangeRate: null };
  const rate = exchangeRate(currency, target);
  const major = amount / 10 ** currencyExponent(currency);
  return { amount: Math.round(major * rate * 10 ** currencyExponent(target)), currency: target, exchangeRate: rate };
}

export function exchangeRate(from: string, to: string): number {
  const a = USD_PER_UNIT[from];
  const b = USD_PER_UNIT[to];
  if (a === undefined || b === undefined) throw new Error(`The emulator has no exchange rate for ${from} → ${to}`);
  // Six significant digits, as Stripe's exchange_rate values show.
  return Number((a / b).toPrecision(6));
}

export function hasExchangeRate(currency: string): boolean {
  return USD_PER_UNIT[currency] !== undefined;
}
