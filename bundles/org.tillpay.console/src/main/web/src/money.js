// Amounts: the API counts minor units (øre, cents) as whole numbers; the pages show and take major units with two
// decimals. Conversions work on the digits, never through floating point.

const MAX_MINOR = 99_999_999_999; // 999 999 999.99: far above any sale, far below Number.MAX_SAFE_INTEGER

/**
 * @param {string} text a price in major units as typed: "299", "299.5", "299.00", "1 299,90"
 * @returns {number|null} the price in minor units, or null when it is not a price (negative, more than two decimals,
 *   letters, empty, too large)
 */
export function toMinor(text) {
  const s = String(text ?? '').trim().replace(/[\s\u00a0]/g, '');
  const m = /^(\d{1,9})(?:[.,](\d{0,2}))?$/.exec(s);
  if (!m) {
    return null;
  }
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return minor <= MAX_MINOR ? minor : null;
}

/** @returns {string} minor units as major units with two decimals: 29900 → "299.00", -5 → "-0.05" */
export function majorText(minor) {
  const n = BigInt(minor);
  const abs = n < 0n ? -n : n;
  const cents = String(abs % 100n).padStart(2, '0');
  return `${n < 0n ? '-' : ''}${abs / 100n}.${cents}`;
}

/** @returns {string} e.g. "299.00 NOK" */
export function formatMoney(minor, currency) {
  if (minor === null || minor === undefined || Number.isNaN(minor)) {
    return '–';
  }
  return currency ? `${majorText(minor)} ${currency}` : majorText(minor);
}

/**
 * The VAT contained in a VAT-inclusive amount, as the server counts it: amount × p / (100 + p), rounded half up.
 * @param {number} amountMinor the amount including VAT
 * @param {number} percent a whole VAT percentage (25, 15, 12, 0)
 */
export function vatIncluded(amountMinor, percent) {
  const a = BigInt(amountMinor);
  const p = BigInt(percent);
  const d = 100n + p;
  const twice = 2n * a * p + d; // half up: floor((a·p + d/2) / d) without fractions
  return Number(twice / (2n * d));
}
