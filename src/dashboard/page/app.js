// The dashboard's page: one script that reads the address and draws the list, a study, a
// trial or a comparison from the server's JSON. Plain JavaScript modules, served as they are
// (no build step); data enters the page as text only (see dom.js).
import { comparisonPage } from './comparison.js';
import { el, fill } from './dom.js';
import { listPage } from './list.js';
import { studyPage } from './study.js';
import { trialPage } from './trial.js';

const main = document.getElementById('main');
const parts = location.pathname.split('/').slice(1).map(decodeURIComponent);

async function show() {
  if (parts[0] === 'study' && parts.length === 2) return studyPage(main, parts[1]);
  if (parts[0] === 'study' && parts.length === 5 && parts[2] === 'trial') return trialPage(main, parts[1], Number(parts[3]), Number(parts[4]));
  if (parts[0] === 'comparison' && parts.length === 2) return comparisonPage(main, parts[1]);
  return listPage(main);
}

show().catch((error) => {
  fill(main, el('p', { class: 'error' }, `Could not show this page: ${error.message}`));
  main.dataset.state = 'failed';
});
