// The till's live progress panel of the sale just sent: Sent → Opened → Paid followed by server-sent events, the
// status, the payment link and its QR code, and "Check status", park, cancel and "New sale".
import * as api from './api.js';
import { formatMoney } from './money.js';
import { clearProblem, copyLinkButton, endedUnpaid, h, notice, showProblem, statusBadge } from './ui.js';

const PAID_STATUSES = ['AUTHORIZED', 'PARTIALLY_CAPTURED', 'PARTIALLY_CAPTURED_REFUNDED', 'CAPTURED',
  'PARTIALLY_REFUNDED', 'REFUNDED'];

function stepsReached(p) {
  const seen = new Set([p.status, ...(p.history || []).map((c) => c.status)]);
  const paid = p.paid || PAID_STATUSES.some((s) => seen.has(s));
  const opened = paid || seen.has('OPENED') || seen.has('INITIATED') || seen.has('ON_HOLD');
  const sent = opened || p.status !== 'CREATED' || seen.has('LINK_SENT');
  return { sent, opened, paid };
}

/**
 * @param {object} ctx what the page knows of the user (isManager)
 * @param {object} hooks
 * @param {() => void} hooks.onNewSale "New sale" was pressed; the panel is already cleared
 * @param {() => void} hooks.onParked the sale was parked
 * @returns {{el: HTMLElement, start: (payment: object) => void, resume: () => void, stop: () => void}}
 */
export function createSaleProgress(ctx, { onNewSale, onParked }) {
  let sale = null; // the payment of the sale in progress, as last heard
  let closeStream = null;
  const el = h('section', { class: 'card progress', 'aria-labelledby': 'sale-title', hidden: true });

  /** Shows a sale just started and follows it. */
  function start(payment) {
    stop();
    sale = payment;
    el.hidden = false;
    render(true);
    openStream();
  }

  function openStream() {
    if (!sale || sale.terminal || closeStream) {
      return;
    }
    const id = sale.paymentId;
    closeStream = api.follow(id, (payment) => {
      if (sale && sale.paymentId === payment.paymentId) {
        update(payment);
      }
    }, () => {
      closeStream = null;
      if (sale && sale.paymentId === id && !sale.terminal) {
        notice('Live updates stopped; use "Check status".');
      }
    });
  }

  /** Closes the event stream; the sale stays shown. */
  function stop() {
    if (closeStream) {
      closeStream();
      closeStream = null;
    }
  }

  /** Back on the page: follows the sale again and shows what we had until the stream sends the payment as it is. */
  function resume() {
    openStream();
    if (sale) {
      render(false);
    }
  }

  /** Takes a newer view of the sale's payment: redraws, says a change of status, ends the stream at the end. */
  function update(payment) {
    const before = sale;
    sale = { ...payment, lines: payment.lines || (before && before.lines) };
    if (!before || before.status !== payment.status || before.parked !== payment.parked) {
      if (before && before.status !== payment.status) {
        notice(`Sale ${payment.saleReference}: ${payment.status}. ${payment.statusText || ''}`);
      }
      render(false);
    }
    if (payment.terminal) {
      stop();
    }
  }

  function render(first) {
    const p = sale;
    const focusedId = el.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
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
    const mayCancel = !p.terminal && (!p.paid || ctx.isManager);
    const cancel = h('button', { type: 'button', class: 'danger', testid: 'sale-cancel', text: 'Cancel', disabled: !mayCancel, onClick: () => act('cancel') });
    const newSale = h('button', { type: 'button', class: 'primary', testid: 'new-sale', text: 'New sale', onClick: startNewSale });

    let link = null;
    if (p.paymentUrl) {
      const copy = copyLinkButton(p.paymentUrl, 'sale-copy-link');
      link = h('div', { class: 'sale-link' },
        h('p', { class: 'label', text: 'Payment link' }),
        h('p', { class: 'link-row' }, h('a', { href: p.paymentUrl, testid: 'sale-link', target: '_blank', rel: 'noopener noreferrer', text: p.paymentUrl }), copy));
    }
    const qr = p.paymentUrl && !p.terminal && !p.paid
      ? h('img', { class: 'qr', testid: 'sale-qr', src: api.qrUrl(p.paymentId), alt: `QR code of the payment link for sale ${p.saleReference}`, width: '200', height: '200' })
      : null;

    el.replaceChildren(
      h('div', { class: 'progress-head' },
        h('h2', { id: 'sale-title', tabindex: '-1' }, `Sale ${p.saleReference}`),
        h('span', { class: 'amount-big', text: formatMoney(p.amountMinor, p.currency) })),
      steps,
      h('p', { class: 'status-line' }, 'Status ', statusBadge(p.status, { testid: 'sale-status' }),
        p.parked ? h('span', { class: 'badge tone-attention', text: 'Parked' }) : null),
      h('p', { class: 'status-text', text: p.statusText || '' }),
      h('div', { class: 'sale-body' }, h('div', {}, link, h('div', { class: 'actions' }, refresh, parkButton, cancel, newSale)), qr));
    if (first) {
      el.querySelector('h2').focus();
    } else if (focusedId) {
      const again = el.querySelector(`[data-testid="${focusedId}"]`);
      (again && !again.disabled ? again : newSale).focus();
    }
  }

  async function act(action) {
    clearProblem();
    const p = sale;
    for (const b of el.querySelectorAll('button')) {
      b.disabled = true;
    }
    try {
      const after = await api.post(`/payments/${encodeURIComponent(p.paymentId)}/${action}`);
      const said = { refresh: 'Status checked', park: 'Sale parked', cancel: 'Sale cancelled' }[action];
      update(after);
      render(false);
      notice(`${said}: ${after.status}.`);
      if (action === 'park') {
        onParked();
      }
      if (!after.terminal) {
        openStream();
      }
    } catch (problem) {
      render(false);
      showProblem(problem);
    }
  }

  function startNewSale() {
    clearProblem();
    stop();
    sale = null;
    el.hidden = true;
    el.replaceChildren();
    onNewSale();
  }

  return { el, start, resume, stop };
}
