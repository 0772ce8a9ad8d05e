// The entry of a trial worker thread. The pool's objective module (workerData) and the trial
// runner come both from the JavaScript bundle when it holds both and is fresh
// (../bundle/fresh-bundle.js), else both from the TypeScript through tsx (worker threads do not
// inherit the main thread's loader): never a module from each, which would load the modules
// they share twice.
import { workerData } from 'piscina';
import { bundled } from '../bundle/fresh-bundle.js';

const [entry, bundledModule] = bundled([new URL('./worker-task.ts', import.meta.url), workerData.module]) ?? [];
const { runJob } = entry ? await import(entry) : await fromSources();
const module = bundledModule ?? workerData.module;
export default (job) => runJob(job, module);

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./worker-task.ts');
}
