// The console's entry point: who is logged in, the login page, the header, and hash routing between the pages.
import * as api from './api.js';
import { clearProblem, field, h, notice, showProblem } from './ui.js';
import { renderTill, resetTill } from './till.js';
import { renderPayment } from './payment-detail.js';
import { renderPayments, resetPayments } from './payments.js';
import { renderPayouts, resetPayouts } from './payouts.js';
import { renderStores } from './stores.js';

const ROLE_ORDER = ['cashier', 'manager', 'admin'];

let session = null;
/** Stops what the current page runs in the background (polling, event streams). */
let leavePage = () => {};

const main = () => document.getElementById('main');

/** @returns {number} the user's highest role, as an index into ROLE_ORDER */
const roleLevel = () => Math.max(...session.roles.map((r) => ROLE_ORDER.indexOf(r)));

/** What the pages need to know about the user. */
function context() {
  const level = roleLevel();
  return {
    username: session.username,
    isManager: level >= ROLE_ORDER.indexOf('manager'),
    isAdmin: level >= ROLE_ORDER.indexOf('admin'),
  };
}

function leave() {
  leavePage();
  leavePage = () => {};
}

function showHeader(loggedIn) {
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('user').hidden = !loggedIn;
  if (loggedIn) {
    document.getElementById('user-name').textContent = `${session.username} (${session.roles.join(', ')})`;
    // a page the role may not use is not offered; its address still explains why
    for (const item of document.querySelectorAll('#nav [data-min-role]')) {
      item.hidden = roleLevel() < ROLE_ORDER.indexOf(item.dataset.minRole);
    }
  }
}

function showLogin(message) {
  leave();
  session = null;
  resetTill();
  resetPayments();
  resetPayouts();
  showHeader(false);
  clearProblem();
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, testid: 'login-username' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'login-submit', text: 'Log in' });
  const form = h('form', { class: 'stack', novalidate: true },
    field('User name', username), field('Password', password), h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem();
    submit.disabled = true;
    try {
      session = await api.logIn(username.value.trim(), password.value);
      password.value = '';
      showHeader(true);
      notice(`Logged in as ${session.username}.`);
      route();
    } catch (problem) {
      showProblem(problem, (name) => ({ username, password }[name] || null));
      if (!problem.field) {
        password.select();
        password.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });
  main().replaceChildren(h('section', { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title', text: 'Log in to the Tillpay console' }), form));
  if (message) {
    showProblem({ detail: message });
  }
  username.focus();
}

async function logOut() {
  try {
    await api.logOut();
  } catch (problem) {
    // the session is gone either way
  }
  // the next person to log in starts at the till, not on the page the last one left
  window.history.replaceState(null, '', '#/till');
  showLogin();
  notice('Logged out.');
}

/** Shows the page of the hash: #/till (the default), #/payments, #/payments/<id>, #/payouts, #/stores. */
function route() {
  if (!session) {
    showLogin();
    return;
  }
  leave();
  clearProblem();
  const parts = (window.location.hash || '#/till').replace(/^#\/?/, '').split('/').filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const page = parts[0] || 'till';
  for (const link of document.querySelectorAll('#nav a[data-route]')) {
    if (link.dataset.route === page) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const ctx = context();
  if (page === 'till') {
    leavePage = renderTill(main(), ctx);
  } else if (page === 'payments' && parts[1]) {
    leavePage = renderPayment(main(), ctx, parts[1]);
  } else if (page === 'payments') {
    leavePage = renderPayments(main(), ctx);
  } else if (page === 'payouts') {
    leavePage = renderPayouts(main(), ctx);
  } else if (page === 'stores') {
    leavePage = renderStores(main(), ctx);
  } else {
    main().replaceChildren(h('section', { class: 'card' },
      h('h1', { tabindex: '-1', text: 'Page not found' }),
      h('p', {}, 'There is no page here. Go to the ', h('a', { href: '#/till', text: 'till' }), '.')));
  }
  const heading = main().querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

async function start() {
  api.whenUnauthenticated(() => {
    if (session) {
      showLogin('Your session has ended: log in again.');
    }
  });
  document.getElementById('logout').addEventListener('click', logOut);
  window.addEventListener('hashchange', route);
  try {
    session = await api.currentSession();
  } catch (problem) {
    main().replaceChildren(h('p', { class: 'card', text: 'The console could not start.' }));
    showProblem(problem);
    return;
  }
  if (session) {
    showHeader(true);
    route();
  } else {
    showLogin();
  }
}

start();
