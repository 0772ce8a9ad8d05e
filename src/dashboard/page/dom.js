// DOM helpers of the dashboard's page. Every piece of data (class labels, parameter values,
// error messages) enters the page as a text node: nothing is ever parsed as HTML here.

// Served beside these files (/assets/) from src/text, where the terminal's output takes it too.
import { shortNumber } from './short-number.js';

/** An element with attributes and children; string children become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** A number for a table (see shortNumber); anything else as text. */
export const num = (x) => (typeof x !== 'number' ? (x ?? '') : shortNumber(x));

/** A parameter value as text: numbers short, strings as they are, anything else as JSON. */
export const valueText = (v) => (typeof v === 'number' ? num(v) : typeof v === 'string' ? v : JSON.stringify(v));

/** A duration in seconds as people read it. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** A timestamp in the reader's local time. */
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

/** A table of text cells; `cell` may return a node instead of text. */
export function textTable(header, rows, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, header.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((c) => el('td', typeof c === 'number' ? { class: 'number' } : {}, typeof c === 'number' ? num(c) : c))))));
}

/** A cell's sort key: its leading number when it has one ("0.931 [0.90, 0.95]" → 0.931), else its text. */
const sortKey = (text) => {
  const n = Number.parseFloat(text);
  return Number.isNaN(n) ? text : n;
};

/** A table of text cells whose rows sort by any column when its header is clicked (again: the other way). */
export function sortableTable(header, rows) {
  const body = el('tbody');
  let column = -1, descending = false;
  const heads = header.map((h, i) => el('th', { class: 'sortable', onclick: () => sort(i) }, h));
  const draw = (ordered) => fill(body, ordered.map((row) => el('tr', {}, row.map((c) => el('td', {}, c)))));
  function sort(i) {
    descending = column === i ? !descending : false;
    column = i;
    heads.forEach((h, j) => (j === i ? h.setAttribute('data-sort', descending ? '▼' : '▲') : h.removeAttribute('data-sort')));
    const sign = descending ? -1 : 1;
    draw([...rows].sort((a, b) => {
      const x = sortKey(a[i]), y = sortKey(b[i]);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    }));
  }
  draw(rows);
  return el('table', {}, el('thead', {}, el('tr', {}, heads)), body);
}

/** Replaces a container's content. */
export function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return container;
}

/** Fetches JSON from the dashboard's API; throws with the status when it fails. */
export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}
