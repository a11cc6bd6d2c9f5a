// The payouts page's sections: the payouts by payment method with totals per currency and each payout's files, the
// monthly summary (table with an "All" row per month, and its chart), the reconciliation's exceptions, and the
// download links of each.
import * as api from './api.js';
import { stackedBarChart } from './bar-chart.js';
import { formatMoney, majorText } from './money.js';
import {
  PROVIDERS, chartSeries, feeShare, monthlyGroups, newestFirst, providerName, totalsByCurrency,
} from './payout-sums.js';
import { h, methodName } from './ui.js';

const FORMATS = ['csv', 'xlsx', 'pdf'];
const KNOWN = new Set(PROVIDERS.map(([id]) => id));

/** @returns {string} the CSS class of a provider's colour in the chart */
const providerClass = (id) => `prov-${KNOWN.has(id) ? id : 'other'}`;

/**
 * "Download CSV XLSX PDF" links of a report with the filters shown.
 * @param {string} report payouts, monthly or reconciliation
 * @param {string} what the report's name in the links' accessible names, e.g. "Payouts"
 */
export function downloadLinks(storeId, report, what, filters) {
  return h('p', { class: 'downloads' }, h('span', { class: 'label', text: 'Download' }),
    FORMATS.map((format) => h('a', {
      href: api.reportUrl(storeId, report, { format, ...filters }),
      download: true,
      class: 'download',
      testid: `download-${report}-${format}`,
      'aria-label': `${what} as ${format.toUpperCase()}`,
      text: format.toUpperCase(),
    })));
}

/** @returns {string} a long settlement id shortened for the eye ("a73f0591…"); its whole is in the title */
const shortId = (id) => (id && id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** Money columns: amounts with their currency when several currencies are shown, else the currency in the header. */
function money(currencies) {
  const single = currencies.length === 1 ? currencies[0] : null;
  const text = (minor, currency) => (single ? majorText(minor) : formatMoney(minor, currency));
  return {
    several: !single,
    text,
    head: (word) => (single ? `${word} (${single})` : word),
    cell: (minor, currency, props = {}) => h('td', { class: 'num', ...props, text: text(minor, currency) }),
  };
}

const headRow = (cols) => h('thead', {}, h('tr', {}, cols.map(([text, cls]) => h('th', { scope: 'col', class: cls || null, text }))));

function emptyRow(colspan, ...content) {
  return h('tr', {}, h('td', { colspan: String(colspan), class: 'empty' }, content));
}

/**
 * The payouts, newest first, with their fees and their files, and a total per currency.
 * @param {Node[]} emptyState what to say when there are none
 */
export function payoutsTable(storeId, payouts, emptyState) {
  const totals = totalsByCurrency(payouts);
  const m = money(totals.map((t) => t.currency));
  const rows = newestFirst(payouts).map((p) => {
    const file = (report, format, text) => h('a', {
      href: api.reportUrl(storeId, report, { format, settlement: p.settlementId }),
      download: true,
      testid: `download-${report}-${p.settlementId}`,
      'aria-label': `${text}: the ${report === 'settlement' ? 'settlement report' : 'provider\u2019s source file'} of the payout of ${p.settledAt}, ${providerName(p.provider)}`,
      text,
    });
    return h('tr', { testid: `payout-row-${p.settlementId}` },
      h('th', { scope: 'row' }, h('span', { class: 'nowrap', text: p.settledAt }),
        h('span', { class: 'sub', title: `Settlement ${p.settlementId}` }, h('span', { 'aria-hidden': 'true', text: shortId(p.settlementId) }),
          h('span', { class: 'sr-only', text: `Settlement ${p.settlementId}` }))),
      h('td', { text: providerName(p.provider) }),
      m.cell(p.captureMinor, p.currency),
      m.cell(p.refundMinor, p.currency),
      h('td', { class: 'num' }, m.text(p.feeMinor, p.currency),
        h('span', { class: 'sub', text: feeShare(p.feeMinor, p.captureMinor) })),
      m.cell(p.amountMinor, p.currency, { class: 'num strong' }),
      h('td', { class: 'files' }, file('settlement', 'pdf', 'Report PDF'), file('source', 'csv', 'Source CSV')));
  });
  const foot = totals.map((t) => h('tr', { class: 'total' },
    h('th', { scope: 'row', colspan: '2', text: `Total ${t.currency}, ${t.count} payout${t.count === 1 ? '' : 's'}` }),
    m.cell(t.captureMinor, t.currency), m.cell(t.refundMinor, t.currency),
    h('td', { class: 'num' }, m.text(t.feeMinor, t.currency),
      h('span', { class: 'sub', text: feeShare(t.feeMinor, t.captureMinor) })),
    m.cell(t.amountMinor, t.currency), h('td', {})));
  return h('table', { class: 'data payouts-table', testid: 'payouts-table' },
    h('caption', { class: 'sr-only', text: 'Payouts, newest first: what was captured, refunded, the fees and what was paid out; each with its settlement report and source file' }),
    headRow([['Payout date'], ['Provider'], [m.head('Captured'), 'num'], [m.head('Refunded'), 'num'],
      [m.head('Fees'), 'num'], [m.head('Paid out'), 'num'], ['Files']]),
    h('tbody', {}, rows.length ? rows : emptyRow(7, emptyState)),
    totals.length ? h('tfoot', { testid: 'payouts-total' }, foot) : null);
}

/** The monthly summary: per month, a row per provider and the month's "All" row. */
export function monthlyTable(rows, emptyState) {
  const groups = monthlyGroups(rows);
  const m = money([...new Set(groups.map((g) => g.currency))]);
  const body = [];
  for (const g of groups) {
    g.rows.forEach((r, i) => body.push(h('tr', { testid: `monthly-row-${g.month}-${r.provider}`, class: i === 0 ? 'month-start' : null },
      h('td', { class: 'nowrap', text: i === 0 ? g.month : '' }),
      h('th', { scope: 'row', text: providerName(r.provider) }),
      h('td', { class: 'num', text: String(r.settlements) }),
      m.cell(r.captureMinor, g.currency), m.cell(r.refundMinor, g.currency), m.cell(r.feeMinor, g.currency),
      m.cell(r.amountMinor, g.currency))));
    body.push(h('tr', { class: 'total', testid: `monthly-all-${g.month}${m.several ? `-${g.currency}` : ''}` },
      h('td', { text: '' }, h('span', { class: 'sr-only', text: g.month })),
      h('th', { scope: 'row', text: m.several ? `All (${g.currency})` : 'All' }),
      h('td', { class: 'num', text: String(g.all.settlements) }),
      m.cell(g.all.captureMinor, g.currency), m.cell(g.all.refundMinor, g.currency), m.cell(g.all.feeMinor, g.currency),
      m.cell(g.all.amountMinor, g.currency)));
  }
  return h('table', { class: 'data monthly-table', testid: 'monthly-table' },
    h('caption', { class: 'sr-only', text: 'Monthly summary, oldest month first: per payment provider and in all, the number of payouts, captured, refunded, fees and paid out' }),
    headRow([['Month'], ['Provider'], ['Payouts', 'num'], [m.head('Captured'), 'num'], [m.head('Refunded'), 'num'],
      [m.head('Fees'), 'num'], [m.head('Paid out'), 'num']]),
    h('tbody', {}, body.length ? body : emptyRow(7, emptyState)));
}

const wholeMajor = (minor) => String(Math.round(minor / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The monthly summary's chart: paid out per month stacked by provider, the fees beside; one per currency. */
export function monthlyChart(rows) {
  const charts = chartSeries(rows).map((c) => {
    const span = c.months.length === 1 ? c.months[0] : `${c.months[0]} to ${c.months[c.months.length - 1]}`;
    const names = c.providers.map((p) => providerName(p.provider));
    return stackedBarChart({
      title: `Paid out per month by payment provider, ${c.currency}`,
      description: `${span}: ${formatMoney(c.paidOut, c.currency)} paid out in all (${names.join(', ')}), after `
        + `${formatMoney(c.feesTotal, c.currency)} in fees. The monthly summary table below has every number.`,
      categories: c.months,
      stacks: c.providers.map((p) => ({ name: providerName(p.provider), className: providerClass(p.provider), values: p.values })),
      side: { name: 'Fees', className: 'fees', values: c.fees },
      axisLabel: wholeMajor,
      valueText: (v) => formatMoney(v, c.currency),
      unit: c.currency,
      minStep: 100,
    });
  });
  return h('div', { class: 'monthly-chart', testid: 'monthly-chart' }, charts);
}

const OUTCOMES = [
  ['NOT_YET_SETTLED', 'tone-waiting', 'sold, not paid out yet: normal for a few bank days (Klarna and Walley: weeks)'],
  ['AMOUNT_MISMATCH', 'tone-attention', 'paid out, but not what the sale took net of refunds'],
  ['UNKNOWN_TO_POS', 'tone-attention', 'paid out, but no sale of this store has that transaction'],
];
const TONE = Object.fromEntries(OUTCOMES.map(([o, tone]) => [o, tone]));

const PRODUCTS = { creditcard: 'card', invoice: 'invoice', installment: 'instalments', account: 'account' };

/** @returns {string} Dintero's payment product type for people: "klarna.klarna" → "Klarna", "collector.invoice" → "Walley (Collector) invoice" */
export function productName(type) {
  if (!type) {
    return '–';
  }
  const [provider, product = provider] = type.split('.');
  if (methodName(product) !== product) {
    return methodName(product); // vipps, swish, klarna, …
  }
  if (product === 'creditcard') {
    return 'Card';
  }
  return product === provider ? providerName(provider) : `${providerName(provider)} ${PRODUCTS[product] || product}`;
}

/** What the reconciliation's outcomes mean, said once above its table. */
export function outcomesLegend() {
  return h('dl', { class: 'outcomes' }, OUTCOMES.map(([o, tone, text]) => h('div', {},
    h('dt', {}, h('span', { class: ['badge', tone], text: o })), h('dd', { text }))));
}

/** The reconciliation's exceptions: what needs a look. */
export function reconciliationTable(answer, emptyState) {
  const list = answer.exceptions || [];
  const m = money([...new Set(list.map((x) => x.currency))]);
  const rows = list.map((x) => h('tr', { testid: `reconciliation-row-${x.transactionId}` },
    h('td', {}, h('span', { class: ['badge', TONE[x.outcome] || 'tone-attention'], text: x.outcome })),
    h('th', { scope: 'row' }, x.saleReference || h('span', { class: 'hint', text: 'no sale' }),
      h('span', { class: 'sub wrap-anywhere', title: 'Dintero transaction id', text: x.transactionId })),
    h('td', { title: x.paymentProduct || '', text: productName(x.paymentProduct) }),
    m.cell(x.posNetMinor, x.currency), m.cell(x.settledNetMinor, x.currency), m.cell(x.feeMinor, x.currency)));
  if (answer.notShown > 0) {
    rows.push(h('tr', {}, h('td', { colspan: '6', class: 'more', testid: 'reconciliation-not-shown',
      text: `${answer.notShown} more not shown: download the reconciliation for all of them.` })));
  }
  return h('table', { class: 'data reconciliation-table', testid: 'reconciliation-table' },
    h('caption', { class: 'sr-only', text: 'Reconciliation exceptions: sales and payouts that do not match' }),
    headRow([['Outcome'], ['Sale and transaction'], ['Paid with'], [m.head('Sold, net'), 'num'], [m.head('Paid out, net'), 'num'],
      [m.head('Fees'), 'num']]),
    h('tbody', {}, rows.length ? rows : emptyRow(6, emptyState)));
}
