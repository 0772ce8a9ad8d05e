import { draw } from './charts.js';
import { duration, el, fill, getJson, num, textTable, when } from './dom.js';
import { trialsTable } from './trials-table.js';

const section = (title, ...children) => el('section', {}, el('h2', {}, title), ...children);

function summary(page) {
  const statuses = Object.entries(page.counts.byStatus).map(([s, n]) => el('span', { class: `status-${s}` }, `${n} ${s}`));
  const elapsed = page.started && (page.state === 'running' ? Date.now() : page.updated && Date.parse(page.updated)) - Date.parse(page.started);
  return el('div', { class: 'summary' },
    el('span', { class: `state-${page.state}`, id: 'study-state' }, page.state),
    el('span', {}, el('b', { id: 'trial-count' }, String(page.counts.total)), ' trials'), ...statuses,
    el('span', { id: 'best' }, page.best ? `best validation ${page.metric} ${num(page.best.score)} (round ${page.best.round}, trial ${page.best.index})` : 'no trial complete yet'),
    page.classes && el('span', { id: 'classes' }, `classes: ${page.classes.join(', ')}`),
    page.started && el('span', {}, `started ${when(page.started)}`),
    elapsed > 0 && el('span', {}, `elapsed ${duration(Math.round(elapsed / 1000))}`),
    page.unreadable > 0 && el('span', { class: 'error' }, `${page.unreadable} journal lines could not be read`));
}

/** Every round's ranges side by side, one row per hyperparameter. */
function rangesTable(page) {
  const names = [...new Set(page.rounds.flatMap((r) => Object.keys(r.ranges)))];
  return textTable(['hyperparameter', ...page.rounds.map((r) => `round ${r.round}`)], names.map((n) => [n, ...page.rounds.map((r) => r.ranges[n] ?? '—')]), { id: 'ranges' });
}

const chartBox = (name) => el('div', { class: 'chart', id: `chart-${name}` });

/**
 * The study page: summary, best-so-far, trials, score against each hyperparameter, ranges,
 * learning curves, importance and failures. A stream of server-sent events says when the
 * journal changes; the page then fetches the study again and redraws, without a reload.
 */
export async function studyPage(main, id) {
  const head = el('div');
  const table = trialsTable(id);
  const boxes = Object.fromEntries(['bestSoFar', 'scatter', 'epochs', 'curves', 'importance'].map((n) => [n, chartBox(n)]));
  const ranges = el('div');
  const importance = el('div');
  const failures = el('div');
  const settings = el('div');
  fill(main, el('h1', {}, `Study ${id}`), head,
    section('Best score so far', boxes.bestSoFar),
    section('Trials', table.root),
    section('Validation score against each numeric hyperparameter, coloured by round', boxes.scatter),
    section('Ranges of every round', ranges),
    section('Learning curves of every trial, coloured by round', boxes.epochs),
    section('Learning curves of every trial as the report draws them (dashed by how each ended)', boxes.curves),
    section('Hyperparameter importance', el('p', { class: 'note' },
      'The share of the complete trials\' score variance each hyperparameter explains (η², as in a one-way ANOVA; numbers cut into 4 bins of equal count), with a 95% bootstrap interval, as the study report measures it.'),
    boxes.importance, importance),
    section('Failures by reason', failures),
    section('Settings', settings));

  let version = 0;
  async function render() {
    const page = await getJson(`/api/study/${encodeURIComponent(id)}`);
    fill(head, summary(page));
    table.update(page);
    fill(ranges, rangesTable(page));
    fill(importance, textTable(['hyperparameter', 'η²', '95% interval', 'trials'], page.importance.map((i) => [i.parameter, i.share.mean.toFixed(3), `${i.share.low.toFixed(3)} to ${i.share.high.toFixed(3)}`, i.trials])));
    fill(failures, page.failures.length === 0 ? el('p', { class: 'note' }, 'No trial failed.')
      : textTable(['reason', 'trials'], page.failures.map((f) => [f.reason, f.count]), { id: 'failures' }));
    fill(settings, textTable(['setting', 'value'], Object.entries(page.settings), { id: 'settings' }));
    for (const [name, box] of Object.entries(boxes)) {
      if (page.charts[name]) await draw(box, page.charts[name]);
      else fill(box, el('p', { class: 'note' }, 'Nothing to draw yet.'));
    }
    main.dataset.state = 'ready';
    main.dataset.version = String(++version);
  }
  await render();
  // One redraw at a time; a change during a redraw asks for one more.
  let busy = false, again = false;
  const refresh = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try { await render(); } finally { busy = false; }
    if (again) { again = false; await refresh(); }
  };
  const events = new EventSource(`/api/study/${encodeURIComponent(id)}/events`);
  events.addEventListener('change', () => refresh().catch((error) => console.warn(`study refresh: ${error.message}`)));
}
