// Small DOM helpers shared by the pages: building elements, the status and error regions, statuses and times.

/**
 * Builds an element. Props: `class`, `testid` (data-testid), `text`, `on<Event>` handlers, DOM properties that are
 * not attributes (value, checked, disabled, hidden, selected), anything else as an attribute (null/false leaves it out).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'testid') {
      el.dataset.testid = value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (['value', 'checked', 'disabled', 'hidden', 'selected'].includes(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

let ids = 0;
/** @returns {string} a fresh element id with the prefix */
export const uid = (prefix) => `${prefix}-${++ids}`;

/** A labelled control: <div class="field"><label for>…</label>control hint?</div>. */
export function field(labelText, control, hint) {
  if (!control.id) {
    control.id = uid('f');
  }
  const parts = [h('label', { for: control.id, text: labelText }), control];
  if (hint) {
    const hintEl = h('p', { class: 'hint', id: uid('hint'), text: hint });
    control.setAttribute('aria-describedby', hintEl.id);
    parts.push(hintEl);
  }
  return h('div', { class: 'field' }, parts);
}

/** A checkbox with its label after it. */
export function checkbox(labelText, props = {}) {
  const input = h('input', { type: 'checkbox', id: uid('c'), ...props });
  return { input, el: h('div', { class: 'check' }, input, h('label', { for: input.id, text: labelText })) };
}

const errorRegion = () => document.getElementById('error');
const noticeRegion = () => document.getElementById('notice');

let noticeTimer = null;
const NOTICE_SHOWN_MS = 8000;

/** Says something in the polite live region, shown under the header for a few seconds. */
export function notice(text) {
  const n = noticeRegion();
  n.textContent = '';
  window.clearTimeout(noticeTimer);
  // a fresh text node, so that the same message twice is announced twice
  noticeTimer = window.setTimeout(() => {
    n.textContent = text;
    noticeTimer = window.setTimeout(() => { n.textContent = ''; }, NOTICE_SHOWN_MS);
  }, 30);
}

/**
 * Shows a refusal: its detail in the alert region, and the field it names marked invalid and focused.
 * @param {Error} problem a Problem from the API, or any error
 * @param {(field: string) => HTMLElement|null} [fieldElement] finds the control of a field named by the API
 */
export function showProblem(problem, fieldElement) {
  if (problem.sessionEnded) {
    return;
  }
  clearProblem();
  const region = errorRegion();
  region.textContent = problem.detail || problem.message || String(problem);
  const target = problem.field && fieldElement ? fieldElement(problem.field) : null;
  if (target) {
    markInvalid(target);
    target.focus({ preventScroll: false });
  } else {
    region.scrollIntoView({ block: 'nearest' });
  }
}

/** Marks a control invalid; it is described by the alert region until the next clearProblem. */
export function markInvalid(el) {
  el.setAttribute('aria-invalid', 'true');
  el.dataset.describedBefore = el.getAttribute('aria-describedby') || '';
  el.setAttribute('aria-describedby', `error ${el.dataset.describedBefore}`.trim());
  el.classList.add('invalid');
}

/** Empties the alert region and unmarks every invalid control. */
export function clearProblem() {
  errorRegion().textContent = '';
  for (const el of document.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    el.classList.remove('invalid');
    if (el.dataset.describedBefore) {
      el.setAttribute('aria-describedby', el.dataset.describedBefore);
    } else {
      el.removeAttribute('aria-describedby');
    }
    delete el.dataset.describedBefore;
  }
}

export const STATUSES = ['CREATED', 'LINK_SENT', 'OPENED', 'INITIATED', 'ON_HOLD', 'AUTHORIZED', 'PARTIALLY_CAPTURED',
  'PARTIALLY_CAPTURED_REFUNDED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'DECLINED', 'FAILED', 'CANCELLED',
  'EXPIRED', 'UNKNOWN'];

const TONES = {
  CREATED: 'waiting', LINK_SENT: 'waiting', OPENED: 'waiting', INITIATED: 'waiting',
  ON_HOLD: 'attention', UNKNOWN: 'attention',
  AUTHORIZED: 'paid', PARTIALLY_CAPTURED: 'paid', PARTIALLY_CAPTURED_REFUNDED: 'paid', CAPTURED: 'paid',
  PARTIALLY_REFUNDED: 'paid', REFUNDED: 'returned',
  DECLINED: 'ended', FAILED: 'ended', EXPIRED: 'ended', CANCELLED: 'returned',
};

/** A status badge; its text is exactly the status name. */
export function statusBadge(status, props = {}) {
  return h('span', { class: ['badge', `tone-${TONES[status] || 'attention'}`], ...props, text: status });
}

/** @returns {boolean} whether a status means the sale is over without payment */
export const endedUnpaid = (status) => ['DECLINED', 'FAILED', 'CANCELLED', 'EXPIRED'].includes(status);

const two = (n) => String(n).padStart(2, '0');

/** @returns {string} an ISO instant as local "YYYY-MM-DD HH:MM:SS", or "–" */
export function formatTime(iso) {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return iso;
  }
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** @returns {Node[]} a time as date and clock that a narrow table cell breaks between, never inside */
export const timeParts = (iso) => formatTime(iso).split(' ').flatMap((part) => [h('span', { class: 'nowrap', text: part }), ' ']);

/** @returns {string} "S-" and the local date and time digits, e.g. S-20261101143005 */
export function newSaleReference(now = new Date()) {
  return `S-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}

const METHOD_NAMES = {
  vipps: 'Vipps', mobilepay: 'MobilePay', swish: 'Swish', klarna: 'Klarna', walley: 'Walley', billie: 'Billie',
  card: 'Card', applepay: 'Apple Pay', googlepay: 'Google Pay',
};

/** @returns {string} how a store is named in a list: its id, and its name (else the payment method's name) */
export function storeLabel(s) {
  const name = s.storeName || s.displayName;
  return name && name !== s.storeId ? `${s.storeId} (${name})` : s.storeId;
}

/** @returns {string} a payment method's name for people */
export const methodName = (id) => METHOD_NAMES[id] || id;

/** Copies text to the clipboard; falls back to a selected hidden field where the Clipboard API is refused. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch (refused) {
      // no permission (e.g. a kiosk browser): try the old way
    }
  }
  const before = document.activeElement;
  const area = h('textarea', { class: 'offscreen', readonly: true, value: text });
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (before && before.focus) {
    before.focus();
  }
  if (!ok) {
    throw new Error('The browser did not let the link be copied; select it and copy it by hand.');
  }
}

/** @returns {HTMLButtonElement} a "Copy link" button that copies the payment link and says so */
export function copyLinkButton(url, testid) {
  const copy = h('button', { type: 'button', class: 'quiet small', testid, text: 'Copy link' });
  copy.addEventListener('click', async () => {
    try {
      await copyText(url);
      notice('The payment link was copied.');
    } catch (err) {
      showProblem(err);
    }
  });
  return copy;
}
