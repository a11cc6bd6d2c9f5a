// One payment (#/payments/<id>): its summary, status followed live, lines, history and operations, and the actions
// the user's role allows: check status, cancel, capture, refund by lines.
import * as api from './api.js';
import { formatMoney } from './money.js';
import {
  clearProblem, copyLinkButton, field, formatTime, h, markInvalid, notice, showProblem, statusBadge, timeParts,
} from './ui.js';

const yesNo = (b) => (b ? 'Yes' : 'No');

/** Shows one payment; @returns {() => void} stops following it */
export function renderPayment(main, ctx, paymentId) {
  const heading = h('h1', { text: 'Payment' });
  const body = h('div', { class: 'detail' }, h('p', { class: 'loading', text: 'Loading…' }));
  main.replaceChildren(h('section', { class: 'payment' },
    h('p', { class: 'back' }, h('a', { href: '#/payments', text: '← All payments' })), heading, body));

  let payment = null;
  let closeStream = null;
  let alive = true;
  // while an action is under way its own answer redraws the page; a live update then would redraw it twice
  let acting = false;
  let drawnForms = '';
  const path = `/payments/${encodeURIComponent(paymentId)}`;

  async function load(focusStatus) {
    try {
      payment = await api.get(path);
    } catch (problem) {
      if (alive) {
        body.replaceChildren(h('p', { class: 'card', text: 'The payment could not be shown.' }));
        showProblem(problem);
      }
      return;
    }
    if (!alive) {
      return;
    }
    render();
    drawnForms = formState();
    if (focusStatus) {
      body.querySelector('.status-block').focus();
    }
    follow();
  }

  /** Follows a payment that may still change by itself; a new status reloads the page's view. */
  function follow() {
    if (closeStream || payment.terminal) {
      return;
    }
    closeStream = api.follow(payment.paymentId, (p) => {
      if (alive && payment && !acting && (p.status !== payment.status || p.capturedMinor !== payment.capturedMinor
        || p.refundedMinor !== payment.refundedMinor)) {
        if (formInUse()) {
          // never wipe what a manager is typing: say so, and let "Check status" show it
          notice(`Sale ${p.saleReference} is now ${p.status}: press "Check status" to see it.`);
        } else {
          notice(`Sale ${p.saleReference}: ${p.status}.`);
          load(false);
        }
      }
      if (p.terminal && closeStream) {
        closeStream();
        closeStream = null;
      }
    }, () => {
      closeStream = null;
    });
  }

  async function act(action, request, button, said, fieldElement) {
    clearProblem();
    button.disabled = true;
    acting = true;
    try {
      const after = await api.post(`${path}/${action}`, request);
      notice(`${said}: ${after.status}.`);
      await load(true);
    } catch (problem) {
      button.disabled = false;
      showProblem(problem, fieldElement);
    } finally {
      acting = false;
    }
  }

  /** @returns {string} the forms' inputs as they are now */
  function formState() {
    return [...body.querySelectorAll('input')].map((i) => (i.type === 'checkbox' ? i.checked : i.value)).join('\u0000');
  }

  /** @returns {boolean} true when the user has typed or ticked something since the page was drawn */
  function formInUse() {
    return formState() !== drawnForms;
  }

  function render() {
    const p = payment;
    heading.textContent = `Sale ${p.saleReference}`;
    const blocks = [statusBlock(p), summary(p)];
    const actions = actionsBlock(p);
    if (actions) {
      blocks.push(actions);
    }
    blocks.push(linesBlock(p), historyBlock(p), operationsBlock(p));
    body.replaceChildren(...blocks);
  }

  function statusBlock(p) {
    return h('section', { class: 'card status-block', tabindex: '-1', 'aria-label': 'Status' },
      h('p', { class: 'status-line' }, 'Status ', statusBadge(p.status, { testid: 'payment-detail-status' }),
        p.parked ? h('span', { class: 'tag', text: 'parked' }) : null),
      h('p', { class: 'status-text', text: p.statusText || '' }));
  }

  function summary(p) {
    const rows = [
      ['Amount', formatMoney(p.amountMinor, p.currency)],
      ['Captured', formatMoney(p.capturedMinor, p.currency)],
      ['Refunded', formatMoney(p.refundedMinor, p.currency)],
      ['Paid', yesNo(p.paid)],
      ['Store', p.storeId],
      ['Paid with', p.paymentProduct || '–'],
      ['Created', formatTime(p.createdAt)],
      ['Link expires', formatTime(p.expiresAt)],
      ['Payment id', p.paymentId],
    ];
    const dl = h('dl', { class: 'summary' }, rows.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', { text: v }))));
    if (p.paymentUrl) {
      const copy = copyLinkButton(p.paymentUrl);
      dl.append(h('div', { class: 'wide' }, h('dt', { text: 'Payment link' }),
        h('dd', {}, h('a', { href: p.paymentUrl, target: '_blank', rel: 'noopener noreferrer', testid: 'payment-link', text: p.paymentUrl }), ' ', copy)));
    }
    return h('div', { class: 'card' }, h('h2', { text: 'Summary' }), dl);
  }

  function actionsBlock(p) {
    const parts = [];
    const refresh = h('button', { type: 'button', class: 'secondary', testid: 'payment-refresh', text: 'Check status' });
    refresh.addEventListener('click', () => act('refresh', {}, refresh, 'Status checked'));
    const buttons = [refresh];
    if (!p.terminal && (!p.paid || ctx.isManager)) {
      const cancel = h('button', { type: 'button', class: 'danger', testid: 'payment-cancel', text: p.paid ? 'Cancel (release the money)' : 'Cancel' });
      cancel.addEventListener('click', () => act('cancel', {}, cancel, 'Cancelled'));
      buttons.push(cancel);
    }
    parts.push(h('div', { class: 'actions' }, buttons));

    const left = p.amountMinor - p.capturedMinor;
    if (ctx.isManager && p.paid && left > 0 && ['AUTHORIZED', 'PARTIALLY_CAPTURED', 'PARTIALLY_CAPTURED_REFUNDED'].includes(p.status)) {
      const reference = h('input', { type: 'text', testid: 'capture-reference', name: 'reference', autocomplete: 'off' });
      const submit = h('button', { type: 'submit', class: 'primary', testid: 'capture-submit', text: 'Capture all' });
      const form = h('form', { class: 'op-form', novalidate: true, 'aria-labelledby': 'capture-title' },
        h('h3', { id: 'capture-title', text: `Capture ${formatMoney(left, p.currency)}` }),
        field('Receipt number', reference, 'The receipt of the hand-over; it names the capture on reports.'),
        h('div', { class: 'actions' }, submit));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (!reference.value.trim()) {
          showProblem({ detail: 'Write the receipt number.', field: 'reference' }, () => reference);
          return;
        }
        act('captures', { reference: reference.value.trim() }, submit, 'Captured', (f) => (f === 'reference' ? reference : null));
      });
      parts.push(form);
    }
    if (!ctx.isManager && (p.paid || p.capturedMinor > 0)) {
      parts.push(h('p', { class: 'hint', text: 'Capturing, refunding and cancelling a paid payment need a manager.' }));
    }
    return h('div', { class: 'card' }, h('h2', { text: 'Actions' }), parts);
  }

  function refundable(p) {
    return ctx.isManager && p.capturedMinor - p.refundedMinor > 0 && (p.lines || []).length > 0;
  }

  function linesBlock(p) {
    const lines = p.lines || [];
    const canRefund = refundable(p);
    const picks = [];
    const head = ['Line', 'Description', 'Quantity', 'Unit price', 'VAT %', 'Amount'];
    if (canRefund) {
      head.push('Refund', 'Quantity to refund');
    }
    const refundTotal = h('strong', { text: formatMoney(0, p.currency) });
    const updateRefundTotal = () => {
      let sum = 0;
      for (const pick of picks) {
        const q = Number(pick.qty.value);
        if (pick.box.checked && Number.isInteger(q) && q >= 1) {
          sum += q * pick.line.unitPriceMinor;
        }
      }
      refundTotal.textContent = formatMoney(sum, p.currency);
    };
    const rows = lines.map((l) => {
      const cells = [
        h('th', { scope: 'row', text: l.lineId }),
        h('td', { text: l.description }),
        h('td', { class: 'num', text: String(l.quantity) }),
        h('td', { class: 'num', text: formatMoney(l.unitPriceMinor) }),
        h('td', { class: 'num', text: `${l.vatPercent}` }),
        h('td', { class: 'num', text: formatMoney(l.amountMinor ?? l.unitPriceMinor * l.quantity) }),
      ];
      if (canRefund) {
        const box = h('input', { type: 'checkbox', id: `refund-line-${l.lineId}`, testid: `refund-line-${l.lineId}`, value: l.lineId });
        const qty = h('input', { type: 'number', id: `refund-qty-${l.lineId}`, testid: `refund-qty-${l.lineId}`, min: '1', max: String(l.quantity), step: '1', value: String(l.quantity), inputmode: 'numeric', class: 'qty-input' });
        box.addEventListener('change', updateRefundTotal);
        qty.addEventListener('input', () => {
          if (qty.value && !box.checked) {
            box.checked = true;
          }
          updateRefundTotal();
        });
        picks.push({ line: l, box, qty });
        cells.push(h('td', { class: 'center' }, h('label', { for: box.id, class: 'sr-only', text: `Refund line ${l.lineId}, ${l.description}` }), box));
        cells.push(h('td', {}, h('label', { for: qty.id, class: 'sr-only', text: `Quantity to refund, line ${l.lineId}` }), qty));
      }
      return h('tr', {}, cells);
    });
    const table = h('table', { class: 'data lines-detail' },
      h('caption', { class: 'sr-only', text: 'Lines of the sale' }),
      h('thead', {}, h('tr', {}, head.map((c, i) => h('th', { scope: 'col', class: i >= 2 && i <= 5 ? 'num' : null, text: c })))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: String(head.length), class: 'empty', text: 'No lines recorded.' }))));
    const card = h('div', { class: 'card' }, h('h2', { text: 'Lines' }), h('div', { class: 'table-wrap' }, table));
    if (!canRefund) {
      return card;
    }
    const reference = h('input', { type: 'text', testid: 'refund-reference', name: 'reference', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'refund-submit', text: 'Refund selected' });
    const form = h('form', { class: 'op-form', novalidate: true, 'aria-labelledby': 'refund-title' },
      h('h3', { id: 'refund-title', text: 'Refund by lines' }),
      h('p', { class: 'hint', text: `Check the lines that came back and how many of each. At most ${formatMoney(p.capturedMinor - p.refundedMinor, p.currency)} can still be refunded.` }),
      field('Return receipt number', reference),
      h('p', { class: 'totals' }, 'Refund ', refundTotal),
      h('div', { class: 'actions' }, submit));
    const fieldElement = (f) => {
      if (f === 'reference') {
        return reference;
      }
      if (!f.startsWith('lines')) {
        return null;
      }
      const chosen = picks.filter((x) => x.box.checked);
      const at = /^lines\[(\d+)\]/.exec(f);
      const pick = at ? chosen[Number(at[1])] : chosen[0];
      if (!pick) {
        return null;
      }
      return /quantity/.test(f) ? pick.qty : pick.box;
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearProblem();
      const chosen = picks.filter((x) => x.box.checked);
      if (!chosen.length) {
        showProblem({ detail: 'Check at least one line to refund.' });
        if (picks[0]) {
          markInvalid(picks[0].box);
          picks[0].box.focus();
        }
        return;
      }
      for (const pick of chosen) {
        const q = pick.qty.value.trim();
        if (!/^\d+$/.test(q) || Number(q) < 1 || Number(q) > pick.line.quantity) {
          showProblem({ detail: `Line ${pick.line.lineId}: refund 1 to ${pick.line.quantity}.` }, null);
          markInvalid(pick.qty);
          pick.qty.focus();
          return;
        }
      }
      if (!reference.value.trim()) {
        showProblem({ detail: 'Write the return receipt number.', field: 'reference' }, fieldElement);
        return;
      }
      const request = {
        reference: reference.value.trim(),
        lines: chosen.map((pick) => ({ lineId: pick.line.lineId, quantity: Number(pick.qty.value) })),
      };
      act('refunds', request, submit, 'Refunded', fieldElement);
    });
    card.append(form);
    return card;
  }

  function historyBlock(p) {
    const rows = (p.history || []).map((c) => h('tr', {},
      h('td', {}, timeParts(c.at)), h('td', {}, statusBadge(c.status)), h('td', { text: c.source || '' }),
      h('td', { class: 'wrap-anywhere', text: c.detail || '' })));
    return h('div', { class: 'card' }, h('h2', { text: 'History' }), h('div', { class: 'table-wrap' },
      h('table', { class: 'data', testid: 'payment-history' },
        h('caption', { class: 'sr-only', text: 'Status changes, oldest first' }),
        h('thead', {}, h('tr', {}, ['Time', 'Status', 'Source', 'Detail'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '4', class: 'empty', text: 'No changes recorded.' }))))));
  }

  function operationsBlock(p) {
    const rows = (p.operations || []).map((o) => h('tr', { testid: `operation-${o.operationId}` },
      h('td', {}, timeParts(o.createdAt)), h('td', { text: o.kind }), h('td', { text: o.reference || '' }),
      h('td', { class: 'num', text: formatMoney(o.amountMinor, p.currency) }), h('td', {}, h('span', { class: ['badge', `op-${(o.state || '').toLowerCase()}`], text: o.state })),
      h('td', { text: o.requestedBy || '' }), h('td', { class: 'wrap-anywhere', text: o.detail || '' })));
    return h('div', { class: 'card' }, h('h2', { text: 'Operations' }), h('div', { class: 'table-wrap' },
      h('table', { class: 'data', testid: 'payment-operations' },
        h('caption', { class: 'sr-only', text: 'Captures, refunds and cancellations' }),
        h('thead', {}, h('tr', {}, ['Time', 'Kind', 'Reference', 'Amount', 'State', 'Requested by', 'Detail'].map((c, i) => h('th', { scope: 'col', class: i === 3 ? 'num' : null, text: c })))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '7', class: 'empty', text: 'No captures, refunds or cancellations yet.' }))))));
  }

  load(false);
  return () => {
    alive = false;
    if (closeStream) {
      closeStream();
      closeStream = null;
    }
  };
}
