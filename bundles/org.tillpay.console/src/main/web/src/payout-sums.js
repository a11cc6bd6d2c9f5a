// The payouts page's arithmetic, without the DOM: payment providers' names, totals per currency, the monthly summary
// grouped by month with an "All" row, and the chart's series. Amounts stay whole minor units.

/** Dintero's payment providers, as the payouts API names them, and their names for people. */
export const PROVIDERS = [
  ['vipps', 'Vipps MobilePay'],
  ['payex', 'PayEx (cards)'],
  ['klarna', 'Klarna'],
  ['collector', 'Walley (Collector)'],
  ['dintero_psp', 'Dintero Payments (cards)'],
  ['swish', 'Swish'],
];

const NAMES = Object.fromEntries(PROVIDERS);

/** @returns {string} a provider's name for people; an unknown one as given */
export const providerName = (id) => NAMES[id] || id || '–';

const SUMMED = ['captureMinor', 'refundMinor', 'feeMinor', 'amountMinor'];

function add(into, row) {
  for (const k of SUMMED) {
    into[k] += Number(row[k]) || 0;
  }
}

/**
 * @param {object[]} payouts rows of GET /payouts
 * @returns {object[]} one total per currency (count, captureMinor, refundMinor, feeMinor, amountMinor), by currency
 */
export function totalsByCurrency(payouts) {
  const by = new Map();
  for (const p of payouts) {
    if (!by.has(p.currency)) {
      by.set(p.currency, { currency: p.currency, count: 0, captureMinor: 0, refundMinor: 0, feeMinor: 0, amountMinor: 0 });
    }
    const t = by.get(p.currency);
    t.count += 1;
    add(t, p);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** @returns {object[]} payouts newest first (payout date, then settlement id) */
export const newestFirst = (payouts) => [...payouts].sort((a, b) => String(b.settledAt).localeCompare(String(a.settledAt))
  || String(b.settlementId).localeCompare(String(a.settlementId)));

/**
 * @param {object[]} rows rows of GET /payouts/monthly (month, provider, currency, settlements and the sums)
 * @returns {{month: string, currency: string, rows: object[], all: object}[]} per month (oldest first) and currency:
 *   its providers' rows and their "All" total
 */
export function monthlyGroups(rows) {
  const groups = new Map();
  for (const r of rows) {
    const key = `${r.month} ${r.currency}`;
    if (!groups.has(key)) {
      groups.set(key, { month: r.month, currency: r.currency, rows: [],
        all: { settlements: 0, captureMinor: 0, refundMinor: 0, feeMinor: 0, amountMinor: 0 } });
    }
    const g = groups.get(key);
    g.rows.push(r);
    g.all.settlements += Number(r.settlements) || 0;
    add(g.all, r);
  }
  const list = [...groups.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
  for (const g of list) {
    g.rows.sort((a, b) => providerName(a.provider).localeCompare(providerName(b.provider)));
  }
  return list;
}

/**
 * @returns {string[]} the months from first to last ("2026-09" … "2026-11"), at most `max` (the latest ones)
 */
export function monthRange(first, last, max = 36) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out.slice(-max);
}

/**
 * @param {object[]} rows rows of GET /payouts/monthly
 * @returns {{currency: string, months: string[], providers: {provider: string, values: number[]}[],
 *   fees: number[], paidOut: number, feesTotal: number}[]} one chart per currency: every month from the first to the
 *   last (months without payouts count zero), paid out per provider and the fees per month
 */
export function chartSeries(rows) {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((r) => r.currency === currency);
    const sorted = mine.map((r) => r.month).sort();
    const months = monthRange(sorted[0], sorted[sorted.length - 1]);
    const providers = [...new Set(mine.map((r) => r.provider))]
      .sort((a, b) => providerName(a).localeCompare(providerName(b)))
      .map((provider) => ({
        provider,
        values: months.map((month) => mine.filter((r) => r.month === month && r.provider === provider)
          .reduce((sum, r) => sum + (Number(r.amountMinor) || 0), 0)),
      }));
    const fees = months.map((month) => mine.filter((r) => r.month === month)
      .reduce((sum, r) => sum + (Number(r.feeMinor) || 0), 0));
    const inRange = mine.filter((r) => months.includes(r.month));
    return {
      currency,
      months,
      providers,
      fees,
      paidOut: inRange.reduce((sum, r) => sum + (Number(r.amountMinor) || 0), 0),
      feesTotal: inRange.reduce((sum, r) => sum + (Number(r.feeMinor) || 0), 0),
    };
  });
}

/** @returns {string} the fee as a share of what was captured, e.g. "1.9 %", or '' when nothing was captured */
export function feeShare(feeMinor, captureMinor) {
  if (!captureMinor || captureMinor <= 0) {
    return '';
  }
  return `${((feeMinor * 100) / captureMinor).toFixed(1)} %`;
}
