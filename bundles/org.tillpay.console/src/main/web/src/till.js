// The till (#/till): a sale's lines and options, "Send payment link", the sale's progress followed live, and the
// store's parked sales. The page is built once per login and kept while the user visits other pages, so a sale in
// progress and a half-typed sale survive a look at the payments.
import * as api from './api.js';
import { formatMoney, toMinor, vatIncluded } from './money.js';
import {
  checkbox, clearProblem, copyText, endedUnpaid, field, h, methodName, newSaleReference, notice, showProblem,
  statusBadge, storeLabel,
} from './ui.js';

const CURRENCY = 'NOK';
const VAT_RATES = [25, 15, 12, 0];
const PARKED_POLL_MS = 3000;
const ENDED_PARKED_SHOWN_MS = 60 * 60 * 1000;
const PAID_STATUSES = ['AUTHORIZED', 'PARTIALLY_CAPTURED', 'PARTIALLY_CAPTURED_REFUNDED', 'CAPTURED',
  'PARTIALLY_REFUNDED', 'REFUNDED'];

/** The till of this login: its elements and its state. Null until the till is first shown. */
let till = null;

/** Forgets the till (on logout). */
export function resetTill() {
  if (till) {
    till.stopFollowing();
    till = null;
  }
}

/**
 * Shows the till in `main`.
 * @returns {() => void} stops the page's polling and event stream when the user leaves it
 */
export function renderTill(main, ctx) {
  if (!till || till.username !== ctx.username) {
    resetTill();
    till = createTill(ctx);
  }
  main.replaceChildren(till.root);
  till.enter();
  return () => till && till.leave();
}

function createTill(ctx) {
  const t = {
    username: ctx.username,
    ctx,
    stores: [],
    rows: [],
    sale: null, // the payment of the sale in progress, as last heard
    closeStream: null,
    pollTimer: null,
    parkedKey: '',
  };

  // ---- the sale form -------------------------------------------------------------------------------------------
  const store = h('select', { testid: 'till-store', name: 'store' });
  const reference = h('input', { type: 'text', testid: 'till-reference', name: 'saleReference', maxlength: '63',
    autocomplete: 'off', spellcheck: 'false', value: newSaleReference() });
  const linesBody = h('tbody');
  const addLine = h('button', { type: 'button', class: 'secondary', testid: 'add-line', text: 'Add line' });
  const total = h('strong', { testid: 'till-total', text: formatMoney(0, CURRENCY) });
  const vatTotal = h('span', { testid: 'till-vat', text: formatMoney(0, CURRENCY) });
  const totalNote = h('span', { class: 'hint' });
  const phone = h('input', { type: 'tel', testid: 'till-phone', name: 'customerPhone', autocomplete: 'off' });
  const email = h('input', { type: 'email', testid: 'till-email', name: 'customerEmail', autocomplete: 'off' });
  const methods = h('div', { class: 'methods' });
  const methodsSet = h('fieldset', { class: 'methods-set' }, h('legend', { text: 'Payment methods' }),
    h('p', { class: 'hint', text: 'None checked: the customer may use all the store offers.' }), methods);
  const expiry = h('select', { testid: 'till-expiry', name: 'expiry' },
    h('option', { value: 'ONE_DAY', text: 'One day', selected: true }),
    h('option', { value: 'ONE_WEEK', text: 'One week' }),
    h('option', { value: 'ONE_MONTH', text: 'One month' }));
  const express = checkbox('Express checkout (the customer gives a delivery address)', { testid: 'till-express', name: 'express' });
  const autoCapture = checkbox('Capture automatically when paid', { testid: 'till-autocapture', name: 'autoCapture' });
  const sendSms = checkbox('Send SMS', { testid: 'till-send-sms', name: 'sendSms', checked: true });
  const sendEmail = checkbox('Send e-mail', { testid: 'till-send-email', name: 'sendEmail', checked: true });
  const linkOnly = checkbox('Link only (show QR)', { testid: 'till-link-only', name: 'linkOnly' });
  const park = checkbox('Park at once (Awaiting payment)', { testid: 'till-park', name: 'park' });
  const deliveryHint = h('p', { class: 'hint', text: 'Nothing is sent: show the QR code or copy the link.', hidden: true });
  const send = h('button', { type: 'submit', class: 'primary big', testid: 'send-link', text: 'Send payment link' });

  const form = h('form', { class: 'sale-form', novalidate: true, 'aria-label': 'New sale' },
    h('div', { class: 'row' },
      field('Store', store),
      field('Sale reference', reference, 'Shown to the customer and on settlement reports.'),
      h('div', { class: 'field currency' }, h('span', { class: 'label', text: 'Currency' }), h('span', { class: 'value', text: CURRENCY }))),
    h('fieldset', { class: 'lines' }, h('legend', { text: 'Lines' }),
      h('table', { class: 'lines-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'num', text: '#' }),
          h('th', { scope: 'col', text: 'Description' }),
          h('th', { scope: 'col', class: 'qty', text: 'Quantity' }),
          h('th', { scope: 'col', class: 'price', text: `Unit price (${CURRENCY})` }),
          h('th', { scope: 'col', class: 'vat', text: 'VAT %' }),
          h('th', { scope: 'col', class: 'amount', text: 'Amount' }),
          h('th', { scope: 'col', class: 'remove' }, h('span', { class: 'sr-only', text: 'Remove' })))),
        linesBody),
      h('div', { class: 'lines-foot' }, addLine,
        h('p', { class: 'totals', 'aria-live': 'polite' }, 'Total ', total, h('span', { class: 'sep', text: ' · ' }),
          'VAT included ', vatTotal, ' ', totalNote))),
    h('div', { class: 'columns' },
      h('fieldset', {}, h('legend', { text: 'Customer' }),
        field('Phone', phone, 'International form, e.g. +4799999999.'),
        field('E-mail', email)),
      h('fieldset', {}, h('legend', { text: 'Delivery' }),
        sendSms.el, sendEmail.el, linkOnly.el, deliveryHint, park.el)),
    h('div', { class: 'columns' },
      methodsSet,
      h('fieldset', {}, h('legend', { text: 'Link' }),
        field('The link expires after', expiry), express.el, autoCapture.el)),
    h('div', { class: 'actions' }, send));

  // ---- the sale's progress -------------------------------------------------------------------------------------
  const progress = h('section', { class: 'card progress', 'aria-labelledby': 'sale-title', hidden: true });

  // ---- parked sales --------------------------------------------------------------------------------------------
  const parkedList = h('ul', { class: 'parked-list', testid: 'parked-list' });
  const parkedNote = h('p', { class: 'hint' });
  const parked = h('aside', { class: 'card parked', 'aria-labelledby': 'parked-title' },
    h('h2', { id: 'parked-title', text: 'Parked sales' }),
    h('p', { class: 'hint', text: 'Awaiting payment; ended ones stay for an hour.' }),
    parkedList, parkedNote);

  const formCard = h('section', { class: 'card' }, form);
  t.root = h('div', { class: 'till' },
    h('div', { class: 'till-main' }, h('h1', { text: 'Till' }), formCard, progress),
    parked);

  // ---- lines ---------------------------------------------------------------------------------------------------
  function addRow(focus) {
    const row = {};
    row.desc = h('input', { type: 'text', maxlength: '255', autocomplete: 'off' });
    row.qty = h('input', { type: 'number', min: '1', max: '9999', step: '1', value: '1', inputmode: 'numeric' });
    row.price = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
    row.vat = h('select', {}, VAT_RATES.map((p) => h('option', { value: String(p), text: `${p}%`, selected: p === 25 })));
    row.amount = h('td', { class: 'amount', text: '–' });
    row.labels = [h('label', { class: 'sr-only' }), h('label', { class: 'sr-only' }), h('label', { class: 'sr-only' }),
      h('label', { class: 'sr-only' })];
    row.remove = h('button', { type: 'button', class: 'quiet small', text: '✕' });
    row.num = h('th', { scope: 'row', class: 'num' });
    row.tr = h('tr', {}, row.num,
      h('td', {}, row.labels[0], row.desc),
      h('td', { class: 'qty' }, row.labels[1], row.qty),
      h('td', { class: 'price' }, row.labels[2], row.price),
      h('td', { class: 'vat' }, row.labels[3], row.vat),
      row.amount,
      h('td', { class: 'remove' }, row.remove));
    for (const input of [row.desc, row.qty, row.price, row.vat]) {
      input.addEventListener('input', updateTotals);
    }
    row.price.addEventListener('blur', () => {
      const minor = toMinor(row.price.value);
      if (minor !== null) {
        row.price.value = formatMoney(minor);
      }
    });
    row.remove.addEventListener('click', () => {
      const at = t.rows.indexOf(row);
      t.rows.splice(at, 1);
      row.tr.remove();
      renumber();
      updateTotals();
      const next = t.rows[Math.min(at, t.rows.length - 1)];
      (next ? next.desc : addLine).focus();
      notice(`Line ${at + 1} removed.`);
    });
    t.rows.push(row);
    linesBody.append(row.tr);
    renumber();
    updateTotals();
    if (focus) {
      row.desc.focus();
    }
  }

  /** Line numbers, test hooks and labels follow the display order. */
  function renumber() {
    t.rows.forEach((row, i) => {
      const n = i + 1;
      row.num.textContent = String(n);
      const names = ['description', 'quantity', 'price', 'vat'];
      const words = ['Description', 'Quantity', 'Unit price', 'VAT percent'];
      [row.desc, row.qty, row.price, row.vat].forEach((input, k) => {
        input.id = `line-${names[k]}-${n}`;
        input.dataset.testid = `line-${names[k]}-${n}`;
        row.labels[k].htmlFor = input.id;
        row.labels[k].textContent = `${words[k]}, line ${n}`;
      });
      row.remove.setAttribute('aria-label', `Remove line ${n}`);
      row.remove.title = `Remove line ${n}`;
      row.remove.disabled = t.rows.length === 1;
    });
  }

  function quantityOf(row) {
    const q = row.qty.value.trim();
    return /^\d{1,4}$/.test(q) && Number(q) >= 1 ? Number(q) : null;
  }

  function updateTotals() {
    let sum = 0;
    let vat = 0;
    let unpriced = 0;
    for (const row of t.rows) {
      const price = toMinor(row.price.value);
      const qty = quantityOf(row);
      if (price === null || qty === null) {
        row.amount.textContent = '–';
        if (row.price.value.trim() !== '' || row.desc.value.trim() !== '') {
          unpriced += 1;
        }
        continue;
      }
      const amount = price * qty;
      row.amount.textContent = formatMoney(amount);
      sum += amount;
      vat += vatIncluded(amount, Number(row.vat.value));
    }
    total.textContent = formatMoney(sum, CURRENCY);
    vatTotal.textContent = formatMoney(vat, CURRENCY);
    totalNote.textContent = unpriced ? `(${unpriced} line${unpriced > 1 ? 's' : ''} without a valid price or quantity)` : '';
  }

  addLine.addEventListener('click', () => addRow(true));

  // ---- stores and payment methods ------------------------------------------------------------------------------
  function currentStore() {
    return t.stores.find((s) => s.storeId === store.value) || null;
  }

  function renderMethods() {
    const s = currentStore();
    const ids = s && s.paymentMethods ? s.paymentMethods : [];
    methods.replaceChildren(...ids.map((id) => checkbox(methodName(id), { value: id, testid: `method-${id}`, name: 'paymentMethods' }).el));
    if (!ids.length) {
      methods.append(h('p', { class: 'hint', text: 'The store lists no payment methods.' }));
    }
  }

  store.addEventListener('change', () => {
    renderMethods();
    t.parkedKey = '';
    parkedList.replaceChildren();
    pollParked();
  });

  async function loadStores() {
    try {
      t.stores = await api.get('/stores');
    } catch (problem) {
      showProblem(problem);
      return;
    }
    const before = store.value;
    store.replaceChildren(...t.stores.map((s) => h('option', { value: s.storeId, text: storeLabel(s) })));
    if (!t.stores.length) {
      store.append(h('option', { value: '', text: 'No active store' }));
      send.disabled = true;
    }
    if (t.stores.some((s) => s.storeId === before)) {
      store.value = before;
    }
    renderMethods();
    pollParked();
  }

  // ---- delivery options ----------------------------------------------------------------------------------------
  function updateDelivery() {
    const only = linkOnly.input.checked;
    sendSms.input.disabled = only;
    sendEmail.input.disabled = only;
    deliveryHint.hidden = !only;
  }
  linkOnly.input.addEventListener('change', updateDelivery);

  // ---- sending -------------------------------------------------------------------------------------------------
  /** @returns {HTMLElement|null} the control of a field the API named */
  function fieldElement(name) {
    const f = name.replace(/^linkOptions\./, '');
    const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(f);
    if (line) {
      const row = t.rows[Number(line[1])];
      if (!row) {
        return addLine;
      }
      return { quantity: row.qty, unitPrice: row.price, unitPriceMinor: row.price, vatPercent: row.vat }[line[2]] || row.desc;
    }
    const firstMethod = methods.querySelector('input');
    return {
      storeId: store, saleReference: reference, customerPhone: phone, customerEmail: email, expiry,
      paymentMethods: firstMethod, express: express.input, autoCapture: autoCapture.input, lines: t.rows[0] && t.rows[0].desc,
    }[f] || null;
  }

  /** @returns {object|null} the sale request, or null after showing what must be fixed */
  function saleRequest() {
    if (!store.value) {
      showProblem({ detail: 'Choose a store.', field: 'storeId' }, fieldElement);
      return null;
    }
    if (!reference.value.trim()) {
      showProblem({ detail: 'The sale needs a reference.', field: 'saleReference' }, fieldElement);
      return null;
    }
    const lines = [];
    for (const [i, row] of t.rows.entries()) {
      const n = i + 1;
      if (!row.desc.value.trim()) {
        showProblem({ detail: `Line ${n}: write what is sold.`, field: `lines[${i}].description` }, fieldElement);
        return null;
      }
      const quantity = quantityOf(row);
      if (quantity === null) {
        showProblem({ detail: `Line ${n}: the quantity must be a whole number from 1 to 9999.`, field: `lines[${i}].quantity` }, fieldElement);
        return null;
      }
      const unitPriceMinor = toMinor(row.price.value);
      if (unitPriceMinor === null || unitPriceMinor < 1) {
        showProblem({ detail: `Line ${n}: the unit price must be an amount above zero like 299.00 (at most two decimals).`, field: `lines[${i}].unitPrice` }, fieldElement);
        return null;
      }
      lines.push({ lineId: String(n), description: row.desc.value.trim(), quantity, unitPriceMinor, vatPercent: Number(row.vat.value) });
    }
    const chosen = [...methods.querySelectorAll('input:checked')].map((c) => c.value);
    const only = linkOnly.input.checked;
    const body = {
      saleReference: reference.value.trim(),
      currency: CURRENCY,
      lines,
      expiry: expiry.value,
      express: express.input.checked,
      autoCapture: autoCapture.input.checked,
      sendSms: !only && sendSms.input.checked,
      sendEmail: !only && sendEmail.input.checked,
      linkOnly: only,
      park: park.input.checked,
    };
    if (phone.value.trim()) {
      body.customerPhone = phone.value.trim();
    }
    if (email.value.trim()) {
      body.customerEmail = email.value.trim();
    }
    if (chosen.length) {
      body.paymentMethods = chosen;
    }
    return body;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem();
    const body = saleRequest();
    if (!body) {
      return;
    }
    send.disabled = true;
    send.textContent = 'Sending…';
    try {
      const payment = await api.post(`/stores/${encodeURIComponent(store.value)}/payments`, body);
      notice(`Payment link made for sale ${payment.saleReference}: ${payment.status}.`);
      startFollowing(payment);
    } catch (problem) {
      showProblem(problem, fieldElement);
    } finally {
      send.disabled = false;
      send.textContent = 'Send payment link';
    }
  });

  // ---- following the sale --------------------------------------------------------------------------------------
  function startFollowing(payment) {
    t.stopFollowing();
    t.sale = payment;
    formCard.hidden = true;
    progress.hidden = false;
    renderProgress(true);
    openStream();
  }

  function openStream() {
    if (!t.sale || t.sale.terminal || t.closeStream) {
      return;
    }
    const id = t.sale.paymentId;
    t.closeStream = api.follow(id, (payment) => {
      if (t.sale && t.sale.paymentId === payment.paymentId) {
        update(payment);
      }
    }, () => {
      t.closeStream = null;
      if (t.sale && t.sale.paymentId === id && !t.sale.terminal) {
        notice('Live updates stopped; use "Check status".');
      }
    });
  }

  t.stopFollowing = () => {
    if (t.closeStream) {
      t.closeStream();
      t.closeStream = null;
    }
  };

  /** Takes a newer view of the sale's payment: redraws, says a change of status, ends the stream at the end. */
  function update(payment) {
    const before = t.sale;
    t.sale = { ...payment, lines: payment.lines || (before && before.lines) };
    if (!before || before.status !== payment.status || before.parked !== payment.parked) {
      if (before && before.status !== payment.status) {
        notice(`Sale ${payment.saleReference}: ${payment.status}. ${payment.statusText || ''}`);
      }
      renderProgress(false);
    }
    if (payment.terminal) {
      t.stopFollowing();
    }
  }

  function stepsReached(p) {
    const seen = new Set([p.status, ...(p.history || []).map((c) => c.status)]);
    const paid = p.paid || PAID_STATUSES.some((s) => seen.has(s));
    const opened = paid || seen.has('OPENED') || seen.has('INITIATED') || seen.has('ON_HOLD');
    const sent = opened || p.status !== 'CREATED' || seen.has('LINK_SENT');
    return { sent, opened, paid };
  }

  function renderProgress(first) {
    const p = t.sale;
    const focusedId = progress.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    const reached = stepsReached(p);
    const ended = endedUnpaid(p.status);
    const step = (key, label) => h('li', {
      testid: `sale-step-${key}`,
      class: ['step', reached[key] && 'done'],
    }, h('span', { class: 'dot', 'aria-hidden': 'true' }), label, h('span', { class: 'sr-only', text: reached[key] ? ' (done)' : ' (not yet)' }));
    const steps = h('ol', { class: ['steps', ended && 'ended'], 'aria-label': 'Progress' },
      step('sent', 'Sent'), step('opened', 'Opened'), step('paid', 'Paid'),
      ended ? h('li', { class: 'step end' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Ended') : null);

    const refresh = h('button', { type: 'button', class: 'secondary', testid: 'sale-refresh', text: 'Check status', onClick: () => act('refresh') });
    const parkButton = h('button', { type: 'button', class: 'secondary', testid: 'sale-park', text: p.parked ? 'Parked' : 'Park (Awaiting payment)',
      disabled: p.parked || p.terminal || p.paid, onClick: () => act('park') });
    const mayCancel = !p.terminal && (!p.paid || t.ctx.isManager);
    const cancel = h('button', { type: 'button', class: 'danger', testid: 'sale-cancel', text: 'Cancel', disabled: !mayCancel, onClick: () => act('cancel') });
    const newSale = h('button', { type: 'button', class: 'primary', testid: 'new-sale', text: 'New sale', onClick: startNewSale });

    let link = null;
    if (p.paymentUrl) {
      const copy = h('button', { type: 'button', class: 'quiet small', testid: 'sale-copy-link', text: 'Copy link' });
      copy.addEventListener('click', async () => {
        try {
          await copyText(p.paymentUrl);
          notice('The payment link was copied.');
        } catch (err) {
          showProblem(err);
        }
      });
      link = h('div', { class: 'sale-link' },
        h('p', { class: 'label', text: 'Payment link' }),
        h('p', { class: 'link-row' }, h('a', { href: p.paymentUrl, testid: 'sale-link', target: '_blank', rel: 'noopener noreferrer', text: p.paymentUrl }), copy));
    }
    const qr = p.paymentUrl && !p.terminal && !p.paid
      ? h('img', { class: 'qr', testid: 'sale-qr', src: api.qrUrl(p.paymentId), alt: `QR code of the payment link for sale ${p.saleReference}`, width: '200', height: '200' })
      : null;

    progress.replaceChildren(
      h('div', { class: 'progress-head' },
        h('h2', { id: 'sale-title', tabindex: '-1' }, `Sale ${p.saleReference}`),
        h('span', { class: 'amount-big', text: formatMoney(p.amountMinor, p.currency) })),
      steps,
      h('p', { class: 'status-line' }, 'Status ', statusBadge(p.status, { testid: 'sale-status' }),
        p.parked ? h('span', { class: 'badge tone-attention', text: 'Parked' }) : null),
      h('p', { class: 'status-text', text: p.statusText || '' }),
      h('div', { class: 'sale-body' }, h('div', {}, link, h('div', { class: 'actions' }, refresh, parkButton, cancel, newSale)), qr));
    if (first) {
      progress.querySelector('h2').focus();
    } else if (focusedId) {
      const again = progress.querySelector(`[data-testid="${focusedId}"]`);
      (again && !again.disabled ? again : newSale).focus();
    }
  }

  async function act(action) {
    clearProblem();
    const p = t.sale;
    for (const b of progress.querySelectorAll('button')) {
      b.disabled = true;
    }
    try {
      const after = await api.post(`/payments/${encodeURIComponent(p.paymentId)}/${action}`);
      const said = { refresh: 'Status checked', park: 'Sale parked', cancel: 'Sale cancelled' }[action];
      update(after);
      renderProgress(false);
      notice(`${said}: ${after.status}.`);
      if (action === 'park') {
        pollParked();
      }
      if (!after.terminal) {
        openStream();
      }
    } catch (problem) {
      renderProgress(false);
      showProblem(problem);
    }
  }

  function startNewSale() {
    clearProblem();
    t.stopFollowing();
    t.sale = null;
    progress.hidden = true;
    progress.replaceChildren();
    formCard.hidden = false;
    reference.value = newSaleReference();
    for (const row of t.rows) {
      row.tr.remove();
    }
    t.rows = [];
    addRow(false);
    phone.value = '';
    email.value = '';
    for (const c of methods.querySelectorAll('input')) {
      c.checked = false;
    }
    expiry.value = 'ONE_DAY';
    express.input.checked = false;
    autoCapture.input.checked = false;
    sendSms.input.checked = true;
    sendEmail.input.checked = true;
    linkOnly.input.checked = false;
    park.input.checked = false;
    updateDelivery();
    t.rows[0].desc.focus();
    notice('New sale.');
  }

  // ---- parked sales --------------------------------------------------------------------------------------------
  function lastChange(p) {
    const at = (p.history || []).map((c) => Date.parse(c.at)).filter((n) => !Number.isNaN(n));
    return at.length ? Math.max(...at) : Date.parse(p.createdAt);
  }

  function renderParked(payments) {
    const now = Date.now();
    const shown = payments.filter((p) => p.parked && (!p.terminal || now - lastChange(p) <= ENDED_PARKED_SHOWN_MS));
    const key = JSON.stringify(shown.map((p) => [p.paymentId, p.status, p.paid, p.amountMinor]));
    if (key === t.parkedKey) {
      return;
    }
    const hadFocus = parkedList.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    t.parkedKey = key;
    parkedList.replaceChildren(...shown.map((p) => h('li', { testid: `parked-row-${p.saleReference}`, class: ['parked-row', p.paid && 'is-paid', endedUnpaid(p.status) && 'is-ended'] },
      h('div', { class: 'parked-top' },
        h('a', { href: `#/payments/${encodeURIComponent(p.paymentId)}`, class: 'ref', testid: `parked-open-${p.saleReference}`, text: p.saleReference }),
        h('span', { class: 'amount', text: formatMoney(p.amountMinor, p.currency) })),
      h('div', { class: 'parked-bottom' },
        statusBadge(p.status, { testid: 'parked-status', title: p.statusText || '' }),
        p.paid ? h('strong', { class: 'paid-flag', text: 'Paid' }) : null,
        endedUnpaid(p.status) ? h('span', { class: 'hint', text: 'Ended' }) : null))));
    if (!shown.length) {
      parkedList.append(h('li', { class: 'empty', text: 'No parked sales.' }));
    }
    if (hadFocus) {
      const again = parkedList.querySelector(`[data-testid="${hadFocus}"]`);
      if (again) {
        again.focus();
      }
    }
  }

  async function pollParked() {
    window.clearTimeout(t.pollTimer);
    t.pollTimer = null;
    const storeId = store.value;
    if (!storeId || !t.active) {
      return;
    }
    try {
      const list = await api.get(`/payments?store=${encodeURIComponent(storeId)}&limit=100`);
      if (storeId === store.value) {
        renderParked(list);
        parkedNote.textContent = '';
      }
    } catch (problem) {
      if (problem.sessionEnded) {
        return;
      }
      parkedNote.textContent = `Not updated: ${problem.detail}`;
    }
    if (t.active) {
      window.clearTimeout(t.pollTimer);
      t.pollTimer = window.setTimeout(pollParked, PARKED_POLL_MS);
    }
  }

  // ---- entering and leaving the page ---------------------------------------------------------------------------
  t.enter = () => {
    t.active = true;
    if (!t.stores.length) {
      loadStores();
    } else {
      pollParked();
    }
    openStream();
    if (t.sale) {
      // the stream sends the payment as it is now; until then, show what we had
      renderProgress(false);
    }
  };
  t.leave = () => {
    t.active = false;
    window.clearTimeout(t.pollTimer);
    t.pollTimer = null;
    t.stopFollowing();
  };

  addRow(false);
  updateDelivery();
  return t;
}
