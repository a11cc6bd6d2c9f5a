// The till's parked sales panel: the store's sales parked "Awaiting payment", polled while the till is shown; a sale
// that ended stays listed for an hour.
import * as api from './api.js';
import { formatMoney } from './money.js';
import { endedUnpaid, h, statusBadge } from './ui.js';

const PARKED_POLL_MS = 3000;
const ENDED_PARKED_SHOWN_MS = 60 * 60 * 1000;

function lastChange(p) {
  const at = (p.history || []).map((c) => Date.parse(c.at)).filter((n) => !Number.isNaN(n));
  return at.length ? Math.max(...at) : Date.parse(p.createdAt);
}

/**
 * @param {() => string} storeId the store chosen at the till ('' for none)
 * @returns {{el: HTMLElement, start: () => void, stop: () => void, poll: () => void, storeChanged: () => void}}
 */
export function createParkedSales(storeId) {
  let active = false;
  let pollTimer = null;
  let shownKey = '';
  const list = h('ul', { class: 'parked-list', testid: 'parked-list' });
  const note = h('p', { class: 'hint' });
  const el = h('aside', { class: 'card parked', 'aria-labelledby': 'parked-title' },
    h('h2', { id: 'parked-title', text: 'Parked sales' }),
    h('p', { class: 'hint', text: 'Awaiting payment; ended ones stay for an hour.' }),
    list, note);

  function render(payments) {
    const now = Date.now();
    const shown = payments.filter((p) => p.parked && (!p.terminal || now - lastChange(p) <= ENDED_PARKED_SHOWN_MS));
    const key = JSON.stringify(shown.map((p) => [p.paymentId, p.status, p.paid, p.amountMinor]));
    if (key === shownKey) {
      return;
    }
    const hadFocus = list.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    shownKey = key;
    list.replaceChildren(...shown.map((p) => h('li', { testid: `parked-row-${p.saleReference}`, class: ['parked-row', p.paid && 'is-paid', endedUnpaid(p.status) && 'is-ended'] },
      h('div', { class: 'parked-top' },
        h('a', { href: `#/payments/${encodeURIComponent(p.paymentId)}`, class: 'ref', testid: `parked-open-${p.saleReference}`, text: p.saleReference }),
        h('span', { class: 'amount', text: formatMoney(p.amountMinor, p.currency) })),
      h('div', { class: 'parked-bottom' },
        statusBadge(p.status, { testid: 'parked-status', title: p.statusText || '' }),
        p.paid ? h('strong', { class: 'paid-flag', text: 'Paid' }) : null,
        endedUnpaid(p.status) ? h('span', { class: 'hint', text: 'Ended' }) : null))));
    if (!shown.length) {
      list.append(h('li', { class: 'empty', text: 'No parked sales.' }));
    }
    if (hadFocus) {
      const again = list.querySelector(`[data-testid="${hadFocus}"]`);
      if (again) {
        again.focus();
      }
    }
  }

  /** Asks for the store's payments now, and again every few seconds while the panel is active. */
  async function poll() {
    window.clearTimeout(pollTimer);
    pollTimer = null;
    const store = storeId();
    if (!store || !active) {
      return;
    }
    try {
      const payments = await api.get(`/payments?store=${encodeURIComponent(store)}&limit=100`);
      if (store === storeId()) {
        render(payments);
        note.textContent = '';
      }
    } catch (problem) {
      if (problem.sessionEnded) {
        return;
      }
      note.textContent = `Not updated: ${problem.detail}`;
    }
    if (active) {
      window.clearTimeout(pollTimer);
      pollTimer = window.setTimeout(poll, PARKED_POLL_MS);
    }
  }

  /** Another store: forgets the list and asks at once. */
  function storeChanged() {
    shownKey = '';
    list.replaceChildren();
    poll();
  }

  function start() {
    active = true;
  }

  function stop() {
    active = false;
    window.clearTimeout(pollTimer);
    pollTimer = null;
  }

  return { el, start, stop, poll, storeChanged };
}
