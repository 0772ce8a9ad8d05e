// The entry of a comparison's worker thread: the task from the JavaScript bundle when it is
// fresh (../bundle/fresh-bundle.js), else from the TypeScript through tsx (worker threads do
// not inherit the main thread's loader).
import { bundled } from '../bundle/fresh-bundle.js';

const [entry] = bundled([new URL('./comparison-task.ts', import.meta.url)]) ?? [];
const { runComparisonTask } = entry ? await import(entry) : await fromSources();
export default runComparisonTask;

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./comparison-task.ts');
}
