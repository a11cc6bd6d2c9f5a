// The console API (/tillpay/console/api/v1): JSON calls with the session's CSRF token, refusals as Problems, and the
// payment event stream. The CSRF token lives in this module only: never in storage, never in the page.

export const BASE = '/tillpay/console/api/v1';

let csrfToken = null;
let onUnauthenticated = () => {};

/** A refusal from the API (RFC 9457 problem details), or a failure to reach it. */
export class Problem extends Error {
  constructor({ type, title, status, detail, field } = {}) {
    super(detail || title || 'The request failed');
    this.type = type;
    this.title = title;
    this.status = status;
    this.detail = detail || title || 'The request failed';
    this.field = field || null;
  }
}

/** @param {() => void} handler called when a call finds the session gone (401) */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/**
 * @param {string} method GET, POST, DELETE
 * @param {string} path below /api/v1, e.g. "/payments?store=demo"
 * @param {object} [body] sent as JSON
 * @returns {Promise<any>} the JSON answer, or null for 204
 * @throws {Problem}
 */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) {
      headers['X-CSRF-Token'] = csrfToken;
    }
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new Problem({ title: 'No connection', detail: 'The console could not be reached; check the network and try again.' });
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) {
    return json;
  }
  const problem = new Problem(json && typeof json === 'object' ? json
    : { status: response.status, title: `HTTP ${response.status}`, detail: `The server answered ${response.status} ${response.statusText}` });
  if (response.status === 401 && !path.startsWith('/session')) {
    csrfToken = null;
    problem.sessionEnded = true; // the login page says so; the caller need not
    onUnauthenticated(problem);
  }
  throw problem;
}

export const get = (path) => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);

/** @returns {Promise<object|null>} the session, or null when not logged in */
export async function currentSession() {
  try {
    const s = await get('/session');
    csrfToken = s.csrfToken;
    return s;
  } catch (e) {
    if (e.status === 401) {
      csrfToken = null;
      return null;
    }
    throw e;
  }
}

/** @throws {Problem} when the user name or password is refused */
export async function logIn(username, password) {
  const s = await call('POST', '/session', { username, password });
  csrfToken = s.csrfToken;
  return s;
}

export async function logOut() {
  try {
    await call('DELETE', '/session');
  } finally {
    csrfToken = null;
  }
}

/**
 * @param {string} storeId
 * @param {string} report payouts, monthly, reconciliation, settlement or source
 * @param {object} params format (csv, xlsx, pdf), provider, from, to, settlement; empty ones are left out
 * @returns {string} the URL of a report download; a plain link fetches it with the session's cookie
 */
export function reportUrl(storeId, report, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v) {
      q.set(k, v);
    }
  }
  return `${BASE}/stores/${encodeURIComponent(storeId)}/reports/${encodeURIComponent(report)}?${q}`;
}

/** @returns {string} the URL of a payment's QR code (PNG) */
export const qrUrl = (paymentId) => `${BASE}/payments/${encodeURIComponent(paymentId)}/qr`;

/**
 * Follows a payment's status by server-sent events: the payment now, then on every change.
 * @param {string} paymentId
 * @param {(payment: object) => void} onPayment
 * @param {() => void} onLost called when the stream ends for good (the browser stops retrying)
 * @returns {() => void} closes the stream
 */
export function follow(paymentId, onPayment, onLost) {
  const source = new EventSource(`${BASE}/payments/${encodeURIComponent(paymentId)}/events`);
  source.addEventListener('payment', (e) => {
    try {
      onPayment(JSON.parse(e.data));
    } catch (err) {
      console.warn('tillpay: unreadable payment event', err);
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      onLost();
    }
  });
  return () => source.close();
}
