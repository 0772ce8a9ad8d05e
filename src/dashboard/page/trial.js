import { el, fill, getJson, num, textTable, valueText } from './dom.js';

/** Each rung the trial waited at, and what the pruner then did: it went on from every rung but a pruned trial's last. */
function rungTable(t, metric) {
  if (t.rungs.length === 0) return el('p', { class: 'note', id: 'trial-rungs' }, 'No rung recorded (the study has no pruner, or the trial never waited at one).');
  const then = (i) => (i < t.rungs.length - 1 || t.status !== 'pruned' ? 'went on' : `stopped here (${t.status})`);
  return textTable(['epochs trained', `validation ${metric}`, 'seconds', 'then'],
    t.rungs.map((r, i) => [r.epochs, r.score ?? '—', r.seconds ?? '—', then(i)]), { id: 'trial-rungs' });
}

/** One trial: its state, parameters, seed, per-epoch history, rungs, error, and any other field of its journal line. */
export async function trialPage(main, id, round, index) {
  const page = await getJson(`/api/study/${encodeURIComponent(id)}`);
  const t = page.trials.find((x) => x.round === round && x.index === index);
  if (!t) {
    fill(main, el('h1', {}, `Study ${id}`), el('p', { class: 'error' }, `No trial ${index} in round ${round} (yet).`));
    main.dataset.state = 'ready';
    return;
  }
  fill(main,
    el('h1', {}, el('a', { href: `/study/${encodeURIComponent(id)}` }, `Study ${id}`), ` — round ${round}, trial ${index}`),
    textTable(['field', 'value'], [
      ['state', t.status], ['score', t.score === null ? '—' : num(t.score)], ['rank', t.rank === null ? '—' : String(t.rank)],
      ['seed', t.seed === null ? '—' : String(t.seed)], ['seconds', t.seconds === null ? '—' : num(t.seconds)],
      ...Object.entries(t.extra).map(([k, v]) => [k, valueText(v)]),
    ], { id: 'trial-fields' }),
    t.error && el('section', {}, el('h2', {}, 'Error'), el('p', { class: 'error', id: 'trial-error' }, t.error)),
    el('h2', {}, 'Hyperparameters'),
    textTable(['hyperparameter', 'value'], Object.entries(t.params).map(([k, v]) => [k, valueText(v)]), { id: 'trial-params' }),
    el('h2', {}, 'History'),
    t.curve.length === 0 ? el('p', { class: 'note' }, 'No epoch recorded.')
      : textTable(['epoch', `validation ${page.metric}`, 'training accuracy'], t.curve.map((c) => [c.epoch, c.score ?? '—', c.trainAccuracy ?? '—'])),
    el('h2', {}, 'Rungs'),
    rungTable(t, page.metric));
  main.dataset.state = 'ready';
}
