// The till's sale lines: a row per line (description, quantity, unit price with VAT, VAT rate), the line amounts, the
// total and the VAT it contains, and the lines of the sale request.
import { formatMoney, toMinor, vatIncluded } from './money.js';
import { h, notice, showProblem } from './ui.js';

const VAT_RATES = [25, 15, 12, 0];

function quantityOf(row) {
  const q = row.qty.value.trim();
  return /^\d{1,4}$/.test(q) && Number(q) >= 1 ? Number(q) : null;
}

/**
 * The lines of a sale in `currency`.
 * @returns {{el: HTMLElement, addLine: HTMLButtonElement, reset: () => void, focusFirst: () => void,
 *   fieldElement: (name: string) => HTMLElement|null, request: (fieldElement: Function) => object[]|null}}
 */
export function createSaleLines(currency) {
  let rows = [];
  const linesBody = h('tbody');
  const addLine = h('button', { type: 'button', class: 'secondary', testid: 'add-line', text: 'Add line' });
  const total = h('strong', { testid: 'till-total', text: formatMoney(0, currency) });
  const vatTotal = h('span', { testid: 'till-vat', text: formatMoney(0, currency) });
  const totalNote = h('span', { class: 'hint' });

  const el = h('fieldset', { class: 'lines' }, h('legend', { text: 'Lines' }),
    h('table', { class: 'lines-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'num', text: '#' }),
        h('th', { scope: 'col', text: 'Description' }),
        h('th', { scope: 'col', class: 'qty', text: 'Quantity' }),
        h('th', { scope: 'col', class: 'price', text: `Unit price (${currency})` }),
        h('th', { scope: 'col', class: 'vat', text: 'VAT %' }),
        h('th', { scope: 'col', class: 'amount', text: 'Amount' }),
        h('th', { scope: 'col', class: 'remove' }, h('span', { class: 'sr-only', text: 'Remove' })))),
      linesBody),
    h('div', { class: 'lines-foot' }, addLine,
      h('p', { class: 'totals', 'aria-live': 'polite' }, 'Total ', total, h('span', { class: 'sep', text: ' · ' }),
        'VAT included ', vatTotal, ' ', totalNote)));

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
      const at = rows.indexOf(row);
      rows.splice(at, 1);
      row.tr.remove();
      renumber();
      updateTotals();
      const next = rows[Math.min(at, rows.length - 1)];
      (next ? next.desc : addLine).focus();
      notice(`Line ${at + 1} removed.`);
    });
    rows.push(row);
    linesBody.append(row.tr);
    renumber();
    updateTotals();
    if (focus) {
      row.desc.focus();
    }
  }

  /** Line numbers, test hooks and labels follow the display order. */
  function renumber() {
    rows.forEach((row, i) => {
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
      row.remove.disabled = rows.length === 1;
    });
  }

  function updateTotals() {
    let sum = 0;
    let vat = 0;
    let unpriced = 0;
    for (const row of rows) {
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
    total.textContent = formatMoney(sum, currency);
    vatTotal.textContent = formatMoney(vat, currency);
    totalNote.textContent = unpriced ? `(${unpriced} line${unpriced > 1 ? 's' : ''} without a valid price or quantity)` : '';
  }

  addLine.addEventListener('click', () => addRow(true));

  /** @returns {HTMLElement|null} the control of a line field the API named (`lines`, `lines[i].name`) */
  function fieldElement(name) {
    if (name === 'lines') {
      return rows[0] ? rows[0].desc : null;
    }
    const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(name);
    if (!line) {
      return null;
    }
    const row = rows[Number(line[1])];
    if (!row) {
      return addLine;
    }
    return { quantity: row.qty, unitPrice: row.price, unitPriceMinor: row.price, vatPercent: row.vat }[line[2]] || row.desc;
  }

  /**
   * @param {(name: string) => HTMLElement|null} formFieldElement finds any field of the form, for showProblem
   * @returns {object[]|null} the lines of the sale request, or null after showing what must be fixed
   */
  function request(formFieldElement) {
    const lines = [];
    for (const [i, row] of rows.entries()) {
      const n = i + 1;
      if (!row.desc.value.trim()) {
        showProblem({ detail: `Line ${n}: write what is sold.`, field: `lines[${i}].description` }, formFieldElement);
        return null;
      }
      const quantity = quantityOf(row);
      if (quantity === null) {
        showProblem({ detail: `Line ${n}: the quantity must be a whole number from 1 to 9999.`, field: `lines[${i}].quantity` }, formFieldElement);
        return null;
      }
      const unitPriceMinor = toMinor(row.price.value);
      if (unitPriceMinor === null || unitPriceMinor < 1) {
        showProblem({ detail: `Line ${n}: the unit price must be an amount above zero like 299.00 (at most two decimals).`, field: `lines[${i}].unitPrice` }, formFieldElement);
        return null;
      }
      lines.push({ lineId: String(n), description: row.desc.value.trim(), quantity, unitPriceMinor, vatPercent: Number(row.vat.value) });
    }
    return lines;
  }

  /** One empty line again. */
  function reset() {
    for (const row of rows) {
      row.tr.remove();
    }
    rows = [];
    addRow(false);
  }

  addRow(false);
  return { el, addLine, reset, focusFirst: () => rows[0].desc.focus(), fieldElement, request };
}
