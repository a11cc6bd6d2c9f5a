// Payouts (#/payouts, managers): a store's payouts by payment method with their fees, the monthly summary with its
// chart, the reconciliation's exceptions, their downloads, and "Fetch settlements now". A cashier is told the page
// needs the manager role, and nothing is asked of the API.
import * as api from './api.js';
import { PROVIDERS } from './payout-sums.js';
import {
  downloadLinks, monthlyChart, monthlyTable, outcomesLegend, payoutsTable, reconciliationTable,
} from './payout-tables.js';
import { clearProblem, field, h, notice, showProblem, storeLabel } from './ui.js';

/** The filters, kept while the user visits other pages. */
let filters = { store: '', provider: '', from: '', to: '' };

/** Forgets the filters (on logout). */
export function resetPayouts() {
  filters = { store: '', provider: '', from: '', to: '' };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Shows the payouts page; @returns {() => void} nothing to stop */
export function renderPayouts(main, ctx) {
  if (!ctx.isManager) {
    main.replaceChildren(h('section', { class: 'payouts' }, h('h1', { text: 'Payouts' }),
      h('div', { class: 'card role-note', testid: 'payouts-needs-manager' },
        h('p', { class: 'strong', text: 'Payouts need the manager role.' }),
        h('p', { text: `You are logged in as ${ctx.username}, who has the cashier role. Payouts, fees, the monthly summary and the reconciliation are for managers and admins: ask one, or log in as one.` }),
        h('p', {}, 'Go back to the ', h('a', { href: '#/till', text: 'till' }), ' or the ', h('a', { href: '#/payments', text: 'payments' }), '.'))));
    return () => {};
  }

  const store = h('select', { testid: 'payouts-store', name: 'store' });
  const provider = h('select', { testid: 'payouts-provider', name: 'provider' },
    h('option', { value: '', text: 'All providers' }), PROVIDERS.map(([id, name]) => h('option', { value: id, text: name })));
  const from = h('input', { type: 'date', testid: 'payouts-from', name: 'from', value: filters.from });
  const to = h('input', { type: 'date', testid: 'payouts-to', name: 'to', value: filters.to });
  const show = h('button', { type: 'submit', class: 'secondary', testid: 'payouts-show', text: 'Show' });
  const form = h('form', { class: 'filters payouts-filters', role: 'search', 'aria-label': 'Payouts to show', novalidate: true },
    field('Store', store), field('Provider', provider),
    field('Paid out from', from), field('Paid out to', to),
    h('div', { class: 'actions' }, show));
  const filtersHint = h('p', { class: 'hint', text: 'Dates are payout dates, both included; leave them empty for all.' });
  provider.value = filters.provider;

  const fetchButton = h('button', { type: 'button', class: 'secondary', testid: 'fetch-settlements', text: 'Fetch settlements now' });
  const payoutsBody = h('div', { class: 'section-body' });
  const monthlyBody = h('div', { class: 'section-body' });
  const reconciliationBody = h('div', { class: 'section-body' });
  const payoutsDownloads = h('div', { class: 'section-tools' });
  const monthlyDownloads = h('div', { class: 'section-tools' });
  const reconciliationDownloads = h('div', { class: 'section-tools' });
  const fetchNote = h('p', { class: 'hint', 'aria-live': 'polite' });

  const section = (id, title, hint, tools, body, extra) => h('section', { class: 'card table-card sectioned', 'aria-labelledby': id },
    h('div', { class: 'section-head' }, h('div', {}, h('h2', { id, text: title }), hint ? h('p', { class: 'hint', text: hint }) : null),
      h('div', { class: 'section-actions' }, extra, tools)),
    body);

  main.replaceChildren(h('section', { class: 'payouts' }, h('h1', { text: 'Payouts' }),
    h('div', { class: 'card' }, form, filtersHint),
    section('payouts-title', 'Payouts by payment method', 'What Dintero paid out, per settlement, after refunds and fees.',
      payoutsDownloads, h('div', {}, payoutsBody, fetchNote), fetchButton),
    section('monthly-title', 'Monthly summary', 'Paid out and fees per month of the payout date, per provider and in all.',
      monthlyDownloads, monthlyBody),
    section('reconciliation-title', 'Reconciliation exceptions',
      'Sales and payouts that do not match; every provider, and the dates are the sales\u2019 days.',
      reconciliationDownloads, reconciliationBody)));

  let alive = true;
  let loading = 0;

  const loadingText = () => h('p', { class: 'loading pad', text: 'Loading…' });

  /** What to say when no payout is listed, and what to do. */
  function emptyPayouts(f) {
    const filtered = f.provider || f.from || f.to;
    return [h('strong', { text: filtered ? 'No payouts match these filters.' : 'No payouts yet.' }),
      ' Dintero pays out captured payments a few bank days after they are captured (Vipps MobilePay and cards 2\u20133,'
      + ' Swish 1\u20132, Klarna and Walley one to three weeks), and Tillpay fetches the settlements by itself'
      + ' regularly. To look for new ones at once, ',
      h('button', { type: 'button', class: 'link-button', onClick: fetchSettlements, text: 'fetch settlements now' }), '.'];
  }

  /** @returns {object|null} the filters as the API takes them, or null after showing what is wrong */
  function readFilters() {
    for (const input of [from, to]) {
      if (input.value && !DATE.test(input.value)) {
        showProblem({ detail: 'Write the date as 2026-11-30.', field: input.name }, () => input);
        return null;
      }
    }
    if (from.value && to.value && from.value > to.value) {
      showProblem({ detail: `"Paid out from" (${from.value}) is after "Paid out to" (${to.value}).`, field: 'from' }, () => from);
      return null;
    }
    return { store: store.value, provider: provider.value, from: from.value, to: to.value };
  }

  async function load() {
    clearProblem();
    const f = readFilters();
    if (!f || !f.store) {
      return;
    }
    filters = f;
    const mine = ++loading;
    const path = `/stores/${encodeURIComponent(f.store)}`;
    const q = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
    const withProvider = q({ provider: f.provider, from: f.from, to: f.to });
    const dates = q({ from: f.from, to: f.to });
    for (const body of [payoutsBody, monthlyBody, reconciliationBody]) {
      body.replaceChildren(loadingText());
    }
    payoutsDownloads.replaceChildren(downloadLinks(f.store, 'payouts', 'Payouts', { provider: f.provider, from: f.from, to: f.to }));
    monthlyDownloads.replaceChildren(downloadLinks(f.store, 'monthly', 'Monthly summary', { provider: f.provider, from: f.from, to: f.to }));
    reconciliationDownloads.replaceChildren(downloadLinks(f.store, 'reconciliation', 'Reconciliation', { from: f.from, to: f.to }));
    const [payouts, monthly, reconciliation] = await Promise.allSettled([
      api.get(`${path}/payouts?${withProvider}`),
      api.get(`${path}/payouts/monthly?${withProvider}`),
      api.get(`${path}/reconciliation?${dates}`),
    ]);
    if (!alive || mine !== loading) {
      return;
    }
    const failed = [payouts, monthly, reconciliation].find((r) => r.status === 'rejected');
    if (failed) {
      showProblem(failed.reason, (name) => ({ from, to, provider }[name] || null));
    }
    const notShown = (r) => h('p', { class: 'empty pad', text: `Not shown: ${r.reason.detail || r.reason.message}` });
    payoutsBody.replaceChildren(payouts.status === 'fulfilled'
      ? h('div', { class: 'table-wrap' }, payoutsTable(f.store, payouts.value, emptyPayouts(f))) : notShown(payouts));
    monthlyBody.replaceChildren(...(monthly.status === 'fulfilled'
      ? [monthly.value.length ? monthlyChart(monthly.value) : null,
        h('div', { class: 'table-wrap' }, monthlyTable(monthly.value, 'No payouts in these months, so nothing to sum up yet.'))]
      : [notShown(monthly)]).filter(Boolean));
    reconciliationBody.replaceChildren(...(reconciliation.status === 'fulfilled'
      ? [reconciliation.value.exceptions && reconciliation.value.exceptions.length ? outcomesLegend() : null,
        h('div', { class: 'table-wrap' }, reconciliationTable(reconciliation.value,
          'Nothing needs a look: every sale in the period is matched by its payout.'))]
      : [notShown(reconciliation)]).filter(Boolean));
  }

  async function fetchSettlements() {
    clearProblem();
    if (!store.value) {
      return;
    }
    fetchButton.disabled = true;
    fetchButton.textContent = 'Fetching…';
    fetchNote.textContent = 'Asking Dintero for new settlements; this can take a minute.';
    try {
      const answer = await api.post(`/stores/${encodeURIComponent(store.value)}/payouts/fetch`);
      const n = (answer && answer.fetched ? answer.fetched : []).length;
      const said = n ? `${n} new settlement${n === 1 ? '' : 's'} fetched.` : 'No new settlements: Dintero has paid out nothing more yet.';
      fetchNote.textContent = said;
      notice(said);
      if (alive) {
        await load();
      }
    } catch (problem) {
      fetchNote.textContent = '';
      showProblem(problem);
    } finally {
      fetchButton.disabled = false;
      fetchButton.textContent = 'Fetch settlements now';
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  for (const control of [store, provider, from, to]) {
    control.addEventListener('change', load);
  }
  fetchButton.addEventListener('click', fetchSettlements);

  api.get('/stores').then((list) => {
    if (!alive) {
      return;
    }
    store.replaceChildren(...list.map((s) => h('option', { value: s.storeId, text: storeLabel(s) })));
    if (!list.length) {
      store.append(h('option', { value: '', text: 'No active store' }));
      fetchButton.disabled = true;
      for (const body of [payoutsBody, monthlyBody, reconciliationBody]) {
        body.replaceChildren(h('p', { class: 'empty pad', text: 'No store is active, so there are no payouts to show.' }));
      }
      return;
    }
    if (list.some((s) => s.storeId === filters.store)) {
      store.value = filters.store;
    }
    load();
  }).catch((problem) => showProblem(problem));

  return () => {
    alive = false;
  };
}
