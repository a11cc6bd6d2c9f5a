// Payments (#/payments): the list, newest first, with filters by store, status and sale reference. One payment is
// shown by payment-detail.js.
import * as api from './api.js';
import { formatMoney } from './money.js';
import {
  STATUSES, clearProblem, field, h, showProblem, statusBadge, storeLabel, timeParts,
} from './ui.js';

const LIST_LIMIT = 100;

/** The list's filters, kept while the user looks at a payment and comes back. */
let filters = { store: '', status: '', sale: '' };
let storesCache = null;

/** Forgets the filters (on logout). */
export function resetPayments() {
  filters = { store: '', status: '', sale: '' };
  storesCache = null;
}

async function stores() {
  if (!storesCache) {
    storesCache = await api.get('/stores');
  }
  return storesCache;
}

/** Shows the list of payments; @returns {() => void} nothing to stop */
export function renderPayments(main) {
  const store = h('select', { testid: 'payments-filter-store', name: 'store' }, h('option', { value: '', text: 'All stores' }));
  const status = h('select', { testid: 'payments-filter-status', name: 'status' }, h('option', { value: '', text: 'Any status' }),
    STATUSES.map((s) => h('option', { value: s, text: s })));
  const sale = h('input', { type: 'search', testid: 'payments-filter-sale', name: 'sale', autocomplete: 'off', value: filters.sale });
  const reload = h('button', { type: 'submit', class: 'secondary', testid: 'payments-reload', text: 'Show' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter payments', novalidate: true },
    field('Store', store), field('Status', status), field('Sale reference', sale), h('div', { class: 'actions' }, reload));
  const tbody = h('tbody');
  const count = h('p', { class: 'hint', 'aria-live': 'polite' });
  const table = h('table', { class: 'data payments-table', testid: 'payments-table' },
    h('caption', { class: 'sr-only', text: 'Payments, newest first. Open one for its details.' }),
    h('thead', {}, h('tr', {},
      ['Sale', 'Amount', 'Status', 'Paid / captured / refunded', 'Created'].map((c, i) => h('th', { scope: 'col', class: i === 1 ? 'num' : null, text: c })))),
    tbody);
  main.replaceChildren(h('section', { class: 'payments' }, h('h1', { text: 'Payments' }),
    h('div', { class: 'card' }, form), h('div', { class: 'card table-card' }, h('div', { class: 'table-wrap' }, table), count)));
  status.value = filters.status;

  let alive = true;
  async function load() {
    clearProblem();
    filters = { store: store.value, status: status.value, sale: sale.value.trim() };
    const q = new URLSearchParams({ limit: String(LIST_LIMIT) });
    for (const [k, v] of Object.entries(filters)) {
      if (v) {
        q.set(k, v);
      }
    }
    count.textContent = 'Loading…';
    let list;
    try {
      list = await api.get(`/payments?${q}`);
    } catch (problem) {
      count.textContent = '';
      showProblem(problem, (f) => ({ status, store, sale }[f] || null));
      return;
    }
    if (!alive) {
      return;
    }
    tbody.replaceChildren(...list.map((p) => {
      const href = `#/payments/${encodeURIComponent(p.paymentId)}`;
      const tr = h('tr', { testid: `payment-row-${p.paymentId}`, class: 'clickable' },
        h('th', { scope: 'row' }, h('a', { href, text: p.saleReference })),
        h('td', { class: 'num', text: formatMoney(p.amountMinor, p.currency) }),
        h('td', {}, statusBadge(p.status, { title: p.statusText || '' }), p.parked ? h('span', { class: 'tag', text: 'parked' }) : null),
        h('td', {}, h('span', { class: p.paid ? 'paid-flag' : null, text: p.paid ? 'Paid' : 'Not paid' }),
          h('span', { class: 'sub', text: `captured ${formatMoney(p.capturedMinor)}` }),
          h('span', { class: 'sub', text: `refunded ${formatMoney(p.refundedMinor)}` })),
        h('td', {}, timeParts(p.createdAt)));
      tr.addEventListener('click', (e) => {
        if (!e.target.closest('a')) {
          window.location.hash = href;
        }
      });
      return tr;
    }));
    if (!list.length) {
      tbody.append(h('tr', {}, h('td', { colspan: '5', class: 'empty', text: 'No payments match.' })));
    }
    count.textContent = list.length === LIST_LIMIT ? `The newest ${LIST_LIMIT} payments are shown.`
      : `${list.length} payment${list.length === 1 ? '' : 's'}.`;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  store.addEventListener('change', load);
  status.addEventListener('change', load);

  stores().then((list) => {
    store.append(...list.map((s) => h('option', { value: s.storeId, text: storeLabel(s) })));
    store.value = filters.store;
  }).catch((problem) => showProblem(problem)).finally(() => alive && load());

  return () => {
    alive = false;
  };
}
