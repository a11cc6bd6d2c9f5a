// The payouts page's sums and the chart's axis, checked with node's own test runner (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ticks } from '../src/bar-chart.js';
import {
  chartSeries, feeShare, monthRange, monthlyGroups, newestFirst, providerName, totalsByCurrency,
} from '../src/payout-sums.js';

const payout = (settlementId, provider, currency, captureMinor, refundMinor, feeMinor, settledAt) => ({
  settlementId, provider, currency, captureMinor, refundMinor, feeMinor, amountMinor: captureMinor - refundMinor - feeMinor, settledAt,
});

test('payouts add up per currency', () => {
  const totals = totalsByCurrency([
    payout('S1', 'vipps', 'NOK', 29900, 0, 558, '2026-11-23'),
    payout('S2', 'klarna', 'NOK', 10000, 2000, 300, '2026-11-24'),
    payout('S3', 'swish', 'SEK', 5000, 0, 100, '2026-11-24'),
  ]);
  assert.deepEqual(totals, [
    { currency: 'NOK', count: 2, captureMinor: 39900, refundMinor: 2000, feeMinor: 858, amountMinor: 37042 },
    { currency: 'SEK', count: 1, captureMinor: 5000, refundMinor: 0, feeMinor: 100, amountMinor: 4900 },
  ]);
});

test('payouts are shown newest first, whatever order the API sends', () => {
  const list = newestFirst([payout('A', 'vipps', 'NOK', 1, 0, 0, '2026-10-01'), payout('C', 'vipps', 'NOK', 1, 0, 0, '2026-11-02'),
    payout('B', 'vipps', 'NOK', 1, 0, 0, '2026-11-02')]);
  assert.deepEqual(list.map((p) => p.settlementId), ['C', 'B', 'A']);
});

test('each month of the summary gets an All row adding up its providers', () => {
  const groups = monthlyGroups([
    { month: '2026-11', provider: 'vipps', currency: 'NOK', settlements: 2, captureMinor: 50000, refundMinor: 0, feeMinor: 900, amountMinor: 49100 },
    { month: '2026-10', provider: 'vipps', currency: 'NOK', settlements: 1, captureMinor: 100, refundMinor: 0, feeMinor: 2, amountMinor: 98 },
    { month: '2026-11', provider: 'klarna', currency: 'NOK', settlements: 1, captureMinor: 20000, refundMinor: 5000, feeMinor: 600, amountMinor: 14400 },
  ]);
  assert.deepEqual(groups.map((g) => g.month), ['2026-10', '2026-11']);
  assert.deepEqual(groups[1].rows.map((r) => r.provider), ['klarna', 'vipps']);
  assert.deepEqual(groups[1].all, { settlements: 3, captureMinor: 70000, refundMinor: 5000, feeMinor: 1500, amountMinor: 63500 });
});

test('the chart has every month from the first to the last, zero where nothing was paid out', () => {
  assert.deepEqual(monthRange('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
  assert.deepEqual(monthRange('2020-01', '2026-12', 3), ['2026-10', '2026-11', '2026-12']);
  const [nok] = chartSeries([
    { month: '2026-09', provider: 'vipps', currency: 'NOK', settlements: 1, captureMinor: 1000, refundMinor: 0, feeMinor: 10, amountMinor: 990 },
    { month: '2026-11', provider: 'vipps', currency: 'NOK', settlements: 1, captureMinor: 2000, refundMinor: 0, feeMinor: 20, amountMinor: 1980 },
    { month: '2026-11', provider: 'klarna', currency: 'NOK', settlements: 1, captureMinor: 3000, refundMinor: 0, feeMinor: 30, amountMinor: 2970 },
  ]);
  assert.deepEqual(nok.months, ['2026-09', '2026-10', '2026-11']);
  assert.deepEqual(nok.providers, [{ provider: 'klarna', values: [0, 0, 2970] }, { provider: 'vipps', values: [990, 0, 1980] }]);
  assert.deepEqual(nok.fees, [10, 0, 50]);
  assert.equal(nok.paidOut, 5940);
  assert.equal(nok.feesTotal, 60);
});

test('providers and fee shares read well', () => {
  assert.equal(providerName('vipps'), 'Vipps MobilePay');
  assert.equal(providerName('newpay'), 'newpay');
  assert.equal(feeShare(558, 29900), '1.9 %');
  assert.equal(feeShare(10, 0), '');
});

test('the value axis has round steps covering the values', () => {
  assert.deepEqual(ticks(0, 49100, 100), [0, 20000, 40000, 60000]);
  assert.deepEqual(ticks(-5000, 12000, 100), [-5000, 0, 5000, 10000, 15000]);
  assert.deepEqual(ticks(0, 0, 100), [0, 100]);
  assert.deepEqual(ticks(0, 350, 100), [0, 100, 200, 300, 400]);
});
