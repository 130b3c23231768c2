// Amounts as a shopper reads them. The gateway sends minor units (cents, fen) and an ISO 4217 code;
// the number of decimals depends on the currency, so it is never guessed from the amount. Formatted
// by hand: the Mini Program's JavaScript engines do not all carry Intl.
const SYMBOLS: Record<string, string> = { HKD: 'HK$', CNY: '¥', USD: 'US$', JPY: '¥' };
const NO_DECIMALS = new Set(['JPY', 'KRW', 'VND']);

export function formatMinor(minor: number, currency: string): string {
  const decimals = NO_DECIMALS.has(currency) ? 0 : 2;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const major = decimals > 0 ? `${whole}.${digits.slice(digits.length - decimals)}` : whole;
  const symbol = SYMBOLS[currency];
  return symbol ? symbol + major : `${major} ${currency}`;
}
