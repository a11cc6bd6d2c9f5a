// A small SVG bar chart, no library: per category (a month) one bar stacked from several series (paid out per
// provider) and a narrow bar beside it (the fees); a zero line, a value axis, a legend. The SVG is one image to
// assistive technology (role="img" with a title and a description); the table beside it holds the numbers.
// Colours come from app.css classes (the pages' CSP allows no inline style).
import { h, uid } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 280;
const MARGIN = { top: 28, right: 12, bottom: 36, left: 72 };
const GROUP = 64; // width per category
const BAR = 24;
const SIDE = 12;
const GAP = 3;
const MIN_PLOT_WIDTH = 560;

/** An SVG element; attributes as given (null/false left out), children appended. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined && v !== false) {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return el;
}

/**
 * Round steps for an axis from lo to hi (lo ≤ 0 ≤ hi): 1, 2 or 5 times a power of ten, about four of them, none
 * smaller than minStep.
 * @returns {number[]} the tick values, from the lowest to the highest; they cover lo and hi
 */
export function ticks(lo, hi, minStep = 1) {
  const raw = Math.max((hi - lo) / 4, minStep);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((c) => c >= raw);
  const first = Math.floor(lo / step) * step;
  const last = Math.max(Math.ceil(hi / step) * step, first + step);
  const out = [];
  for (let v = first; v <= last + step / 2; v += step) {
    out.push(Math.round(v));
  }
  return out;
}

/**
 * @param {object} o
 * @param {string} o.title the chart's name (the SVG's title)
 * @param {string} o.description what it shows, for assistive technology
 * @param {string[]} o.categories labels along the axis, in order
 * @param {{name: string, className: string, values: number[]}[]} o.stacks the series stacked in the main bar
 * @param {{name: string, className: string, values: number[]}} [o.side] the series in the narrow bar beside
 * @param {(v: number) => string} o.axisLabel a tick's text
 * @param {(v: number) => string} o.valueText a value's text, in the bars' tooltips
 * @param {string} [o.unit] shown above the value axis
 * @param {number} [o.minStep] the smallest step between ticks (100: whole major units)
 * @returns {HTMLElement} a figure: the SVG and its legend
 */
export function stackedBarChart(o) {
  const n = o.categories.length;
  const plotWidth = Math.max(MIN_PLOT_WIDTH, n * GROUP);
  const width = MARGIN.left + plotWidth + MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    const up = o.stacks.reduce((sum, st) => sum + Math.max(0, st.values[i] || 0), 0);
    const down = o.stacks.reduce((sum, st) => sum + Math.min(0, st.values[i] || 0), 0);
    const side = o.side ? o.side.values[i] || 0 : 0;
    hi = Math.max(hi, up, side);
    lo = Math.min(lo, down, side);
  }
  const axis = ticks(lo, hi, o.minStep || 1);
  const top = axis[axis.length - 1];
  const bottom = axis[0];
  const y = (v) => MARGIN.top + ((top - v) / (top - bottom)) * plotHeight;

  const grid = axis.map((v) => s('g', { class: ['tick', v === 0 && 'zero'].filter(Boolean).join(' ') },
    s('line', { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: y(v), y2: y(v) }),
    s('text', { x: MARGIN.left - 8, y: y(v), dy: '0.32em', 'text-anchor': 'end' }, o.axisLabel(v))));

  const bars = [];
  o.categories.forEach((label, i) => {
    const groupLeft = MARGIN.left + i * (plotWidth / n);
    const groupWidth = plotWidth / n;
    const barWidth = o.side ? BAR + GAP + SIDE : BAR;
    const x0 = groupLeft + (groupWidth - barWidth) / 2;
    let up = 0;
    let down = 0;
    for (const st of o.stacks) {
      const v = st.values[i] || 0;
      if (v === 0) {
        continue;
      }
      const from = v > 0 ? up : down;
      const to = from + v;
      if (v > 0) {
        up = to;
      } else {
        down = to;
      }
      bars.push(s('rect', { class: `bar ${st.className}`, x: x0, width: BAR, y: Math.min(y(from), y(to)),
        height: Math.max(1, Math.abs(y(from) - y(to))) }, s('title', {}, `${label}, ${st.name}: ${o.valueText(v)}`)));
    }
    if (o.side && o.side.values[i]) {
      const v = o.side.values[i];
      bars.push(s('rect', { class: `bar ${o.side.className}`, x: x0 + BAR + GAP, width: SIDE, y: Math.min(y(0), y(v)),
        height: Math.max(1, Math.abs(y(0) - y(v))) }, s('title', {}, `${label}, ${o.side.name}: ${o.valueText(v)}`)));
    }
    bars.push(s('text', { class: 'category', x: groupLeft + groupWidth / 2, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle' }, label));
  });

  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const svg = s('svg', { class: 'chart', role: 'img', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT,
    'aria-labelledby': titleId, 'aria-describedby': descId, preserveAspectRatio: 'xMinYMin meet' },
  s('title', { id: titleId }, o.title),
  s('desc', { id: descId }, o.description),
  o.unit ? s('text', { class: 'unit', x: MARGIN.left - 8, y: 12, 'text-anchor': 'end' }, o.unit) : null,
  grid, bars);
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    [...o.stacks, ...(o.side ? [o.side] : [])].map((st) => h('li', {},
      h('span', { class: `swatch ${st.className}` }), st.name)));
  return h('figure', { class: 'chart-figure' }, h('div', { class: 'chart-scroll' }, svg), legend);
}
