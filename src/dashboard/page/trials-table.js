import { el, fill, num, valueText } from './dom.js';

/**
 * The trials table: sortable by any column (click its header), filterable by round and by
 * state. It keeps its sort and filters across live updates; `update(page)` redraws its rows.
 */
export function trialsTable(studyId) {
  const state = { sort: 'rank', descending: false, round: 'all', status: 'all', page: null };
  const roundSelect = el('select', { id: 'filter-round', onchange: (e) => { state.round = e.target.value; render(); } });
  const statusSelect = el('select', { id: 'filter-status', onchange: (e) => { state.status = e.target.value; render(); } });
  const head = el('thead');
  const body = el('tbody');
  const root = el('div', {},
    el('div', { class: 'filters' }, el('label', {}, 'round ', roundSelect), el('label', {}, 'state ', statusSelect)),
    el('div', { class: 'scroll' }, el('table', { id: 'trials' }, head, body)));

  const columns = () => {
    const params = [...new Set(state.page.trials.flatMap((t) => Object.keys(t.params)))];
    return [
      { name: 'rank', value: (t) => t.rank }, { name: 'round', value: (t) => t.round }, { name: 'index', value: (t) => t.index },
      { name: 'state', value: (t) => t.status }, { name: 'score', value: (t) => t.score }, { name: 'epochs', value: (t) => t.curve.length },
      // A study read from its report has no timings: no empty column for them.
      ...(state.page.trials.some((t) => t.seconds !== null) ? [{ name: 'seconds', value: (t) => t.seconds }] : []),
      ...params.map((p) => ({ name: p, value: (t) => t.params[p] })),
    ];
  };
  const compare = (a, b) => {
    if (a === b) return 0;
    if (a === undefined || a === null) return 1;
    if (b === undefined || b === null) return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return valueText(a).localeCompare(valueText(b));
  };
  const options = (select, values, current) => fill(select, ['all', ...values].map((v) => el('option', { value: v, selected: String(v) === current }, String(v))));

  function render() {
    const page = state.page;
    const cols = columns();
    options(roundSelect, [...new Set(page.trials.map((t) => t.round))].sort((a, b) => a - b), state.round);
    options(statusSelect, [...new Set(page.trials.map((t) => t.status))].sort(), state.status);
    fill(head, el('tr', {}, cols.map((c) => el('th', {
      class: 'sortable', 'data-sort': c.name === state.sort ? (state.descending ? '▼' : '▲') : undefined,
      onclick: () => { state.descending = state.sort === c.name ? !state.descending : false; state.sort = c.name; render(); },
    }, c.name))));
    const column = cols.find((c) => c.name === state.sort) ?? cols[0];
    const shown = page.trials
      .filter((t) => (state.round === 'all' || String(t.round) === state.round) && (state.status === 'all' || t.status === state.status))
      .sort((a, b) => {
        const byColumn = compare(column.value(a), column.value(b));
        // Missing values stay last whichever way the column is sorted.
        const missing = column.value(a) === undefined || column.value(a) === null || column.value(b) === undefined || column.value(b) === null;
        return (state.descending && !missing ? -byColumn : byColumn) || a.round - b.round || a.index - b.index;
      });
    fill(body, shown.map((t) => el('tr', { class: t.rank === 1 ? 'best' : undefined },
      cols.map((c) => {
        const v = c.value(t);
        if (c.name === 'index') return el('td', { class: 'number' }, el('a', { href: `/study/${encodeURIComponent(studyId)}/trial/${t.round}/${t.index}` }, String(t.index)));
        if (c.name === 'state') return el('td', { class: `status-${t.status}` }, t.status);
        return el('td', typeof v === 'number' ? { class: 'number' } : {}, v === undefined || v === null ? '' : typeof v === 'number' ? num(v) : valueText(v));
      }))));
  }
  return { root, update: (page) => { state.page = page; render(); } };
}
