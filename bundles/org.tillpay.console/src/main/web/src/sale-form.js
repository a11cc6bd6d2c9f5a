// The till's sale form: store, sale reference, lines, customer, delivery (SMS, e-mail, link only, park), payment
// methods, link expiry, Express and auto-capture; "Send payment link" starts the payment.
import * as api from './api.js';
import { createSaleLines } from './sale-lines.js';
import {
  checkbox, clearProblem, field, h, methodName, newSaleReference, notice, showProblem, storeLabel,
} from './ui.js';

const CURRENCY = 'NOK';

/**
 * @param {object} hooks
 * @param {(payment: object) => void} hooks.onSent the payment started by the form
 * @param {() => void} hooks.onStoreChange the user chose another store
 * @returns {{el: HTMLElement, storeId: () => string, setStores: (stores: object[]) => void, reset: () => void}}
 */
export function createSaleForm({ onSent, onStoreChange }) {
  let stores = [];
  const store = h('select', { testid: 'till-store', name: 'store' });
  const reference = h('input', { type: 'text', testid: 'till-reference', name: 'saleReference', maxlength: '63',
    autocomplete: 'off', spellcheck: 'false', value: newSaleReference() });
  const lines = createSaleLines(CURRENCY);
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
    lines.el,
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
  const el = h('section', { class: 'card' }, form);

  // ---- stores and payment methods ------------------------------------------------------------------------------
  function currentStore() {
    return stores.find((s) => s.storeId === store.value) || null;
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
    onStoreChange();
  });

  function setStores(list) {
    stores = list;
    const before = store.value;
    store.replaceChildren(...stores.map((s) => h('option', { value: s.storeId, text: storeLabel(s) })));
    if (!stores.length) {
      store.append(h('option', { value: '', text: 'No active store' }));
      send.disabled = true;
    }
    if (stores.some((s) => s.storeId === before)) {
      store.value = before;
    }
    renderMethods();
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
    if (/^lines(\[|$)/.test(f)) {
      return lines.fieldElement(f);
    }
    const firstMethod = methods.querySelector('input');
    return {
      storeId: store, saleReference: reference, customerPhone: phone, customerEmail: email, expiry,
      paymentMethods: firstMethod, express: express.input, autoCapture: autoCapture.input,
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
    const saleLines = lines.request(fieldElement);
    if (!saleLines) {
      return null;
    }
    const chosen = [...methods.querySelectorAll('input:checked')].map((c) => c.value);
    const only = linkOnly.input.checked;
    const body = {
      saleReference: reference.value.trim(),
      currency: CURRENCY,
      lines: saleLines,
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
      onSent(payment);
    } catch (problem) {
      showProblem(problem, fieldElement);
    } finally {
      send.disabled = false;
      send.textContent = 'Send payment link';
    }
  });

  /** An empty sale with a new reference, the first line focused; the store stays. */
  function reset() {
    reference.value = newSaleReference();
    lines.reset();
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
    lines.focusFirst();
  }

  updateDelivery();
  return { el, storeId: () => store.value, setStores, reset };
}
