// The till (#/till): the sale form, the sale's live progress and the store's parked sales side by side. The page is
// built once per login and kept while the user visits other pages, so a sale in progress and a half-typed sale
// survive a look at the payments.
import * as api from './api.js';
import { createParkedSales } from './parked-sales.js';
import { createSaleForm } from './sale-form.js';
import { createSaleProgress } from './sale-progress.js';
import { h, notice, showProblem } from './ui.js';

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
  let storesLoaded = false;
  const form = createSaleForm({
    onSent: (payment) => {
      form.el.hidden = true;
      progress.start(payment);
    },
    onStoreChange: () => parked.storeChanged(),
  });
  const progress = createSaleProgress(ctx, {
    onNewSale: () => {
      form.el.hidden = false;
      form.reset();
      notice('New sale.');
    },
    onParked: () => parked.poll(),
  });
  const parked = createParkedSales(form.storeId);

  async function loadStores() {
    let stores;
    try {
      stores = await api.get('/stores');
    } catch (problem) {
      showProblem(problem);
      return;
    }
    storesLoaded = stores.length > 0;
    form.setStores(stores);
    parked.poll();
  }

  return {
    username: ctx.username,
    root: h('div', { class: 'till' },
      h('div', { class: 'till-main' }, h('h1', { text: 'Till' }), form.el, progress.el),
      parked.el),
    enter() {
      parked.start();
      if (!storesLoaded) {
        loadStores();
      } else {
        parked.poll();
      }
      progress.resume();
    },
    leave() {
      parked.stop();
      progress.stop();
    },
    stopFollowing: () => progress.stop(),
  };
}
