// Stores (#/stores): the active stores, what they offer, and for admins each store's health (can Tillpay get a
// Dintero access token, the last callback, payments waiting and operations open) with "Check again".
import * as api from './api.js';
import { clearProblem, formatTime, h, methodName, notice, showProblem } from './ui.js';

/** Shows the stores; @returns {() => void} nothing to stop */
export function renderStores(main, ctx) {
  const tbody = h('tbody', {}, h('tr', {}, h('td', { colspan: '5', class: 'loading pad', text: 'Loading…' })));
  const checkAgain = ctx.isAdmin
    ? h('button', { type: 'button', class: 'secondary', testid: 'store-health-check', text: 'Check again', disabled: true })
    : null;
  const head = ['Store', 'Name at the till', 'Accounting number', 'Payment methods'];
  if (ctx.isAdmin) {
    head.push('Health');
  }
  const table = h('table', { class: 'data stores-table', testid: 'stores-table' },
    h('caption', { class: 'sr-only', text: ctx.isAdmin ? 'Active stores and their health' : 'Active stores' }),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col', text: c })))),
    tbody);
  const status = h('p', { class: 'hint', 'aria-live': 'polite' });
  main.replaceChildren(h('section', { class: 'stores' },
    h('h1', { text: 'Stores' }),
    h('div', { class: 'card table-card sectioned' },
      h('div', { class: 'section-head' },
        h('div', {}, h('h2', { text: 'Active stores' }),
          ctx.isAdmin
            ? h('p', { class: 'hint', text: 'Health: whether Tillpay can get an access token from Dintero, the last callback, payments waiting and operations still open.' })
            : h('p', { class: 'hint role-note', testid: 'stores-health-needs-admin', text: 'Each store\u2019s health (Dintero access, callbacks, what is waiting) needs the admin role.' })),
        checkAgain ? h('div', { class: 'section-actions' }, checkAgain) : null),
      h('div', { class: 'table-wrap' }, table), status)));

  let alive = true;
  let stores = [];
  const healthCells = new Map();

  function healthView(storeId, state, body) {
    return [h('span', { class: ['health', `health-${state}`], testid: `store-health-${storeId}`,
      text: { ok: 'ok', failed: 'FAILED', checking: 'Checking…', none: 'Not checked' }[state] }), body || ''];
  }

  async function checkOne(s) {
    const cell = healthCells.get(s.storeId);
    cell.replaceChildren(...healthView(s.storeId, 'checking'));
    let health;
    try {
      health = await api.get(`/stores/${encodeURIComponent(s.storeId)}/health`);
    } catch (problem) {
      if (problem.status === 404) {
        cell.replaceChildren(...healthView(s.storeId, 'none', h('span', { class: 'sub', text: problem.detail })));
        return null;
      }
      cell.replaceChildren(...healthView(s.storeId, 'failed', h('span', { class: 'sub wrap', text: `Not checked: ${problem.detail}` })));
      return false;
    }
    const facts = [
      ['Account', health.accountId || '–'],
      ['Token', health.tokenDetail || (health.tokenObtainable ? 'obtained' : 'refused')],
      ['Last callback', health.lastCallbackAt ? formatTime(health.lastCallbackAt) : 'none yet'],
      ['Payments waiting', String(health.pendingPayments)],
      ['Operations open', String(health.openOperations)],
    ];
    cell.replaceChildren(...healthView(s.storeId, health.tokenObtainable ? 'ok' : 'failed',
      h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', { text: v }))))));
    return health.tokenObtainable;
  }

  async function checkAll() {
    clearProblem();
    checkAgain.disabled = true;
    status.textContent = 'Checking the stores\u2019 health…';
    const results = await Promise.all(stores.map(checkOne));
    if (!alive) {
      return;
    }
    checkAgain.disabled = false;
    const ok = results.filter((r) => r === true).length;
    const failed = results.filter((r) => r === false).length;
    const said = `Health checked ${formatTime(new Date().toISOString())}: ${ok} ok, ${failed} failed.`;
    status.textContent = said;
    notice(said);
  }

  function render() {
    tbody.replaceChildren(...stores.map((s) => {
      const cells = [
        h('th', { scope: 'row' }, h('span', { class: 'strong', text: s.storeId }),
          s.storeName && s.storeName !== s.storeId ? h('span', { class: 'sub', text: s.storeName }) : null),
        h('td', { text: s.displayName || '–' }),
        h('td', { text: s.accountingNumber || '–' }),
        h('td', {}, (s.paymentMethods || []).length
          ? h('ul', { class: 'chips' }, s.paymentMethods.map((id) => h('li', { text: methodName(id) })))
          : h('span', { class: 'hint', text: 'none listed' })),
      ];
      if (ctx.isAdmin) {
        const cell = h('td', { class: 'health-cell' });
        healthCells.set(s.storeId, cell);
        cells.push(cell);
      }
      return h('tr', { testid: `store-row-${s.storeId}` }, cells);
    }));
    if (!stores.length) {
      tbody.append(h('tr', {}, h('td', { colspan: String(head.length), class: 'empty',
        text: 'No active store: a store becomes active when its configuration (etc/org.tillpay.dintero.store-<id>.cfg) is valid.' })));
    }
  }

  if (checkAgain) {
    checkAgain.addEventListener('click', checkAll);
  }
  api.get('/stores').then((list) => {
    if (!alive) {
      return;
    }
    stores = list;
    render();
    status.textContent = `${list.length} active store${list.length === 1 ? '' : 's'}.`;
    if (ctx.isAdmin && list.length) {
      checkAll();
    }
  }).catch((problem) => {
    tbody.replaceChildren();
    showProblem(problem);
  });

  return () => {
    alive = false;
  };
}
